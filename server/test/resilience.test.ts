import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Fault } from '../emulators/faults.js';
import { SourceUnavailableError } from '../src/connectors/contract.js';
import { DEFAULT_FRESHNESS_SECONDS } from '../src/aggregate/fresh-answers.js';
import { loadSecrets, type ServerSecrets } from '../src/config/secrets.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import {
  allSourcesNivala,
  CASE_SOURCES,
  closedPort,
  emulatorConnections,
  forgetSavedCopies,
  statusOf,
  timedCases,
  until,
  type TimedCases,
} from './helpers/sources.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BUDGET_MS = 400;
// The brief: within budget + 100 ms. On a machine shared with other test runs (load far above its cores), the
// event loop itself lags; KA_TIMING_SLACK_MS widens the margin there without changing what is tested.
const SLACK_MS = Number(process.env.KA_TIMING_SLACK_MS ?? 100);

// Every kind of failure a back end can show, as the emulators inject it.
const FAULTS: Array<{ name: string; fault: Fault }> = [
  { name: 'beyond the budget', fault: { mode: 'delay', ms: BUDGET_MS + 400 } },
  { name: 'HTTP 500', fault: { mode: 'error' } },
  { name: 'a malformed body', fault: { mode: 'malformed' } },
  { name: 'a body of the wrong shape', fault: { mode: 'malformed', variant: 'shape' } },
  { name: 'a hang', fault: { mode: 'hang' } },
  { name: 'a reset connection (refuse mode)', fault: { mode: 'refuse' } },
];

/**
 * One timed request, asserted within the faulty source's budget + SLACK_MS. Every request counts (no best of N):
 * a real overrun fails the test. Callers warm the app up first (an app's first request compiles schemas and opens
 * pools and sockets), so what is timed is the request, not the start-up.
 */
async function casesWithinBudget(t: TestApp, identityCode: string): Promise<TimedCases> {
  const result = await timedCases(t, identityCode);
  assert.ok(
    result.ms < BUDGET_MS + SLACK_MS,
    `answered in ${Math.round(result.ms)} ms; the budget is ${BUDGET_MS} ms + ${SLACK_MS} ms`,
  );
  return result;
}

