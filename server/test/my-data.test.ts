import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testCitizen, type CitizenKey } from '../emulators/population/citizens.js';
import { AuditLog } from '../src/audit/audit-log.js';
import { KyselyAuditWriter } from '../src/audit/audit-writer.js';
import { subjectPseudonym } from '../src/audit/pseudonym.js';
import { loadSecrets, type ServerSecrets } from '../src/config/secrets.js';
import { makeTestHetu } from '../src/identity/hetu.js';
import { logScopeOf } from '../src/privacy/access-rules.js';
import type { LifeSituationChild } from '../src/rules/facts.js';
import { JobLease } from '../src/privacy/job-lease.js';
import { MyDataStore } from '../src/privacy/my-data.js';
import { DEFAULT_RETENTION } from '../src/privacy/retention.js';
import { API_BASE, buildTestApp, NIVALA_ORIGIN, type TestApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { FakeFacts } from './helpers/feed-fakes.js';
import { TEST_ISSUER } from './helpers/identity-provider.js';

/** Anything shaped like a Finnish identity code (the same shape server.ts redacts from request logs). */
const IDENTITY_CODE_SHAPE = /\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** True when `text` holds something shaped like an identity code; row ids (UUIDs) are taken out first. */
const hasIdentityCode = (text: string) => IDENTITY_CODE_SHAPE.test(text.replace(UUID, ''));

interface Entry {
  id: string;
  at: string;
  subject: { kind: 'self' } | { kind: 'child'; givenName: string };
  onBehalfOf: 'you' | 'guardian';
  sources: string[];
  controller: string;
  dataCategory: string;
  purpose: string;
  outcome: string;
}

async function call(t: TestApp, who: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, json?: unknown) {
  const token = await t.idp.accessToken(who, { claims: { cnf: { jkt: t.dpopKey.jkt } } });
  const path = url.split('?', 1)[0]!;
  const proof = await t.dpopKey.proof({
    htm: method,
    htu: `${API_BASE}${path}`,
    accessToken: token,
    iat: t.idp.nowSeconds(),
  });
  const headers: Record<string, string> = { authorization: `DPoP ${token}`, dpop: proof, origin: NIVALA_ORIGIN };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return t.app.inject({ method, url, headers, ...(json !== undefined ? { payload: JSON.stringify(json) } : {}) });
}

const hetuOf = (key: CitizenKey) => testCitizen(key).hetu;

async function logOf(t: TestApp, who: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const response = await call(t, who, 'GET', `/v1/me/access-log?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json() as { items: Entry[]; nextCursor: string | null };
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

describe('the citizen’s own data', () => {
  let t: TestApp;
  let secrets: ServerSecrets;
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
    secrets = await loadSecrets({
      env: { IDP_URL: TEST_ISSUER },
      dataDir: mkdtempSync(join(tmpdir(), 'ka-my-data-')),
    });
    t = await buildTestApp({ retention: { schedulePurge: false } }, { database, secrets });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  describe('who has used your data', () => {
    test('a citizen sees exactly their own rows, and a guardian their minor children’s, by the child’s name', async () => {
      assert.equal((await call(t, hetuOf('maija'), 'GET', '/v1/me/cases')).statusCode, 200);
      assert.equal((await call(t, hetuOf('juha'), 'GET', '/v1/me/cases')).statusCode, 200);
      const maijas = await logOf(t, hetuOf('maija'));
      const cases = maijas.filter((e) => e.dataCategory === 'cases');
      assert.ok(cases.some((e) => e.subject.kind === 'self' && e.onBehalfOf === 'you'));
      // Helmi's eVaka application was shown to her guardian: a row in Helmi's own log, which Maija sees.
      const helmis = cases.filter((e) => e.subject.kind === 'child');
      assert.ok(helmis.length >= 1, 'the child’s row is in the guardian’s view');
      assert.deepEqual(helmis[0]!.subject, { kind: 'child', givenName: 'Helmi' });
      assert.equal(helmis[0]!.onBehalfOf, 'guardian');
      assert.deepEqual(helmis[0]!.sources.includes('evaka'), true);

      const rows = await t.auditRows();
      const juha = subjectPseudonym(secrets.auditPseudonymKey, hetuOf('juha'));
      const juhasIds = new Set(rows.filter((r) => r.subject_pseudonym === juha).map((r) => r.id));
      assert.ok(juhasIds.size > 0);
      assert.ok(!maijas.some((e) => juhasIds.has(e.id)), 'no row of another citizen');
      // The child's row is under the child's own pseudonym, the one she will have when she signs in herself.
      const helmi = testCitizen('maija').children.find((c) => c.givenName === 'Helmi')!;
      const helmiRows = rows.filter(
        (r) => r.subject_pseudonym === subjectPseudonym(secrets.auditPseudonymKey, helmi.hetu),
      );
      assert.ok(helmiRows.some((r) => r.data_category === 'cases' && r.subject_role === 'guardian'));
      assert.ok(helmiRows.every((r) => JSON.parse(r.object_refs).every((ref: string) => ref.startsWith('evaka:'))));
      assert.ok(!JSON.stringify(maijas).includes(juha) && !hasIdentityCode(JSON.stringify(maijas)));
    });

    test('reading the log is itself logged, for the citizen and for each child whose rows were shown', async () => {
      const before = (await t.auditRows()).length;
      await call(t, hetuOf('maija'), 'GET', '/v1/me/access-log');
      const added = (await t.auditRows()).slice(before);
      assert.deepEqual(added.map((r) => [r.data_category, r.purpose, r.subject_role]).sort(), [
        ['access_log', 'data_subject_rights', 'guardian'],
        ['access_log', 'data_subject_rights', 'guardian'],
        ['access_log', 'data_subject_rights', 'self'],
      ]);
      assert.deepEqual(JSON.parse(added[0]!.sources), ['population']);
    });

    test('consent reads write a row, like any other read of personal data', async () => {
      const before = (await t.auditRows()).length;
      assert.equal((await call(t, hetuOf('liisa'), 'GET', '/v1/me/consent')).statusCode, 200);
      const added = (await t.auditRows()).slice(before);
      assert.equal(added.length, 1);
      assert.equal(added[0]!.data_category, 'consent');
    });

    test('paging is stable while new rows arrive', async () => {
      const matti = hetuOf('matti');
      for (let i = 0; i < 30; i += 1) await call(t, matti, 'GET', '/v1/me/consent');
      const all = await logOf(t, matti);
      const first = await call(t, matti, 'GET', '/v1/me/access-log');
      const page1 = first.json() as { items: Entry[]; nextCursor: string };
      assert.equal(page1.items.length, 20, '20 a page');
      // New rows arrive between the pages: consent reads, and the page reads themselves.
      for (let i = 0; i < 5; i += 1) await call(t, matti, 'GET', '/v1/me/consent');
      const page2 = (await call(t, matti, 'GET', `/v1/me/access-log?cursor=${page1.nextCursor}`)).json() as {
        items: Entry[];
        nextCursor: string | null;
      };
      const seen = [...page1.items, ...page2.items].map((e) => e.id);
      assert.equal(new Set(seen).size, seen.length, 'no row twice');
      // Page 1 began with the row of the full read above; from there on the pages are exactly the older rows.
      const start = all.findIndex((e) => e.id === page1.items[1]!.id);
      assert.deepEqual(
        seen.slice(1),
        all.slice(start, start + seen.length - 1).map((e) => e.id),
      );
    });

    test('a cursor the API did not give, and a limit out of range, are refused', async () => {
      for (const query of ['?cursor=bm90LWEtdXVpZA', '?cursor=../x', '?limit=0', '?limit=51', '?subject=x']) {
        const response = await call(t, hetuOf('liisa'), 'GET', `/v1/me/access-log${query}`);
        assert.equal(response.statusCode, 400, query);
      }
    });
  });

  describe('what we hold, export and removal', () => {
    let itemId: string;

    before(async () => {
      for (const key of ['maija', 'juha'] as const) {
        const granted = await call(t, hetuOf(key), 'PUT', '/v1/me/consent', { textVersion: 'feed-consent-2' });
        assert.equal(granted.statusCode, 200, granted.body);
        const feed = (await call(t, hetuOf(key), 'GET', '/v1/me/feed')).json() as { items: Array<{ id: string }> };
        const dismissed = await call(
          t,
          hetuOf(key),
          'POST',
          `/v1/me/feed/${encodeURIComponent(feed.items[0]!.id)}/dismiss`,
          {},
        );
        assert.equal(dismissed.statusCode, 204, dismissed.body);
        if (key === 'maija') itemId = feed.items[0]!.id;
        await call(t, hetuOf(key), 'GET', '/v1/me/cases');
      }
    });

    test("the feed's read of the population data is in each child's own log too", async () => {
      const children = testCitizen('maija').children.map((c) => subjectPseudonym(secrets.auditPseudonymKey, c.hetu));
      const rows = (await t.auditRows()).filter(
        (r) => r.purpose === 'proactive_feed' && r.data_category === 'life_situation',
      );
      for (const child of children) {
        const own = rows.filter((r) => r.subject_pseudonym === child);
        assert.ok(own.length > 0, 'a row under the child’s own pseudonym');
        assert.ok(own.every((r) => r.subject_role === 'guardian' && r.object_refs === '[]'));
      }
    });

    test('GET /v1/me/data lists consents with history, dismissals, saved copies and retention', async () => {
      const response = await call(t, hetuOf('maija'), 'GET', '/v1/me/data');
      assert.equal(response.statusCode, 200, response.body);
      const data = response.json();
      assert.equal(data.consents[0].municipality, 'nivala');
      assert.equal(data.consents[0].granted, true);
      assert.deepEqual(
        data.consents[0].history.map((h: { action: string }) => h.action),
        ['granted'],
      );
      assert.deepEqual(
        data.dismissals.map((d: { itemId: string }) => d.itemId),
        [itemId],
      );
      assert.ok(data.savedCopies.some((c: { source: string }) => c.source === 'lupapiste'));
      assert.equal(data.accessLog.removable, false);
      assert.ok(data.accessLog.rows > 0);
      assert.equal(data.retention.accessLogDays, DEFAULT_RETENTION.accessLogDays);
    });

    test('the export contains every kind and no other citizen’s data, and no identity code', async () => {
      const response = await call(t, hetuOf('maija'), 'GET', '/v1/me/data/export');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      const body = response.json();
      assert.ok(
        body.data.consents.length === 1 && body.data.dismissals.length === 1 && body.data.savedCopies.length > 0,
      );
      assert.ok(body.accessLog.length > 0);
      // Her children's rows are shown to her, but they are not hers to take away.
      assert.ok(body.accessLog.every((e: Entry) => e.subject.kind === 'self'));
      const juha = subjectPseudonym(secrets.auditPseudonymKey, hetuOf('juha'));
      const juhasIds = (await t.auditRows()).filter((r) => r.subject_pseudonym === juha).map((r) => r.id);
      for (const id of juhasIds) assert.ok(!response.body.includes(id), 'none of Juha’s rows');
      assert.ok(!response.body.includes(juha));
      assert.ok(!hasIdentityCode(response.body), 'no identity code');
      assert.ok(
        (await t.auditRows()).some((r) => r.data_category === 'my_data_export'),
        'the export is logged',
      );
    });

    test('a removal removes exactly its kind, and consent is withdrawn with its history kept', async () => {
      const before = (await call(t, hetuOf('maija'), 'GET', '/v1/me/data')).json();
      const juhaBefore = (await call(t, hetuOf('juha'), 'GET', '/v1/me/data')).json();

      const dismissals = await call(t, hetuOf('maija'), 'DELETE', '/v1/me/data/dismissals', {});
      assert.deepEqual(dismissals.json(), { kind: 'dismissals', removed: 1 });
      let after = (await call(t, hetuOf('maija'), 'GET', '/v1/me/data')).json();
      assert.deepEqual(after.dismissals, []);
      assert.deepEqual(after.consents, before.consents);
      assert.deepEqual(after.savedCopies, before.savedCopies);

      const copies = await call(t, hetuOf('maija'), 'DELETE', '/v1/me/data/saved_copies', {});
      assert.equal(copies.json().removed, before.savedCopies.length);
      after = (await call(t, hetuOf('maija'), 'GET', '/v1/me/data')).json();
      assert.deepEqual(after.savedCopies, []);
      assert.deepEqual(after.consents, before.consents);

      const consent = await call(t, hetuOf('maija'), 'DELETE', '/v1/me/data/consent', {});
      assert.deepEqual(consent.json(), { kind: 'consent', removed: 1 });
      after = (await call(t, hetuOf('maija'), 'GET', '/v1/me/data')).json();
      assert.equal(after.consents[0].granted, false);
      assert.deepEqual(
        after.consents[0].history.map((h: { action: string }) => h.action),
        ['granted', 'withdrawn'],
      );

      const juhaAfter = (await call(t, hetuOf('juha'), 'GET', '/v1/me/data')).json();
      assert.deepEqual(juhaAfter.dismissals, juhaBefore.dismissals);
      assert.deepEqual(juhaAfter.consents, juhaBefore.consents);
      assert.deepEqual(juhaAfter.savedCopies.length, juhaBefore.savedCopies.length);

      const rows = await t.auditRows();
      assert.ok(rows.some((r) => r.data_category === 'dismissals' && r.outcome === 'deleted'));
      // The access log is not ours to remove, and nothing else is.
      for (const kind of ['access_log', 'everything', 'consent_history']) {
        assert.equal((await call(t, hetuOf('maija'), 'DELETE', `/v1/me/data/${kind}`, {})).statusCode, 400, kind);
      }
      assert.equal((await call(t, hetuOf('maija'), 'DELETE', '/v1/me/data/dismissals')).statusCode, 415);
    });

    test('a dismissal of an unknown id puts neither the id nor an identity code in the log', async () => {
      const granted = await call(t, hetuOf('aino'), 'PUT', '/v1/me/consent', { textVersion: 'feed-consent-2' });
      assert.equal(granted.statusCode, 200);
      const before = (await t.auditRows()).length;
      const hetuShaped = makeTestHetu('1980-01-01', 950);
      for (const id of [hetuShaped, 'made-up-item']) {
        const response = await call(t, hetuOf('aino'), 'POST', `/v1/me/feed/${id}/dismiss`, {});
        assert.equal(response.statusCode, 404);
      }
      const added = (await t.auditRows()).slice(before);
      const text = JSON.stringify(added);
      assert.ok(added.length > 0, 'the feed read is still logged');
      assert.ok(!text.includes('made-up-item') && !text.includes(hetuShaped) && !hasIdentityCode(text));
      assert.ok(!t.logs.some((line) => line.includes(hetuShaped)));
    });

    test('no identity code in any access-log row or server log line', async () => {
      const text = JSON.stringify(await t.auditRows());
      assert.ok(!hasIdentityCode(text));
      for (const key of ['maija', 'juha', 'matti', 'aino', 'liisa'] as const) {
        assert.ok(!t.logs.some((line) => line.includes(hetuOf(key))), key);
      }
    });
  });

  describe('restrictions, against the population data', () => {
    test('a restricted child’s rows are not shown to the guardian, nor are any when the population data is down', async () => {
      // The same database and keys, but population data that says Maija's children have a non-disclosure.
      const facts = new FakeFacts(
        () => new Date(),
        (f, citizen) => ({
          ...f,
          children: f.children.map((c, i) => ({
            ...c,
            restricted: true,
            subjectPseudonym: subjectPseudonym(secrets.auditPseudonymKey, citizen.children[i]!.hetu),
          })),
        }),
      );
      const restricted = await buildTestApp(
        { retention: { schedulePurge: false }, feed: { facts } },
        { database, secrets, emulator: t.emulator },
      );
      try {
        const entries = await logOf(restricted, hetuOf('maija'));
        assert.ok(entries.length > 0);
        assert.ok(entries.every((e) => e.subject.kind === 'self'));
        facts.failing = true;
        assert.ok((await logOf(restricted, hetuOf('maija'))).every((e) => e.subject.kind === 'self'));
      } finally {
        await restricted.close();
      }
    });
  });
});

describe('whose rows a citizen sees (the rules)', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  const adult = makeTestHetu('1990-05-01', 901);
  const minor = makeTestHetu('2012-05-01', 902);
  const child = (fields: Partial<{ restricted: boolean; birthDate: string; subjectPseudonym: string }>) => ({
    ref: 'r',
    givenName: 'Eino',
    birthDate: '2020-01-01',
    restricted: false,
    subjectPseudonym: 'child-p',
    ...fields,
  });
  const facts = (children: LifeSituationChild[]) => ({
    birthDate: '1990-05-01',
    homeMunicipalityCode: '535',
    movedInAt: null,
    nonDisclosure: false,
    children,
  });

  test('an adult sees the rows a guardian’s requests wrote about them; a minor does not yet', () => {
    assert.equal(logScopeOf({ pseudonym: 'a', identityCode: adult }, null, now).seesGuardianRowsAboutSelf, true);
    assert.equal(logScopeOf({ pseudonym: 'm', identityCode: minor }, null, now).seesGuardianRowsAboutSelf, false);
    // The day they turn 18 (in Helsinki), the rows are theirs.
    const turns18 = makeTestHetu('2008-12-04', 903);
    assert.equal(logScopeOf({ pseudonym: 't', identityCode: turns18 }, null, now).seesGuardianRowsAboutSelf, true);
  });

  test('a guardian sees a minor, unrestricted ward; not a restricted one, not one of age, not without a pseudonym', () => {
    const scope = logScopeOf(
      { pseudonym: 'g', identityCode: adult },
      facts([
        child({}),
        child({ restricted: true, subjectPseudonym: 'restricted' }),
        child({ birthDate: '2008-12-03', subjectPseudonym: 'adult' }),
        { ref: 'x', givenName: 'Old', birthDate: '2020-01-01', restricted: false },
      ]),
      now,
    );
    assert.deepEqual(scope.children, [{ pseudonym: 'child-p', givenName: 'Eino' }]);
  });

  test('the store applies the scope: own rows, guardian rows only of age, the wards’ rows', async () => {
    const database = await createTestDatabase();
    try {
      const log = new AuditLog(new KyselyAuditWriter(database.db), new Uint8Array(32), () => now);
      const row = (subject: string, role: 'self' | 'guardian') =>
        log.recordRead({
          requestId: 'r',
          actor: { iss: 'i', sub: 's', clientId: 'c' },
          municipalityId: 'nivala',
          controller: 'nivala',
          subjectPseudonym: subject,
          subjectRole: role,
          dataCategory: 'cases',
          sources: ['evaka'],
          objectRefs: [],
          purpose: 'citizen_own_data',
          outcome: 'disclosed',
        });
      await row('child-p', 'guardian');
      await row('child-p', 'self');
      await row('other', 'self');
      const store = new MyDataStore(database.db, DEFAULT_RETENTION, () => now);
      const asMinor = await store.accessLog(
        { self: 'child-p', seesGuardianRowsAboutSelf: false, children: [] },
        { limit: 20 },
      );
      assert.deepEqual(
        asMinor.items.map((e) => e.onBehalfOf),
        ['you'],
      );
      const asAdult = await store.accessLog(
        { self: 'child-p', seesGuardianRowsAboutSelf: true, children: [] },
        { limit: 20 },
      );
      assert.deepEqual(asAdult.items.map((e) => e.onBehalfOf).sort(), ['guardian', 'you']);
      const asGuardian = await store.accessLog(
        { self: 'g', seesGuardianRowsAboutSelf: true, children: [{ pseudonym: 'child-p', givenName: 'Eino' }] },
        { limit: 20 },
      );
      assert.equal(asGuardian.items.length, 2);
      assert.ok(asGuardian.items.every((e) => e.subject.kind === 'child'));
    } finally {
      await database.drop();
    }
  });
});

describe('retention', () => {
  test('the purge removes exactly what is past retention, writes its own row, and runs one at a time', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    let now = new Date('2026-12-04T10:00:00Z');
    const clock = () => now;
    const policy = { ...DEFAULT_RETENTION, accessLogDays: 30, consentHistoryDays: 20, dismissalDays: 10 };
    try {
      const log = new AuditLog(new KyselyAuditWriter(db), new Uint8Array(32), clock);
      const read = () =>
        log.recordRead({
          requestId: 'r',
          actor: { iss: 'i', sub: 's', clientId: 'c' },
          municipalityId: 'nivala',
          controller: 'nivala',
          subjectPseudonym: 'p',
          dataCategory: 'cases',
          sources: [],
          objectRefs: [],
          purpose: 'citizen_own_data',
          outcome: 'disclosed',
        });
      const day = 86_400_000;
      const at = (days: number) => new Date(Date.parse('2026-12-04T10:00:00Z') - days * day).toISOString();
      now = new Date(at(31));
      await read();
      now = new Date(at(29));
      await read();
      // Consent: one history withdrawn 21 days ago (purged), one withdrawn 19 days ago, one granted long ago (kept).
      for (const [subject, action, days] of [
        ['old', 'granted', 40],
        ['old', 'withdrawn', 21],
        ['recent', 'granted', 40],
        ['recent', 'withdrawn', 19],
        ['inforce', 'granted', 400],
      ] as const) {
        await db
          .insertInto('feed_consent_events')
          .values({
            id: `${subject}-${action}`,
            subject_pseudonym: subject,
            municipality_id: 'nivala',
            action,
            text_version: null,
            occurred_at: at(days),
            request_id: 'r',
          })
          .execute();
      }
      for (const [subject, granted, days] of [
        ['old', 0, 21],
        ['recent', 0, 19],
        ['inforce', 1, 400],
      ] as const) {
        await db
          .insertInto('feed_consents')
          .values({
            subject_pseudonym: subject,
            municipality_id: 'nivala',
            granted,
            text_version: null,
            granted_at: null,
            updated_at: at(days),
          })
          .execute();
      }
      await db
        .insertInto('feed_dismissals')
        .values([
          { subject_pseudonym: 'p', item_id: 'old', dismissed_at: at(11) },
          { subject_pseudonym: 'p', item_id: 'new', dismissed_at: at(9) },
        ])
        .execute();
      now = new Date('2026-12-04T10:00:00Z');

      const { RetentionPurge } = await import('../src/privacy/purge.js');
      let savedCopiesPurged = 0;
      const purge = new RetentionPurge({
        db,
        audit: log,
        policy,
        now: clock,
        holder: 'me',
        purgeSavedCopies: async () => ((savedCopiesPurged += 1), 2),
      });
      // Another instance holds the lease: this one does nothing.
      const other = new JobLease(db, 'retention_purge', 'other', clock);
      assert.equal(await other.acquire(60_000), true);
      assert.equal(await purge.run(), null);
      assert.equal(savedCopiesPurged, 0);
      await other.release();

      const counts = await purge.run();
      assert.deepEqual(counts, { access_log: 1, consent_history: 2, saved_copies: 2, dismissals: 1 });
      const audit = await db.selectFrom('audit_events').selectAll().orderBy('id').execute();
      assert.equal(audit.filter((r) => r.subject_pseudonym === 'p').length, 1, 'the row within retention stays');
      const own = audit.find((r) => r.purpose === 'retention')!;
      assert.deepEqual(JSON.parse(own.object_refs), [
        'access_log:1',
        'consent_history:2',
        'saved_copies:2',
        'dismissals:1',
      ]);
      assert.deepEqual(
        (await db.selectFrom('feed_consent_events').select('id').orderBy('id').execute()).map((r) => r.id),
        ['inforce-granted', 'recent-granted', 'recent-withdrawn'],
      );
      assert.deepEqual(
        (await db.selectFrom('feed_dismissals').select('item_id').execute()).map((r) => r.item_id),
        ['new'],
      );
      // Rows within retention still cannot be deleted or changed, not even by our own code.
      await assert.rejects(db.deleteFrom('audit_events').execute(), /append-only/);
      await assert.rejects(db.updateTable('audit_events').set({ purpose: 'x' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('feed_consent_events').execute(), /append-only/);
      // The lease was given back: the next run may start at once.
      assert.notEqual(await purge.run(), null);
    } finally {
      await database.drop();
    }
  });
});
