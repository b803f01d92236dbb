import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type PersonalDataRead } from '../src/audit/audit-log.js';
import { SqliteThreadAuditWriter } from '../src/audit/sqlite-audit-writer.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { KyselyAuditWriter } from '../src/audit/audit-writer.js';
import { subjectPseudonym } from '../src/audit/pseudonym.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const HETU = '010280-952L';
const KEY = new Uint8Array(32).fill(3);
const READ = {
  requestId: '',
  actor: { iss: 'https://idp.test', sub: 'sub-1', clientId: 'kunta-akkuna-nivala' },
  municipalityId: 'nivala',
  controller: 'nivala',
  identityCode: HETU,
  dataCategory: 'cases',
  sources: ['lupapiste'],
  objectRefs: ['lupapiste:LP-535-2026-00012'],
  purpose: 'citizen_own_data',
  outcome: 'disclosed',
} satisfies PersonalDataRead;

describe(`audit store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  const record = (log: AuditLog) => log.recordRead({ ...READ, requestId: randomUUID() });

  test('migrating again is a no-op', async () => {
    await migrateToLatest(database.db);
    await migrateToLatest(database.db);
  });

  test('a read is stored with a pseudonym, never the identity code', async () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    await record(new AuditLog(new KyselyAuditWriter(database.db), KEY, () => now));
    const rows = await database.db.selectFrom('audit_events').selectAll().execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.occurred_at, '2026-03-01T10:00:00.000Z');
    assert.equal(row?.subject_pseudonym, subjectPseudonym(KEY, HETU));
    assert.deepEqual(JSON.parse(row?.object_refs ?? ''), ['lupapiste:LP-535-2026-00012']);
    assert.ok(!JSON.stringify(rows).includes(HETU));
  });

  test('reads that arrive together share one commit, and each resolves only once its own row is stored', async () => {
    let inserts = 0;
    const counting = database.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'InsertQueryNode') inserts += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const log = new AuditLog(new KyselyAuditWriter(counting), KEY, () => new Date());
    const before = (await database.db.selectFrom('audit_events').select('id').execute()).length;
    const storedWhenResolved = await Promise.all(
      Array.from({ length: 40 }, async () => {
        await record(log);
        return (await database.db.selectFrom('audit_events').select('id').execute()).length > before;
      }),
    );
    assert.ok(storedWhenResolved.every(Boolean));
    assert.equal(inserts, 1, 'one INSERT for the 40 reads');
    const after = (await database.db.selectFrom('audit_events').select('id').execute()).length;
    assert.equal(after - before, 40);
  });

  test('when the log cannot be written, every waiting read fails (and so sends nothing)', async () => {
    const broken = await createTestDatabase();
    await broken.drop();
    const log = new AuditLog(new KyselyAuditWriter(broken.db), KEY, () => new Date());
    const results = await Promise.allSettled([record(log), record(log), record(log)]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    );
  });

  test('the same person always gets the same pseudonym, and another key gives another one', () => {
    assert.equal(subjectPseudonym(KEY, HETU), subjectPseudonym(KEY, HETU));
    assert.notEqual(subjectPseudonym(KEY, HETU), subjectPseudonym(new Uint8Array(32).fill(4), HETU));
    assert.notEqual(subjectPseudonym(KEY, HETU), subjectPseudonym(KEY, '050575-955D'));
  });

  test('the audit log cannot be updated or deleted, not even by our own code', async () => {
    await record(new AuditLog(new KyselyAuditWriter(database.db), KEY, () => new Date()));
    await assert.rejects(database.db.updateTable('audit_events').set({ outcome: 'tampered' }).execute(), /append-only/);
    await assert.rejects(database.db.deleteFrom('audit_events').execute(), /append-only/);
    if (database.dialect === 'postgres') {
      await assert.rejects(sql`TRUNCATE audit_events`.execute(database.db), /append-only/);
    }
    const rows = await database.db.selectFrom('audit_events').select('outcome').execute();
    assert.ok(rows.length >= 2 && rows.every((r) => r.outcome === 'disclosed'));
  });
});

describe('audit log on an SQLite file (written from a thread of its own)', () => {
  let dir: string;
  let file: string;
  let db: Db;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ka-audit-'));
    ({ db, sqliteFile: file } = openDatabase({ sqliteFile: join(dir, 'audit.sqlite') }) as {
      db: Db;
      sqliteFile: string;
    });
    await migrateToLatest(db);
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('concurrent reads are all stored, each before its promise resolves, and readable by the server connection', async () => {
    const writer = new SqliteThreadAuditWriter(file);
    try {
      const log = new AuditLog(writer, KEY, () => new Date());
      const requestIds = Array.from({ length: 60 }, () => randomUUID());
      await Promise.all(
        requestIds.map(async (requestId) => {
          await log.recordRead({ ...READ, requestId });
          const row = await db
            .selectFrom('audit_events')
            .select('id')
            .where('request_id', '=', requestId)
            .executeTakeFirst();
          assert.ok(row, 'stored before the promise resolved');
        }),
      );
      const rows = await db.selectFrom('audit_events').selectAll().where('request_id', 'in', requestIds).execute();
      assert.equal(rows.length, 60);
      // Every column lands in its own place (the thread binds the values by position).
      for (const row of rows) {
        assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.ok(!Number.isNaN(Date.parse(row.occurred_at)));
        assert.deepEqual(
          { ...row, id: undefined, occurred_at: undefined, request_id: undefined },
          {
            id: undefined,
            occurred_at: undefined,
            request_id: undefined,
            actor_iss: READ.actor.iss,
            actor_sub: READ.actor.sub,
            client_id: READ.actor.clientId,
            municipality_id: 'nivala',
            controller: 'nivala',
            subject_pseudonym: subjectPseudonym(KEY, HETU),
            data_category: 'cases',
            sources: '["lupapiste"]',
            object_refs: '["lupapiste:LP-535-2026-00012"]',
            purpose: 'citizen_own_data',
            outcome: 'disclosed',
            subject_role: 'self',
          },
        );
      }
      // The append-only triggers hold for these rows too.
      await assert.rejects(db.deleteFrom('audit_events').execute(), /append-only/);
    } finally {
      await writer.close();
    }
  });

  test('writes queued behind a commit share the next one, and one bad write fails alone', async () => {
    const writer = new SqliteThreadAuditWriter(file);
    try {
      const row = (requestId: string, id = randomUUID()) => ({
        id,
        occurred_at: new Date().toISOString(),
        request_id: requestId,
        actor_iss: READ.actor.iss,
        actor_sub: READ.actor.sub,
        client_id: READ.actor.clientId,
        municipality_id: 'nivala',
        subject_pseudonym: 'p',
        data_category: 'cases',
        sources: '[]',
        object_refs: '[]',
        purpose: 'citizen_own_data',
        outcome: 'disclosed',
      });
      const taken = randomUUID();
      await writer.write([row('first', taken)]);
      const [before, duplicate, after] = await Promise.allSettled([
        writer.write([row('queued-1'), row('queued-2')]),
        writer.write([row('duplicate-id', taken)]),
        writer.write([row('queued-3')]),
      ]);
      assert.equal(before.status, 'fulfilled');
      assert.equal(duplicate.status, 'rejected');
      assert.equal(after.status, 'fulfilled');
      const stored = await db
        .selectFrom('audit_events')
        .select('request_id')
        .where('request_id', 'in', ['queued-1', 'queued-2', 'queued-3', 'duplicate-id'])
        .execute();
      assert.deepEqual(stored.map((r) => r.request_id).sort(), ['queued-1', 'queued-2', 'queued-3']);
    } finally {
      await writer.close();
    }
  });

  test('the writer thread yields the CPU to the server thread (Linux: niceness 10 on that thread alone)', async (t) => {
    if (process.platform !== 'linux') return t.skip('thread priorities are read from /proc');
    const niceness = () =>
      readdirSync('/proc/self/task').map((tid) => {
        // Field 19 of stat; the command name (field 2) may contain spaces, so count from its closing parenthesis.
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return { tid: Number(tid), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
      });
    const before = new Set(niceness().map((thread) => thread.tid));
    const serverThread = () => niceness().find((thread) => thread.tid === process.pid)?.nice;
    const serverNiceness = serverThread();
    const writer = new SqliteThreadAuditWriter(file);
    try {
      await new AuditLog(writer, KEY, () => new Date()).recordRead({ ...READ, requestId: randomUUID() });
      const started = niceness().filter((thread) => !before.has(thread.tid));
      assert.ok(
        started.some((thread) => thread.nice >= 10),
        `a new thread at niceness 10: ${JSON.stringify(started)}`,
      );
      assert.equal(serverThread(), serverNiceness, 'the server thread keeps its own');
    } finally {
      await writer.close();
    }
  });

  test('a write the thread cannot do fails, and the next thread-backed write works again', async () => {
    const broken = new SqliteThreadAuditWriter(join(dir, 'missing', 'no.sqlite'));
    const log = new AuditLog(broken, KEY, () => new Date());
    await assert.rejects(log.recordRead({ ...READ, requestId: randomUUID() }));
    await broken.close();

    const writer = new SqliteThreadAuditWriter(file);
    try {
      await new AuditLog(writer, KEY, () => new Date()).recordRead({ ...READ, requestId: randomUUID() });
    } finally {
      await writer.close();
    }
  });
});
