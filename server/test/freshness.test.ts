import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Fastify from 'fastify';
import { aggregateCases, PersonalSourceCaller, type GuardedCaseSource } from '../src/aggregate/aggregate-cases.js';
import { AggregationMemo } from '../src/aggregate/aggregation-memo.js';
import type { CallContext } from '../src/connectors/contract.js';
import { FreshAnswers } from '../src/aggregate/fresh-answers.js';
import type { SourceMetrics } from '../src/aggregate/metrics.js';
import type { SourceGuard } from '../src/aggregate/source-guard.js';
import type { StaleStore } from '../src/aggregate/stale-store.js';
import { VerifiedTokenCache } from '../src/auth/verified-token-cache.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { allSourcesNivala, bearer, statusOf, timedCases, until } from './helpers/sources.js';

describe('the per-citizen freshness window', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, { nivala: allSourcesNivala(1_000), freshnessSeconds: 5 });
  });
  after(async () => t.close());
  beforeEach(() => t.emulator.app.faults.reset());

  /** Whose events: this person on Nivala's pages. */
  const audienceOf = (identityCode: string) => t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode });
  const invalidateAll = (identityCode: string) => {
    for (const source of ['lupapiste', 'evaka', 'generic', 'population']) {
      t.app.caseEvents.publish(audienceOf(identityCode), { caseId: `${source}:x`, source, status: 'in_progress' });
    }
  };

  test('a second read within the window is answered without reaching the back end, and is still audited', async () => {
    invalidateAll(t.hetu.maija);
    const first = await timedCases(t, t.hetu.maija);
    assert.equal(first.status, 200);
    assert.equal(statusOf(first, 'lupapiste')?.status, 'ok');
    // Her own rows (a read that shows her child's case writes one in the child's log too: my-data.test.ts).
    const ownRows = async () => (await t.auditRows()).filter((r) => r.subject_role === 'self').length;
    const auditBefore = await ownRows();

    // Were the back end reached, a failing Lupapiste would make the answer `stale`.
    t.emulator.app.faults.set('lupapiste', { mode: 'error' });
    const second = await timedCases(t, t.hetu.maija);
    assert.equal(second.status, 200);
    assert.deepEqual(statusOf(second, 'lupapiste'), statusOf(first, 'lupapiste'), 'ok, with the true fetchedAt');
    assert.deepEqual(
      second.body.items.map((c) => c.id),
      first.body.items.map((c) => c.id),
    );
    assert.equal(await ownRows(), auditBefore + 1, 'exactly one audit row about her for the second read');
  });

  test('within the window the same bytes are sent again; another citizen and a change event get their own', async () => {
    invalidateAll(t.hetu.maija);
    const read = async (identityCode: string) => {
      const headers = await bearer(t, identityCode);
      const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
      return response.body;
    };
    const first = await read(t.hetu.maija);
    assert.equal(await read(t.hetu.maija), first);
    const juha = await read(t.hetu.juha);
    assert.notEqual(juha, first);
    assert.ok(!juha.includes('LP-535'), "Juha never gets Maija's answer");

    const moved = await t.emulator.app.inject({
      method: 'PUT',
      url: '/__control/lupapiste/applications/LP-535-2026-00012/state',
      payload: { state: 'sent' },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    t.app.caseEvents.publish(audienceOf(t.hetu.maija), {
      caseId: 'lupapiste:LP-535-2026-00012',
      source: 'lupapiste',
      status: 'submitted',
    });
    try {
      const changed = await read(t.hetu.maija);
      assert.notEqual(changed, first);
      assert.match(changed, /"sourceStatus":"sent"/);
    } finally {
      await t.emulator.app.inject({ method: 'POST', url: '/__control/reset' });
    }
  });

  test("a citizen's reads that miss the window together share one call to each back end", async () => {
    invalidateAll(t.hetu.maija);
    invalidateAll(t.hetu.juha);
    const faults = t.emulator.app.faults;
    faults.set('lupapiste', { mode: 'delay', ms: 200 });
    const before = faults.requestCount('lupapiste');
    const [juha, ...maija] = await Promise.all([
      timedCases(t, t.hetu.juha),
      ...Array.from({ length: 5 }, () => timedCases(t, t.hetu.maija)),
    ]);
    assert.ok(maija.every((r) => r.status === 200 && statusOf(r, 'lupapiste')?.status === 'ok'));
    assert.ok(maija.every((r) => r.body.items.some((c) => c.id === 'lupapiste:LP-535-2026-00012')));
    // Juha's read at the same time is never folded into Maija's call, nor given her answer.
    assert.ok(!juha!.body.items.some((c) => c.id === 'lupapiste:LP-535-2026-00012'));
    assert.equal(
      faults.requestCount('lupapiste') - before,
      2,
      "one Lupapiste call for Maija's five reads, one for Juha's",
    );
  });

  test('a read after a change event does not join a call that started before the change', async () => {
    invalidateAll(t.hetu.maija);
    const faults = t.emulator.app.faults;
    faults.set('lupapiste', { mode: 'delay', ms: 300 });
    const before = faults.requestCount('lupapiste');
    const first = timedCases(t, t.hetu.maija);
    assert.ok(await until(() => faults.requestCount('lupapiste') - before === 1, 2000), 'the first call is out');
    t.app.caseEvents.publish(audienceOf(t.hetu.maija), {
      caseId: 'lupapiste:x',
      source: 'lupapiste',
      status: 'in_progress',
    });
    const second = timedCases(t, t.hetu.maija);
    assert.ok((await Promise.all([first, second])).every((r) => statusOf(r, 'lupapiste')?.status === 'ok'));
    assert.equal(
      faults.requestCount('lupapiste') - before,
      2,
      'the read after the change asked the back end itself, so it cannot get the answer from before the change',
    );
  });

  test('a change event for the citizen and source ends the window: the next read reaches the back end', async () => {
    invalidateAll(t.hetu.maija);
    const first = await timedCases(t, t.hetu.maija);
    assert.equal(statusOf(first, 'lupapiste')?.status, 'ok');

    t.emulator.app.faults.set('lupapiste', { mode: 'error' });
    // The path both webhooks and the poller take.
    t.app.caseEvents.publish(audienceOf(t.hetu.maija), {
      caseId: 'lupapiste:x',
      source: 'lupapiste',
      status: 'in_progress',
    });
    const second = await timedCases(t, t.hetu.maija);
    assert.equal(statusOf(second, 'lupapiste')?.status, 'stale', 'the back end was asked (and failed)');
    // Only that source's answer was forgotten.
    assert.deepEqual(statusOf(second, 'evaka'), statusOf(first, 'evaka'));
  });

  test("citizen B never gets citizen A's fresh copy", async () => {
    invalidateAll(t.hetu.maija);
    invalidateAll(t.hetu.juha);
    const maija = await timedCases(t, t.hetu.maija);
    assert.ok(maija.body.items.length > 0);

    for (const source of ['lupapiste', 'evaka', 'generic']) t.emulator.app.faults.set(source, { mode: 'error' });
    const juha = await timedCases(t, t.hetu.juha);
    const maijaIds = new Set(maija.body.items.map((c) => c.id));
    if (juha.status === 200) {
      assert.ok(!juha.body.items.some((c) => maijaIds.has(c.id)), "none of Maija's cases");
      for (const source of juha.body.sources.filter((s) => s.id !== 'population')) {
        assert.notEqual(source.status, 'ok', `${source.id} was asked for Juha, not taken from Maija's window`);
      }
    } else {
      assert.equal(juha.status, 503);
    }
  });

  test('the poller always asks the back end', async () => {
    invalidateAll(t.hetu.maija);
    const scope = t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode: t.hetu.maija });
    const lupapiste = t.app.sources.guardedCaseSources('nivala').filter((s) => s.source.id === 'lupapiste');
    const first = await t.app.caseReader.read(scope, t.app.log, lupapiste);
    assert.equal(first.sources[0]?.status, 'ok');
    t.emulator.app.faults.set('lupapiste', { mode: 'error' });
    const windowed = await t.app.caseReader.read(scope, t.app.log, lupapiste);
    assert.equal(windowed.sources[0]?.status, 'ok');
    const polled = await t.app.caseReader.read(scope, t.app.log, lupapiste, { fresh: false });
    assert.equal(polled.sources[0]?.status, 'stale');
  });
});

