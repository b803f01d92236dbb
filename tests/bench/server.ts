// `npm run bench:server`: throughput and latency of the aggregation server, printed and written as JSON under
// tests/bench/results/. A script, not a test: figures depend on the machine (and on what else runs on it).
//
// 1. warm `GET /v1/me/cases` (Maija: Lupapiste, eVaka, the generic system and population data, emulators without
//    delay) against a bare Fastify hello-world on the same machine: req/s, ratio, p50/p95/p99; with the default
//    per-citizen freshness window (aggregate/fresh-answers.ts) and without it (every read reaches every back end);
//    the API ships its access log while it is loaded, and waits to ship the last rows before the next load;
//    and against the same hello-world storing and shipping one access-log row per request (as every read must);
// 2. fan-out overhead: each source delayed differently, one request at a time; total minus the slowest source's own
//    latency, measured in the same run by calling it directly;
// 3. one source hanging: total latency with the default 1.5 s budget, beside how late a plain fetch aborted after
//    1.5 s gives up on this machine.
// 2 and 3 run with the freshness window off: they measure calls that reach the back ends.
//
// The load generator is autocannon, in this process; the servers run in a child process of their own
// (server-targets.ts) and the emulators in another, so that each has its own event loop, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchTargets } from './server-targets.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEQUENTIAL_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
/** The sources' time budget in server-targets.ts (allSourcesNivala(1500)). */
const HUNG_BUDGET_MS = 1_500;
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

interface LoadResult {
  /** Every response's latency in ms (not written to the results file). */
  samples: number[];
  durationMs: number;
  requests: number;
  errors: number;
  statusCodes: Record<string, number>;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** CPU time of the server process (all its threads) per answered request, in µs. */
  serverCpuUsPerRequest: number;
}

/** User + system CPU seconds of a process so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

/**
 * autocannon with `connections` connections for `durationMs`. Percentiles come from every response's own time
 * (autocannon's summary has no p95).
 */
async function load(
  origin: string,
  path: string,
  headers: Record<string, string>,
  durationMs: number,
  connections: number,
  /** Waited after the load, inside the CPU measure: the work a load leaves behind (shipping its access log). */
  tailMs = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(serverPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${origin}${path}`, headers, connections, pipelining: 1, duration: durationMs / 1000 },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  await new Promise((resolve) => setTimeout(resolve, tailMs));
  const serverCpu = cpuSeconds(serverPid) - cpuBefore;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]),
  );
  return {
    samples: latencies,
    durationMs,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    statusCodes,
    requestsPerSecond: Math.round(result.requests.total / (durationMs / 1000)),
    latencyMs: percentiles(latencies),
    serverCpuUsPerRequest: Math.round((serverCpu * 1e6) / Math.max(1, result.requests.total)),
  };
}

/** Several runs as one: requests and time added up, percentiles over every response. */
function combine(runs: LoadResult[]): LoadResult {
  const samples = runs.flatMap((r) => r.samples);
  const durationMs = runs.reduce((sum, r) => sum + r.durationMs, 0);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  return {
    samples,
    durationMs,
    requests,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    statusCodes,
    requestsPerSecond: Math.round(requests / (durationMs / 1000)),
    latencyMs: percentiles(samples),
    serverCpuUsPerRequest: Math.round(
      runs.reduce((sum, r) => sum + r.serverCpuUsPerRequest * r.requests, 0) / Math.max(1, requests),
    ),
  };
}

/** a ÷ b to 3 decimals (b at least 1). */
function ratio(a: number, b: number): number {
  return Math.round((a / Math.max(1, b)) * 1000) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const value = Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
  return Math.round(value * 1000) / 1000;
}

/** A run as written to the results file: without the raw samples. */
function summary({ samples: _samples, ...run }: LoadResult) {
  return run;
}

/** One request at a time; `beforeEach` runs before each, outside its time. */
async function sequential(
  url: string,
  headers: Record<string, string>,
  samples: number,
  beforeEach: () => Promise<void> = async () => undefined,
) {
  const latencies: number[] = [];
  const statuses: Array<Record<string, string>> = [];
  for (let i = 0; i < samples; i += 1) {
    await beforeEach();
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { sources?: Array<{ id: string; status: string }> };
    latencies.push(performance.now() - t0);
    statuses.push(Object.fromEntries((body.sources ?? []).map((s) => [s.id, s.status])));
  }
  return { latencyMs: percentiles(latencies), lastSources: statuses.at(-1) };
}

/**
 * The slowest source on its own, called straight at its emulator as often as the fan-out, one call before each
 * fan-out request: what the same delay costs on this machine in this run (a timer set for 300 ms here fires some
 * milliseconds late, and the emulator answers after it). Without a token the emulator answers 401 right after the
 * delay: a little faster than a search, so the overhead derived from it errs on the high side.
 */
async function fanOutAgainstSlowest(url: string, headers: Record<string, string>, slowestUrl: string, samples: number) {
  const slowest: number[] = [];
  const fanOut = await sequential(url, headers, samples, async () => {
    const t0 = performance.now();
    const direct = await fetch(slowestUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await direct.arrayBuffer();
    slowest.push(performance.now() - t0);
  });
  return { ...fanOut, slowestSourceLatencyMs: percentiles(slowest) };
}

/** How long after `budgetMs` a plain POST with AbortSignal.timeout(budgetMs) to a hung URL actually gives up. */
async function abortLateness(hungUrl: string, budgetMs: number, samples: number) {
  const late: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    await fetch(hungUrl, { method: 'POST', body: '{}', signal: AbortSignal.timeout(budgetMs) }).then(
      () => {
        throw new Error(`${hungUrl} answered; it should hang`);
      },
      () => undefined,
    );
    late.push(performance.now() - t0 - budgetMs);
  }
  return percentiles(late);
}

async function setFault(emulatorUrl: string, source: string, fault: Record<string, unknown>) {
  const response = await fetch(`${emulatorUrl}/__control/${source}/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`could not set the ${source} fault`);
}