async function addGenericCaseFor(t: TestApp, identityCode: string): Promise<void> {
  const response = await fetch(`${t.emulator.url}/__control/generic/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ henkilotunnus: identityCode, asianumero: 'NV-KH-2026-0007', tila: 'VASTAANOTETTU' }),
  });
  assert.equal(response.status, 201);
}

describe('one failing source among three (fault matrix)', () => {
  let t: TestApp;
  let secrets: ServerSecrets;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ka-resilience-'));
    secrets = await loadSecrets({ env: {}, dataDir });
    t = await buildTestApp({}, { nivala: allSourcesNivala(BUDGET_MS), secrets });
    await addGenericCaseFor(t, t.hetu.maija);
    await timedCases(t, t.hetu.maija); // the first request of a process compiles schemas and opens pools
  });
  beforeEach(async () => {
    t.emulator.app.faults.reset();
    t.app.sources.resetBreakers();
    await forgetSavedCopies(t, t.hetu.maija);
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const source of CASE_SOURCES) {
    for (const { name, fault } of FAULTS) {
      test(`${source} failing with ${name}: marked unavailable within the budget, then served from the saved copy as stale`, async () => {
        const others = CASE_SOURCES.filter((s) => s !== source);

        // No saved copy yet: the failing source is unavailable, the others answer.
        t.emulator.app.faults.set(source, fault);
        const first = await casesWithinBudget(t, t.hetu.maija);
        assert.equal(first.status, 200);
        assert.deepEqual(statusOf(first, source), { id: source, status: 'unavailable', fetchedAt: null });
        for (const other of others) {
          assert.equal(statusOf(first, other)?.status, 'ok', `${other} still ok`);
          assert.ok(
            first.body.items.some((c) => c.source === other),
            `${other}'s cases kept`,
          );
        }
        assert.ok(!first.body.items.some((c) => c.source === source));

        // Healthy again: everything is ok and the answer is saved.
        t.emulator.app.faults.set(source, { mode: 'none' });
        const healthy = await timedCases(t, t.hetu.maija);
        assert.deepEqual(
          healthy.body.sources.map((s) => s.status),
          ['ok', 'ok', 'ok'],
        );
        const saved = healthy.body.items.filter((c) => c.source === source);
        assert.ok(saved.length > 0);

        // Failing again, within the stale window: the saved copy is served, marked stale with its time.
        t.emulator.app.faults.set(source, fault);
        const stale = await casesWithinBudget(t, t.hetu.maija);
        const marked = statusOf(stale, source);
        assert.equal(marked?.status, 'stale');
        assert.equal(marked?.fetchedAt, statusOf(healthy, source)?.fetchedAt);
        assert.deepEqual(
          stale.body.items.filter((c) => c.source === source),
          saved,
        );
        for (const other of others) assert.equal(statusOf(stale, other)?.status, 'ok');
      });
    }
  }

  for (const source of CASE_SOURCES) {
    test(`${source} on a closed port (connection refused): unavailable at once, or stale from the saved copy`, async () => {
      // Same database and secrets: the saved copy written by one server instance is served by another.
      const healthy = await timedCases(t, t.hetu.maija);
      assert.equal(statusOf(healthy, source)?.status, 'ok');
      const port = await closedPort();
      const broken = await buildTestApp(
        {},
        {
          nivala: allSourcesNivala(BUDGET_MS, (config) => {
            config.sources[source].baseUrl = `http://127.0.0.1:${port}/${source}`;
          }),
          secrets,
          database: t.database,
          emulator: t.emulator,
        },
      );
      try {
        // Warm-up by another citizen (this app's first request compiles schemas and opens its pools); Maija's
        // saved copies are not touched by it.
        await timedCases(broken, broken.hetu.juha);
        const stale = await casesWithinBudget(broken, broken.hetu.maija);
        assert.equal(statusOf(stale, source)?.status, 'stale');
        assert.equal(statusOf(stale, source)?.fetchedAt, statusOf(healthy, source)?.fetchedAt);
        await forgetSavedCopies(broken, broken.hetu.maija);
        const refused = await casesWithinBudget(broken, broken.hetu.maija);
        assert.deepEqual(statusOf(refused, source), { id: source, status: 'unavailable', fetchedAt: null });
        for (const other of CASE_SOURCES.filter((s) => s !== source)) {
          assert.equal(statusOf(refused, other)?.status, 'ok');
        }
      } finally {
        await broken.close();
      }
    });
  }

  test('when every source fails and nothing is saved, the answer is 503 with a generic body', async () => {
    for (const source of CASE_SOURCES) t.emulator.app.faults.set(source, { mode: 'error' });
    const result = await timedCases(t, t.hetu.maija);
    assert.equal(result.status, 503);
    assert.equal((result.body as unknown as { code: string }).code, 'KA_SOURCES_UNAVAILABLE');
  });

  test("citizen B never receives citizen A's saved copy", async () => {
    await forgetSavedCopies(t, t.hetu.juha);
    const maija = await timedCases(t, t.hetu.maija);
    assert.equal(statusOf(maija, 'lupapiste')?.status, 'ok');
    const maijasIds = new Set(maija.body.items.map((c) => c.id));

    t.emulator.app.faults.set('lupapiste', { mode: 'error' });
    const juha = await timedCases(t, t.hetu.juha);
    assert.deepEqual(statusOf(juha, 'lupapiste'), { id: 'lupapiste', status: 'unavailable', fetchedAt: null });
    assert.ok(!juha.body.items.some((c) => maijasIds.has(c.id)));

    // Even a row copied under B's key in the database does not decrypt for B (the key triple is authenticated).
    const maijaKey = t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode: t.hetu.maija });
    const juhaKey = t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode: t.hetu.juha });
    const row = await t.database.db
      .selectFrom('source_snapshots')
      .selectAll()
      .where('subject_pseudonym', '=', maijaKey.subjectPseudonym)
      .where('source_id', '=', 'lupapiste')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('source_snapshots')
      .values({ ...row, subject_pseudonym: juhaKey.subjectPseudonym })
      .execute();
    const copied = await timedCases(t, t.hetu.juha);
    assert.equal(statusOf(copied, 'lupapiste')?.status, 'unavailable');
    assert.ok(!copied.body.items.some((c) => maijasIds.has(c.id)));
  });

  test('saved copies are encrypted at rest and hold no identity code', async () => {
    await timedCases(t, t.hetu.maija);
    const rows = await t.database.db.selectFrom('source_snapshots').selectAll().execute();
    assert.ok(rows.length >= 3);
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(t.hetu.maija));
    assert.ok(!text.includes('LP-535'), 'case ids are inside the ciphertext');
    for (const row of rows) assert.ok(row.expires_at > row.fetched_at, 'every copy expires');
  });
});