describe('FreshAnswers', () => {
  const key = (subjectPseudonym: string, sourceId = 'lupapiste') => ({
    municipalityId: 'nivala',
    subjectPseudonym,
    sourceId,
  });

  test('an answer lives for its window, per citizen', () => {
    let now = 0;
    const fresh = new FreshAnswers(() => now);
    assert.equal(fresh.put(key('a'), ['A'], '2026-01-01T00:00:00.000Z', 5, fresh.mark()), 5_000);
    assert.deepEqual(fresh.get(key('a')), { data: ['A'], fetchedAt: '2026-01-01T00:00:00.000Z', until: 5_000 });
    assert.equal(fresh.get(key('b')), null);
    assert.equal(fresh.get({ ...key('a'), municipalityId: 'testila' }), null);
    now = 4_999;
    assert.ok(fresh.get(key('a')));
    now = 5_000;
    assert.equal(fresh.get(key('a')), null);
    assert.equal(fresh.size, 0);
  });

  test('0 keeps nothing, and an answer fetched before an invalidation is not kept', () => {
    const fresh = new FreshAnswers(() => 0);
    fresh.put(key('a'), 1, 'x', 0, fresh.mark());
    assert.equal(fresh.get(key('a')), null);
    const mark = fresh.mark();
    fresh.invalidate('a', 'lupapiste');
    fresh.put(key('a'), 1, 'x', 5, mark);
    assert.equal(fresh.get(key('a')), null);
  });

  test('invalidation forgets only that citizen and source', () => {
    const fresh = new FreshAnswers(() => 0);
    for (const k of [key('a'), key('a', 'evaka'), key('b')]) fresh.put(k, 1, 'x', 5, fresh.mark());
    fresh.invalidate('a', 'lupapiste');
    assert.equal(fresh.get(key('a')), null);
    assert.ok(fresh.get(key('a', 'evaka')));
    assert.ok(fresh.get(key('b')));
  });
});

