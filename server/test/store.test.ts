import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { AuditLog } from '../src/audit/audit-log.js';
import { subjectPseudonym } from '../src/audit/pseudonym.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const HETU = '010280-952L';
const KEY = new Uint8Array(32).fill(3);

describe(`audit store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  const record = (log: AuditLog) =>
    log.recordRead({
      requestId: randomUUID(),
      actor: { iss: 'https://idp.test', sub: 'sub-1', clientId: 'kunta-akkuna-nivala' },
      municipalityId: 'nivala',
      identityCode: HETU,
      dataCategory: 'cases',
      sources: ['lupapiste'],
      objectRefs: ['lupapiste:LP-535-2026-00012'],
      purpose: 'citizen_own_data',
      outcome: 'disclosed',
    });

  test('migrating again is a no-op', async () => {
    await migrateToLatest(database.db);
    await migrateToLatest(database.db);
  });

  test('a read is stored with a pseudonym, never the identity code', async () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    await record(new AuditLog(database.db, KEY, () => now));
    const rows = await database.db.selectFrom('audit_events').selectAll().execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.occurred_at, '2026-03-01T10:00:00.000Z');
    assert.equal(row?.subject_pseudonym, subjectPseudonym(KEY, HETU));
    assert.deepEqual(JSON.parse(row?.object_refs ?? ''), ['lupapiste:LP-535-2026-00012']);
    assert.ok(!JSON.stringify(rows).includes(HETU));
  });

  test('the same person always gets the same pseudonym, and another key gives another one', () => {
    assert.equal(subjectPseudonym(KEY, HETU), subjectPseudonym(KEY, HETU));
    assert.notEqual(subjectPseudonym(KEY, HETU), subjectPseudonym(new Uint8Array(32).fill(4), HETU));
    assert.notEqual(subjectPseudonym(KEY, HETU), subjectPseudonym(KEY, '050575-955D'));
  });

  test('the audit log cannot be updated or deleted, not even by our own code', async () => {
    await record(new AuditLog(database.db, KEY, () => new Date()));
    await assert.rejects(database.db.updateTable('audit_events').set({ outcome: 'tampered' }).execute(), /append-only/);
    await assert.rejects(database.db.deleteFrom('audit_events').execute(), /append-only/);
    if (database.dialect === 'postgres') {
      await assert.rejects(sql`TRUNCATE audit_events`.execute(database.db), /append-only/);
    }
    const rows = await database.db.selectFrom('audit_events').select('outcome').execute();
    assert.ok(rows.length >= 2 && rows.every((r) => r.outcome === 'disclosed'));
  });
});