describe("one failing source among three, with the server's default freshness window", () => {
  let t: TestApp;
  const reached = () => Object.fromEntries(CASE_SOURCES.map((s) => [s, t.emulator.app.faults.requestCount(s)]));
  const itemsOf = (result: TimedCases, source: string) => result.body.items.filter((c) => c.source === source);
  /** A change event for Maija from `sources` (as a webhook or the poller sends): their answers leave the window. */
  const changeEvent = (...sources: string[]) => {
    const audience = t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode: t.hetu.maija });
    for (const source of sources) {
      t.app.caseEvents.publish(audience, { caseId: `${source}:x`, source, status: 'in_progress' });
    }
  };
  before(async () => {
    t = await buildTestApp({}, { nivala: allSourcesNivala(BUDGET_MS), freshnessSeconds: 'default' });
    await addGenericCaseFor(t, t.hetu.maija);
    await timedCases(t, t.hetu.maija); // warm-up
  });
  beforeEach(async () => {
    t.emulator.app.faults.reset();
    t.app.sources.resetBreakers();
    await forgetSavedCopies(t, t.hetu.maija);
    changeEvent(...CASE_SOURCES, 'population');
  });
  after(async () => t.close());

  for (const source of CASE_SOURCES) {
    for (const { name, fault } of FAULTS) {
      test(`${source} failing with ${name}: the window keeps the good answer it has; once it is asked, exactly ${source} is marked and the others keep theirs`, async () => {
        const others = CASE_SOURCES.filter((s) => s !== source);
        const healthy = await timedCases(t, t.hetu.maija);
        assert.deepEqual(
          healthy.body.sources.map((s) => s.status),
          ['ok', 'ok', 'ok'],
        );
        for (const id of CASE_SOURCES) assert.ok(itemsOf(healthy, id).length > 0, `${id} has cases`);

        // Within the window the good answer of a moment ago is given again, true fetchedAt and all, without
        // asking any back end: the fault is not seen yet (by design, for at most the window).
        t.emulator.app.faults.set(source, fault);
        const asked = reached();
        const windowed = await casesWithinBudget(t, t.hetu.maija);
        assert.deepEqual(windowed.body, healthy.body);
        assert.deepEqual(reached(), asked, 'no back end was asked');

        // A change event ends that source's window only: the read asks it, it fails, and it alone is marked,
        // stale from the saved copy with its time; the others are still given from their window, cases and all.
        changeEvent(source);
        const stale = await casesWithinBudget(t, t.hetu.maija);
        assert.equal(stale.status, 200);
        assert.deepEqual(statusOf(stale, source), { ...statusOf(healthy, source), status: 'stale' });
        assert.deepEqual(itemsOf(stale, source), itemsOf(healthy, source));
        const afterStale = reached();
        assert.ok(afterStale[source]! > asked[source]!, `${source} was asked`);
        for (const other of others) {
          assert.deepEqual(statusOf(stale, other), statusOf(healthy, other), `${other} still ok, from the window`);
          assert.deepEqual(itemsOf(stale, other), itemsOf(healthy, other), `${other}'s cases kept`);
          assert.equal(afterStale[other], asked[other], `${other} not asked again`);
        }

        // A failure is never kept in the window: with no saved copy either, the next read asks the source again
        // and it is unavailable, while the others still answer from their window.
        await forgetSavedCopies(t, t.hetu.maija);
        const unavailable = await casesWithinBudget(t, t.hetu.maija);
        assert.equal(unavailable.status, 200);
        assert.deepEqual(statusOf(unavailable, source), { id: source, status: 'unavailable', fetchedAt: null });
        assert.deepEqual(itemsOf(unavailable, source), []);
        assert.ok(reached()[source]! > afterStale[source]!, `${source} was asked again`);
        for (const other of others) {
          assert.deepEqual(statusOf(unavailable, other), statusOf(healthy, other));
          assert.deepEqual(itemsOf(unavailable, other), itemsOf(healthy, other));
        }
      });
    }
  }

  test('a fault hides behind the window for at most the window: when it ends, the source is asked and marked', async () => {
    const healthy = await timedCases(t, t.hetu.maija);
    const windowEnds = performance.now() + DEFAULT_FRESHNESS_SECONDS * 1000;
    t.emulator.app.faults.set('lupapiste', { mode: 'error' });
    assert.deepEqual((await timedCases(t, t.hetu.maija)).body, healthy.body, 'within the window');

    await new Promise((resolve) => setTimeout(resolve, windowEnds - performance.now() + 100));
    const asked = reached();
    const after = await casesWithinBudget(t, t.hetu.maija);
    assert.ok(reached().lupapiste! > asked.lupapiste!, 'Lupapiste was asked');
    assert.deepEqual(statusOf(after, 'lupapiste'), { ...statusOf(healthy, 'lupapiste'), status: 'stale' });
    assert.deepEqual(itemsOf(after, 'lupapiste'), itemsOf(healthy, 'lupapiste'));
    for (const other of ['evaka', 'generic']) {
      assert.equal(statusOf(after, other)?.status, 'ok');
      assert.ok(statusOf(after, other)!.fetchedAt! > statusOf(healthy, other)!.fetchedAt!, `${other} fetched anew`);
      assert.deepEqual(itemsOf(after, other), itemsOf(healthy, other), `${other}'s cases kept`);
    }
  });
});

