import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Fault } from '../emulators/faults.js';
import { subjectPseudonym } from '../src/audit/pseudonym.js';
import {
  buildTestApp,
  dpopHeaders,
  NIVALA_ORIGIN,
  TESTILA_ORIGIN,
  withoutInstance,
  type TestApp,
} from './helpers/app.js';

describe("the citizen's cases", () => {
  let t: TestApp;
  before(async () => {
    // No saved copies here (staleTtlSeconds 0): these tests are about what happens when nothing can answer.
    t = await buildTestApp(
      {},
      {
        nivala: (config) => {
          for (const id of ['lupapiste', 'evaka']) config.sources[id].resilience = { staleTtlSeconds: 0 };
          return config;
        },
      },
    );
  });
  afterEach(() => {
    t.emulator.app.faults.reset();
    t.app.sources.resetBreakers();
  });
  after(async () => t.close());

  /** Every case source of Nivala fails the same way. */
  const setLupapisteFault = (fault: Fault) => {
    t.emulator.app.faults.set('lupapiste', fault);
    t.emulator.app.faults.set('evaka', fault);
  };

  async function get(url: string, identityCode: string, extra: Record<string, string> = {}) {
    return t.app.inject({
      method: 'GET',
      url,
      headers: { ...(await dpopHeaders(t, identityCode, { url })), ...extra },
    });
  }

  test('Maija sees her three building permits, the one needing a complement flagged action required', async () => {
    const response = await get('/v1/me/cases', t.hetu.maija);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(
      body.sources.map((s: { id: string; status: string }) => [s.id, s.status]),
      [
        ['lupapiste', 'ok'],
        ['evaka', 'ok'],
      ],
    );
    assert.ok(!Number.isNaN(Date.parse(body.sources[0].fetchedAt)));
    assert.equal(body.items.filter((c: { source: string }) => c.source === 'lupapiste').length, 3);
    const statuses = body.items.map((c: { status: string }) => c.status).sort();
    assert.ok(statuses.includes('action_required'));
    assert.ok(statuses.includes('in_progress'));
    const complement = body.items.find((c: { status: string }) => c.status === 'action_required');
    assert.match(complement.id, /^lupapiste:LP-535-\d{4}-\d{5}$/);
    assert.match(complement.actions[0].href, /\/app\/fi\/applicant#!\/application\/LP-535-/);
  });

  test('Matti, who has no permits, gets an empty list from a healthy source', async () => {
    const response = await get('/v1/me/cases', t.hetu.matti);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json().items, []);
    assert.equal(response.json().sources[0].status, 'ok');
  });

  test('one case by id', async () => {
    const list = (await get('/v1/me/cases', t.hetu.maija)).json();
    const id = list.items[0].id as string;
    const response = await get(`/v1/me/cases/${id}`, t.hetu.maija);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), list.items[0]);
  });

  test("another citizen's case id gives the same 404 as a case that does not exist", async () => {
    // Juha's own permit is Haapavesi's, not shown on Nivala's pages at all; so Juha asks for Maija's here.
    const maijasCase = (await get('/v1/me/cases', t.hetu.maija)).json().items[0].id as string;
    assert.ok(maijasCase);
    const others = await get(`/v1/me/cases/${maijasCase}`, t.hetu.juha);
    const missing = await get('/v1/me/cases/lupapiste:LP-535-2026-99999', t.hetu.juha);
    const unknownSource = await get('/v1/me/cases/evaka:123', t.hetu.juha);
    for (const response of [others, missing, unknownSource]) {
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    assert.deepEqual(withoutInstance(others.body), withoutInstance(missing.body));
    assert.deepEqual(withoutInstance(others.body), withoutInstance(unknownSource.body));
    assert.equal(others.headers['content-length'], missing.headers['content-length']);
  });

  test('a malformed case id is refused before any back-end call', async () => {
    const response = await get('/v1/me/cases/LP-535-2026-00012', t.hetu.maija);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'KA_VALIDATION');
    const withQuery = await get('/v1/me/cases?personId=010280-952L', t.hetu.maija);
    assert.equal(withQuery.statusCode, 400);
  });

  for (const fault of [
    { mode: 'error' },
    { mode: 'malformed' },
    { mode: 'malformed', variant: 'shape' },
    { mode: 'refuse' },
    { mode: 'hang' },
  ] satisfies Fault[]) {
    test(`every case source failing (${fault.mode}${fault.variant ? `/${fault.variant}` : ''}) gives 503 KA_SOURCES_UNAVAILABLE within the budget`, async () => {
      setLupapisteFault(fault);
      const started = Date.now();
      const response = await get('/v1/me/cases', t.hetu.maija);
      assert.ok(Date.now() - started < 2500, 'answered within the 1.5 s budget (plus slack)');
      assert.equal(response.statusCode, 503, response.body);
      const body = response.json();
      assert.equal(body.code, 'KA_SOURCES_UNAVAILABLE');
      assert.equal(body.status, 503);
      assert.ok(body.instance);
      assert.ok(!response.body.includes('stack'));
    });
  }

  test('a case read while its source is down is 503, not 404', async () => {
    setLupapisteFault({ mode: 'error' });
    const response = await get('/v1/me/cases/lupapiste:LP-535-2026-00012', t.hetu.maija);
    assert.equal(response.statusCode, 503);
  });

  test('every successful read adds exactly one audit row about the citizen; failed reads add none', async () => {
    // Maija's own rows; a read that shows her child's case adds a row in the child's log too (my-data.test.ts).
    const count = async () => (await t.auditRows()).filter((r) => r.subject_role === 'self').length;
    let before = await count();
    const list = await get('/v1/me/cases', t.hetu.maija);
    assert.equal(list.statusCode, 200);
    assert.equal(await count(), before + 1);

    before = await count();
    const one = await get(`/v1/me/cases/${list.json().items[0].id}`, t.hetu.maija);
    assert.equal(one.statusCode, 200);
    assert.equal(await count(), before + 1);

    before = await count();
    assert.equal((await get('/v1/me/cases/lupapiste:LP-535-2026-99999', t.hetu.maija)).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me/cases' })).statusCode, 401);
    setLupapisteFault({ mode: 'error' });
    assert.equal((await get('/v1/me/cases', t.hetu.maija)).statusCode, 503);
    assert.equal(await count(), before);
  });

  test('the audit row says who read whose data, what, from where, when and why', async () => {
    const loggedBefore = t.logs.length;
    // An id chosen by the client is not taken (it would let a client forge the row's link to the log).
    const chosen = { 'request-id': 'chosen-by-the-client', 'x-request-id': 'chosen-by-the-client' };
    const response = await get('/v1/me/cases', t.hetu.maija, chosen);
    assert.equal(response.statusCode, 200, response.body);
    // The correlation id: the id the server gave this request, under which it logged it (and which a problem
    // answer would name as its `instance`). The row of this read is found by it, and only this row carries it.
    const requestIds = new Set(
      t.logs
        .slice(loggedBefore)
        .map((line) => (JSON.parse(line) as { reqId?: string }).reqId)
        .filter((id) => id !== undefined),
    );
    assert.equal(requestIds.size, 1, `the log names one request: ${[...requestIds].join(', ')}`);
    const [requestId] = requestIds;
    assert.match(requestId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = await t.auditRows();
    const matching = rows.filter((r) => r.request_id === requestId && r.subject_role === 'self');
    assert.equal(matching.length, 1, "exactly one row about her carries this request's id");
    assert.ok(!rows.some((r) => r.request_id === 'chosen-by-the-client'));
    const row = matching[0];
    assert.ok(row);
    assert.equal(row.actor_iss, 'https://idp.test');
    assert.match(row.actor_sub, /^sub-/);
    assert.equal(row.client_id, 'kunta-akkuna-nivala');
    assert.equal(row.municipality_id, 'nivala');
    assert.equal(row.data_category, 'cases');
    // The population data decided that her child's eVaka case may be shown: a use the row names too.
    assert.deepEqual(JSON.parse(row.sources), ['lupapiste', 'evaka', 'population']);
    assert.deepEqual(
      JSON.parse(row.object_refs),
      response.json().items.map((c: { id: string }) => c.id),
    );
    assert.equal(row.purpose, 'citizen_own_data');
    assert.equal(row.outcome, 'disclosed');
    assert.match(row.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(row.subject_pseudonym.length, 43);
    assert.ok(!JSON.stringify(rows).includes(t.hetu.maija), 'the identity code is never stored');
  });

  test('the same person gets the same pseudonym in every row', async () => {
    await get('/v1/me/cases', t.hetu.juha);
    await get('/v1/me/cases', t.hetu.juha);
    const [a, b] = (await t.auditRows()).slice(-2);
    assert.equal(a?.subject_pseudonym, b?.subject_pseudonym);
    assert.notEqual(a?.subject_pseudonym, subjectPseudonym(new Uint8Array(32), t.hetu.juha));
  });

  test('if the audit row cannot be written, the data is not sent', async () => {
    const original = t.app.audit.recordRead;
    t.app.audit.recordRead = async () => {
      throw new Error('disk full');
    };
    try {
      const response = await get('/v1/me/cases', t.hetu.maija);
      assert.equal(response.statusCode, 500);
      assert.equal(response.json().code, 'KA_INTERNAL');
      assert.equal(response.json().detail, undefined, '5xx details stay in the log');
      assert.ok(!response.body.includes('LP-535'));
      assert.ok(!response.body.includes('disk full'));
    } finally {
      t.app.audit.recordRead = original;
    }
  });

  test("a municipality's token is refused on another municipality's page (Origin)", async () => {
    const before = (await t.auditRows()).length;
    const response = await get('/v1/me/cases', t.hetu.maija, { origin: TESTILA_ORIGIN });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'KA_FORBIDDEN');
    assert.equal((await t.auditRows()).length, before);
    assert.ok(t.logs.some((line) => line.includes('"event":"authz_denied"')));
    const ownPage = await get('/v1/me/cases', t.hetu.maija, { origin: NIVALA_ORIGIN });
    assert.equal(ownPage.statusCode, 200);
    assert.equal(ownPage.headers['access-control-allow-origin'], NIVALA_ORIGIN);
  });

  test('personal-data responses are not cached', async () => {
    for (const response of [
      await get('/v1/me/cases', t.hetu.maija),
      await t.app.inject({ method: 'GET', url: '/v1/me/cases' }),
    ]) {
      assert.equal(response.headers['cache-control'], 'no-store');
    }
  });

  test('the identity code, tokens and proofs never appear in the log', async () => {
    setLupapisteFault({ mode: 'error' });
    const failing = await dpopHeaders(t, t.hetu.juha);
    await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: failing });
    t.emulator.app.faults.reset();
    const ok = await dpopHeaders(t, t.hetu.maija);
    await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: ok });
    await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: { authorization: 'Bearer x.y.z' } });
    // A careless client putting an identity code in a URL must not put it in our log either.
    await t.app.inject({ method: 'GET', url: `/v1/me/cases?personId=${t.hetu.matti}`, headers: ok });
    await t.app.inject({ method: 'GET', url: `/v1/people/${encodeURIComponent(t.hetu.matti)}` });
    const log = t.logs.join('\n');
    assert.ok(t.logs.length > 5, 'the log was captured');
    for (const secret of [
      t.hetu.maija,
      t.hetu.juha,
      t.hetu.matti,
      ok.authorization!.slice(5),
      ok.dpop!,
      failing.dpop!,
    ]) {
      assert.ok(!log.includes(secret), 'found a secret in the log');
    }
    const shaped = log.match(/(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z])/);
    assert.equal(shaped?.[0], undefined, 'nothing shaped like an identity code');
  });
});