/** Runs `tsx <script> ...args` and resolves with the first line it prints (its URLs) and the process. */
async function child(script: string, args: string[]): Promise<{ line: string; process: ChildProcess }> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const started = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  while (!buffered.includes('\n')) {
    const [chunk] = (await once(started.stdout!, 'data')) as [Buffer];
    buffered += chunk.toString();
  }
  return { line: buffered.slice(0, buffered.indexOf('\n')).trim(), process: started };
}

async function stop(running: ChildProcess) {
  running.kill('SIGTERM');
  if (running.exitCode === null) await once(running, 'exit');
}

// The back ends are on other machines in production: they must not share the servers' CPU time either.
const emulators = await child('./emulator-process.ts', []);
const emulatorUrl = emulators.line;
const servers = await child('./server-targets.ts', [emulatorUrl]);
const { helloUrl, helloLoggedUrl, windowUrl, windowHeaders, apiUrl, headers, shipEveryMs } = JSON.parse(
  servers.line,
) as BenchTargets;
// After a load of the API: its last access-log rows are shipped before the next load starts (and counted in its CPU).
const shipped = shipEveryMs + 500;
const serverPid = servers.process.pid!;
try {
  const casesUrl = `${apiUrl}/v1/me/cases`;

  process.stdout.write(`warming up…\n`);
  await load(windowUrl, '/v1/me/cases', windowHeaders, 2_000, CONNECTIONS, shipped);
  await load(apiUrl, '/v1/me/cases', headers, 2_000, CONNECTIONS, shipped);
  await load(helloUrl, '/', {}, 1_000, CONNECTIONS);
  await load(helloLoggedUrl, '/', {}, 1_000, CONNECTIONS, shipped);

  // Alternating rounds, so that a burst of other work on this shared machine weighs on both sides of the ratio.
  const rounds: Array<{ hello: LoadResult; helloLogged: LoadResult; warm: LoadResult }> = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    process.stdout.write(
      `round ${round}/${ROUNDS}: hello-world, hello-world with a log row, GET /v1/me/cases, ${DURATION_MS} ms each…\n`,
    );
    const hello = await load(helloUrl, '/', {}, DURATION_MS, CONNECTIONS);
    const helloLogged = await load(helloLoggedUrl, '/', {}, DURATION_MS, CONNECTIONS, shipped);
    const warm = await load(windowUrl, '/v1/me/cases', windowHeaders, DURATION_MS, CONNECTIONS, shipped);
    rounds.push({ hello, helloLogged, warm });
  }
  const baseline = combine(rounds.map((r) => r.hello));
  const loggedBaseline = combine(rounds.map((r) => r.helloLogged));
  const warm = combine(rounds.map((r) => r.warm));
  process.stdout.write(`the same without the freshness window…\n`);
  const warmNoWindow = await load(apiUrl, '/v1/me/cases', headers, DURATION_MS, CONNECTIONS, shipped);
  for (const [name, run] of Object.entries({ warm, warmNoWindow })) {
    const other = Object.keys(run.statusCodes).filter((code) => code !== '200');
    if (other.length > 0 || run.errors > 0) {
      process.stdout.write(`WARNING: ${name} had answers other than 200 (${other.join(', ')}) or errors: not valid\n`);
    }
  }

  const delays = { lupapiste: 100, evaka: 200, generic: 300, population: 50 };
  for (const [source, ms] of Object.entries(delays)) await setFault(emulatorUrl, source, { mode: 'delay', ms });
  process.stdout.write(`fan-out with source delays ${JSON.stringify(delays)}…\n`);
  const slowest = delays.generic;
  const genericSearch = `${emulatorUrl}/generic/api/v1/hakemukset/haku`;
  const fanOut = await fanOutAgainstSlowest(casesUrl, headers, genericSearch, SEQUENTIAL_SAMPLES);

  for (const source of Object.keys(delays)) await setFault(emulatorUrl, source, { mode: 'none' });
  await setFault(emulatorUrl, 'lupapiste', { mode: 'hang' });
  process.stdout.write(`Lupapiste hanging (budget ${HUNG_BUDGET_MS} ms)…\n`);
  const hung = await sequential(casesUrl, headers, Math.min(SEQUENTIAL_SAMPLES, 10));
  const timerLateness = await abortLateness(
    `${emulatorUrl}/lupapiste/api/datatables/applications-search`,
    HUNG_BUDGET_MS,
    5,
  );
  await setFault(emulatorUrl, 'lupapiste', { mode: 'none' });

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    machine: { cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg() },
    settings: {
      durationMs: DURATION_MS,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      sequentialSamples: SEQUENTIAL_SAMPLES,
    },
    warmCases: summary(warm),
    helloWorld: summary(baseline),
    rounds: rounds.map((r) => ({
      helloRequestsPerSecond: r.hello.requestsPerSecond,
      helloLoggedRequestsPerSecond: r.helloLogged.requestsPerSecond,
      warmRequestsPerSecond: r.warm.requestsPerSecond,
      ratio: ratio(r.warm.requestsPerSecond, r.hello.requestsPerSecond),
    })),
    ratio: ratio(warm.requestsPerSecond, baseline.requestsPerSecond),
    // The middle round: one burst of other work on this shared machine moves the combined ratio, not this one.
    medianRoundRatio: median(rounds.map((r) => r.warm.requestsPerSecond / Math.max(1, r.hello.requestsPerSecond))),
    // The same comparison by the server's own CPU time per request: what other work on the machine cannot skew.
    cpuRatio: ratio(baseline.serverCpuUsPerRequest, warm.serverCpuUsPerRequest),
    // Against a hello-world that stores and ships one access-log row per request, as every read of personal data
    // must: how much the rest of the read costs.
    helloWorldWithLogRow: summary(loggedBaseline),
    ratioToHelloWithLogRow: ratio(warm.requestsPerSecond, loggedBaseline.requestsPerSecond),
    medianRoundRatioToHelloWithLogRow: median(
      rounds.map((r) => r.warm.requestsPerSecond / Math.max(1, r.helloLogged.requestsPerSecond)),
    ),
    warmCasesNoFreshnessWindow: summary(warmNoWindow),
    ratioNoFreshnessWindow: ratio(warmNoWindow.requestsPerSecond, baseline.requestsPerSecond),
    fanOut: {
      sourceDelaysMs: delays,
      slowestSourceMs: slowest,
      latencyMs: fanOut.latencyMs,
      // The slowest source called on its own in the same run, and the fan-out's latency over it: the overhead.
      slowestSourceLatencyMs: fanOut.slowestSourceLatencyMs,
      overheadMs: {
        p50: Math.round((fanOut.latencyMs.p50 - fanOut.slowestSourceLatencyMs.p50) * 100) / 100,
        p95: Math.round((fanOut.latencyMs.p95 - fanOut.slowestSourceLatencyMs.p95) * 100) / 100,
      },
      // Over the nominal delay instead: includes how late this machine's timers fire.
      overheadOverNominalDelayMs: {
        p50: Math.round((fanOut.latencyMs.p50 - slowest) * 100) / 100,
        p95: Math.round((fanOut.latencyMs.p95 - slowest) * 100) / 100,
      },
      sources: fanOut.lastSources,
    },
    oneSourceHanging: {
      budgetMs: HUNG_BUDGET_MS,
      latencyMs: hung.latencyMs,
      sources: hung.lastSources,
      // A plain fetch to the hung emulator aborted after the same 1,500 ms: how late this machine's timers fire.
      plainAbortAfterBudgetMs: timerLateness,
    },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}server-${result.at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwrote ${file}\n`);
} finally {
  await stop(servers.process);
  await stop(emulators.process);
}