describe('circuit breaker', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(
      {},
      {
        nivala: allSourcesNivala(BUDGET_MS, (config) => {
          config.sources.lupapiste.resilience = {
            breaker: { failureThreshold: 3, windowMs: 10_000, resetTimeoutMs: 1_000 },
            staleTtlSeconds: 0,
          };
        }),
      },
    );
  });
  after(async () => t.close());

  test('opens after its threshold, fails fast without reaching the back end, then lets exactly one probe through', async () => {
    const faults = t.emulator.app.faults;
    faults.set('lupapiste', { mode: 'error' });
    const reached = () => faults.requestCount('lupapiste');

    const start = reached();
    for (let i = 0; i < 3; i += 1) {
      assert.equal(statusOf(await timedCases(t, t.hetu.maija), 'lupapiste')?.status, 'unavailable');
    }
    assert.equal(reached() - start, 3);
    const guard = t.app.sources.guard('nivala', 'lupapiste');
    assert.equal(guard?.breaker.state, 'open');

    // Open: the call is refused at once and never reaches Lupapiste.
    const beforeOpen = reached();
    const result = await timedCases(t, t.hetu.maija);
    assert.equal(statusOf(result, 'lupapiste')?.status, 'unavailable');
    assert.equal(statusOf(result, 'evaka')?.status, 'ok');
    const started = performance.now();
    await assert.rejects(
      guard!.run(async () => 'never'),
      (error: unknown) => {
        return error instanceof SourceUnavailableError && error.reason === 'breaker_open';
      },
    );
    // Far below the budget (a call that waited for anything would take it); not a few ms, which one stall of a
    // loaded machine's event loop exceeds.
    assert.ok(performance.now() - started < BUDGET_MS / 8, 'failed fast');
    assert.equal(reached(), beforeOpen, 'nothing reached the back end while open');

    // After resetTimeout: half-open, exactly one probe among concurrent calls; its success closes the breaker.
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    faults.set('lupapiste', { mode: 'delay', ms: 150 });
    const beforeProbe = reached();
    const concurrent = await Promise.all([0, 1, 2, 3].map(() => timedCases(t, t.hetu.maija)));
    assert.equal(reached() - beforeProbe, 1, 'exactly one probe');
    assert.equal(concurrent.filter((r) => statusOf(r, 'lupapiste')?.status === 'ok').length, 1);
    assert.equal(guard?.breaker.state, 'closed');

    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    for (const state of ['open', 'half_open', 'closed']) {
      assert.match(
        metrics,
        new RegExp(
          `ka_source_breaker_transitions_total\\{municipality="nivala",source="lupapiste",state="${state}"\\} 1`,
        ),
      );
    }
    assert.match(metrics, /ka_source_rejections_total\{[^}]*reason="breaker_open"[^}]*source="lupapiste"\} [1-9]/);
  });
});