describe('acr (level of assurance)', () => {
  test('a municipality that requires a level refuses a lower one with a step-up hint', async () => {
    const { loadMunicipalities } = await import('../src/tenants/load-municipalities.js');
    const nivala = loadMunicipalities({ env: { IDP_URL: 'https://idp.test', DEMO_ORIGIN: NIVALA_ORIGIN } }).find(
      (m) => m.id === 'nivala',
    );
    assert.ok(nivala);
    const t = await buildTestApp({
      municipalities: [{ ...nivala, auth: { ...nivala.auth, requiredAcr: 'http://ftn.ficora.fi/2017/loa3' } }],
    });
    try {
      const low = await t.idp.accessToken(t.hetu.maija);
      const refused = await t.app.inject({
        method: 'GET',
        url: '/v1/me/cases',
        headers: { authorization: `Bearer ${low}` },
      });
      assert.equal(refused.statusCode, 403);
      assert.match(String(refused.headers['www-authenticate']), /insufficient_user_authentication.*loa3/);
      const high = await t.idp.accessToken(t.hetu.maija, { claims: { acr: 'http://ftn.ficora.fi/2017/loa3' } });
      const accepted = await t.app.inject({
        method: 'GET',
        url: '/v1/me/cases',
        headers: { authorization: `Bearer ${high}` },
      });
      assert.notEqual(accepted.statusCode, 403);
      assert.notEqual(accepted.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