describe('a warm answer (aggregation memo)', () => {
  // Two case sources behind stand-in guards, on a clock the test moves.
  let now = 0;
  const fresh = new FreshAnswers(() => now);
  const noStaleCopies = { save: async () => undefined, load: async () => null } as unknown as StaleStore;
  const caller = new PersonalSourceCaller(noStaleCopies, {} as SourceMetrics, () => new Date(), fresh);
  const fetches = { a: 0, b: 0 };
  const sourceNamed = (id: 'a' | 'b'): GuardedCaseSource => ({
    controller: 'nivala',
    source: {
      id,
      timeoutMs: undefined,
      fetchCases: async () => {
        fetches[id] += 1;
        return { cases: [], skipped: [] };
      },
    },
    guard: {
      sourceId: id,
      run: (work: (context: CallContext) => Promise<unknown>) =>
        work({ signal: new AbortController().signal, deadline: 0 }),
    } as unknown as SourceGuard,
  });
  const sources = [sourceNamed('a'), sourceNamed('b')];
  const scope = { municipalityId: 'nivala', subjectPseudonym: 'p', identityCode: '010280-952L' };
  const memo = new AggregationMemo();
  const read = () => aggregateCases(sources, scope, { caller, facts: null, log: Fastify({ logger: false }).log, memo });

  test('is given again until the first of its inputs leaves its window, and not after an invalidation', async () => {
    const first = await read();
    assert.deepEqual(fetches, { a: 1, b: 1 });
    now = 3_000;
    assert.equal(await read(), first, 'the same answer object within the window');

    // b changes at 3 s: fetched again, its window now ends at 8 s, but a's still ends at 5 s.
    fresh.invalidate('p', 'b');
    const second = await read();
    assert.deepEqual(fetches, { a: 1, b: 2 });
    now = 4_999;
    assert.equal(await read(), second);
    assert.deepEqual(fetches, { a: 1, b: 2 });
    now = 5_000;
    await read();
    assert.deepEqual(fetches, { a: 2, b: 2 }, 'a is asked again when its window ends, although b is still fresh');
  });
});

describe('VerifiedTokenCache', () => {
  test('a verified token is kept until it expires, and no longer', () => {
    const cache = new VerifiedTokenCache<string>();
    const key = 'header.payload.signature';
    cache.set(key, '010101A123N', 10_000, 0);
    assert.equal(cache.get(key, 9_999), '010101A123N');
    assert.equal(cache.get(key, 10_000), null);
    assert.equal(cache.size, 0);
    cache.set(key, '010101A123N', 10_000, 10_000);
    assert.equal(cache.get(key, 10_000), null, 'an expired token is not cached');
  });

  test('bounded: the least recently used entry goes first', () => {
    const cache = new VerifiedTokenCache<string>(2);
    cache.set('a', 'A', 100, 0);
    cache.set('b', 'B', 100, 0);
    cache.get('a', 1);
    cache.set('c', 'C', 100, 0);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b', 1), null);
    assert.equal(cache.get('a', 1), 'A');
    assert.equal(cache.get('c', 1), 'C');
  });

  test('only the very same token is found, not another one ending in the same signature', () => {
    const cache = new VerifiedTokenCache<string>();
    const signature = 's'.repeat(86);
    cache.set(`header.payload-of-maija.${signature}`, 'maija', 10_000, 0);
    assert.equal(cache.get(`header.payload-of-maija.${signature}`, 1), 'maija');
    assert.equal(cache.get(`header.payload-of-juha.${signature}`, 1), null);
  });

  test('a token verified once is refused once it has expired', async () => {
    let clock = Date.now();
    const t = await buildTestApp({ now: () => new Date(clock) });
    try {
      const headers = { authorization: `Bearer ${await t.idp.accessToken(t.hetu.maija)}` };
      assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers })).statusCode, 200);
      clock += 400_000; // past exp (300 s) and the 60 s clock tolerance
      const late = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers });
      assert.equal(late.statusCode, 401, late.body);
    } finally {
      await t.close();
    }
  });

  test('a second request with the same token is still fully authenticated', async () => {
    const t = await buildTestApp();
    try {
      const token = await t.idp.accessToken(t.hetu.maija);
      for (let i = 0; i < 2; i += 1) {
        const r = await t.app.inject({
          method: 'GET',
          url: '/v1/me/cases',
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(r.statusCode, 200);
      }
      const tampered = `${token.slice(0, -4)}AAAA`;
      const r = await t.app.inject({
        method: 'GET',
        url: '/v1/me/cases',
        headers: { authorization: `Bearer ${tampered}` },
      });
      assert.equal(r.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