describe('sockets and bulkheads', () => {
  const EVAKA_BUDGET_MS = 5_000;
  // These tests are about capacity, not time: a roomier budget, so that several reads at once on a loaded
  // machine (the emulators share this process) are not mistaken for a slow source.
  const ROOMY_BUDGET_MS = 1_000;
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(
      {},
      {
        nivala: allSourcesNivala(ROOMY_BUDGET_MS, (config) => {
          config.sources.evaka.resilience = { ...config.sources.evaka.resilience, concurrency: 2 };
          // Long enough that calls hanging in eVaka hold its two places for the whole of the bulkhead test.
          config.sources.evaka.timeoutMs = EVAKA_BUDGET_MS;
        }),
      },
    );
  });
  beforeEach(() => {
    t.emulator.app.faults.reset();
    t.app.sources.resetBreakers();
  });
  after(async () => t.close());

  test('after a hung source, the open sockets return to where they were (the timeout aborts the socket)', async () => {
    await timedCases(t, t.hetu.maija); // warm pools: keep-alive sockets are the baseline
    const baseline = await emulatorConnections(t);
    const poolBaseline = t.app.sources.openSockets('lupapiste');

    t.emulator.app.faults.set('lupapiste', { mode: 'hang' });
    const hung = await timedCases(t, t.hetu.liisa);
    assert.ok(hung.ms < ROOMY_BUDGET_MS + SLACK_MS, `answered in ${Math.round(hung.ms)} ms`);
    // The fault stays on: only our abort can have closed the hanging connection.
    assert.ok(await until(() => t.emulator.app.faults.hangingCount('lupapiste') === 0, 5000), 'hung socket closed');
    assert.ok(await until(async () => (await emulatorConnections(t)) <= baseline, 5000), 'back to baseline');
    assert.ok(t.app.sources.openSockets('lupapiste') <= poolBaseline);
  });

  test('flooding one source to its capacity rejects only that source', async () => {
    t.emulator.app.faults.set('evaka', { mode: 'delay', ms: 250 });
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => timedCases(t, t.hetu.maija)));
    const evaka = results.map((r) => statusOf(r, 'evaka')?.status);
    assert.equal(evaka.filter((s) => s === 'ok').length, 2, `evaka: ${evaka.join(', ')}`);
    for (const result of results) {
      assert.equal(statusOf(result, 'lupapiste')?.status, 'ok');
      assert.equal(statusOf(result, 'generic')?.status, 'ok');
    }
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(
      metrics,
      /ka_source_rejections_total\{municipality="nivala",reason="bulkhead_full",source="evaka"\} 3/,
    );
    assert.doesNotMatch(metrics, /reason="bulkhead_full",source="(lupapiste|generic)"/);
  });

  test("while one source's bulkhead is full of hanging calls, the others' answers keep their latency", async () => {
    const faults = t.emulator.app.faults;
    const guard = t.app.sources.guard('nivala', 'evaka')!;
    const rejected = async () => {
      const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      const line = /ka_source_rejections_total\{municipality="nivala",reason="bulkhead_full",source="evaka"\} (\d+)/;
      return Number(line.exec(metrics)?.[1] ?? 0);
    };
    const p95 = (results: TimedCases[]) => {
      const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
      return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
    };
    const N = 20;
    const baseline: TimedCases[] = [];
    for (let i = 0; i < N; i += 1) baseline.push(await timedCases(t, t.hetu.maija));
    await forgetSavedCopies(t, t.hetu.maija); // eVaka refused then shows as unavailable, not from a saved copy

    // Two reads hang in eVaka until its budget (5 s) and so fill its bulkhead (capacity 2).
    faults.set('evaka', { mode: 'hang' });
    const holders = [0, 1].map(() => timedCases(t, t.hetu.juha));
    try {
      assert.ok(await until(() => guard.inFlight === 2 && faults.hangingCount('evaka') >= 2, 5000), 'eVaka full');
      const rejectedBefore = await rejected();
      const during: TimedCases[] = [];
      for (let i = 0; i < N; i += 1) during.push(await timedCases(t, t.hetu.maija));

      // Every one of them met the full bulkhead (refused there at once, not queued behind it)…
      assert.equal((await rejected()) - rejectedBefore, N, 'each read was refused by the full bulkhead');
      assert.equal(guard.inFlight, 2, 'the hanging calls still hold eVaka');
      for (const result of during) {
        assert.equal(result.status, 200);
        assert.deepEqual(statusOf(result, 'evaka'), { id: 'evaka', status: 'unavailable', fetchedAt: null });
        for (const other of ['lupapiste', 'generic']) assert.equal(statusOf(result, other)?.status, 'ok');
        assert.ok(result.body.items.some((c) => c.source === 'lupapiste'));
      }
      // …and the others' part of the answer came at the others' speed: within their own budget, far below the
      // budget of the source that hangs.
      assert.ok(
        p95(during) < BUDGET_MS + SLACK_MS,
        `p95 ${Math.round(p95(during))} ms while eVaka is full (healthy p95 ${Math.round(p95(baseline))} ms, ` +
          `eVaka's budget ${EVAKA_BUDGET_MS} ms)`,
      );
    } finally {
      faults.set('evaka', { mode: 'none' }); // closes the hanging requests
      await Promise.all(holders);
    }
  });

  test('the metrics are Prometheus text without personal data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0.0.4/);
    assert.match(response.body, /# TYPE ka_source_call_duration_seconds histogram/);
    assert.match(response.body, /ka_source_calls_total\{municipality="nivala",outcome="ok",source="evaka"\} \d+/);
    for (const hetu of Object.values(t.hetu)) assert.ok(!response.body.includes(hetu));
    assert.doesNotMatch(response.body, /LP-535|evaka:/);
  });
});

describe('retries', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, { nivala: allSourcesNivala(BUDGET_MS) });
  });
  after(async () => t.close());

  test('an idempotent GET is retried once on a 5xx, a POST never', async () => {
    const faults = t.emulator.app.faults;
    // eVaka signs the citizen in (a POST) once, then remembers the person id: what follows are its three GETs.
    await timedCases(t, t.hetu.maija);
    faults.set('evaka', { mode: 'error' });
    faults.set('lupapiste', { mode: 'error' });
    const evakaBefore = faults.requestCount('evaka');
    const lupapisteBefore = faults.requestCount('lupapiste');
    await forgetSavedCopies(t, t.hetu.maija);
    const result = await timedCases(t, t.hetu.maija);
    assert.ok(result.ms < BUDGET_MS + SLACK_MS);
    // eVaka: three GETs, each tried at most twice (the first to fail for good cancels the others' retries).
    // Lupapiste: one POST, tried once.
    const evakaTries = faults.requestCount('evaka') - evakaBefore;
    assert.ok(evakaTries >= 4 && evakaTries <= 6, `eVaka was asked ${evakaTries} times`);
    assert.equal(faults.requestCount('lupapiste') - lupapisteBefore, 1);
  });
});

describe('outbound allow-list', () => {
  test('a connector cannot reach a host outside its list, and a redirect is not followed', async () => {
    const t = await buildTestApp({}, { nivala: allSourcesNivala(BUDGET_MS) });
    try {
      const { OutboundHttp } = await import('../src/connectors/outbound-http.js');
      const http = new OutboundHttp('test', { baseUrl: `${t.emulator.url}/lupapiste` });
      const context = { signal: new AbortController().signal, deadline: performance.now() + 1000 };
      const anything = { Check: (_v: unknown): _v is unknown => true, Errors: () => ({ First: () => undefined }) };
      await assert.rejects(http.json(context, { method: 'GET', path: 'http://example.com/x', check: anything }), {
        reason: 'not_allowed',
      });
      await http.close();

      // A back end answering 302 (here: a tiny server) is a failure, not a hop elsewhere.
      const { createServer } = await import('node:http');
      const redirector = createServer((_req, res) => {
        res.writeHead(302, { location: 'http://example.com/' }).end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      const port = (redirector.address() as { port: number }).port;
      const client = new OutboundHttp('test', { baseUrl: `http://127.0.0.1:${port}` });
      await assert.rejects(client.json(context, { method: 'POST', path: '/x', check: anything }), {
        reason: 'http_status',
      });
      await client.close();
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    } finally {
      await t.close();
    }
  });
});
