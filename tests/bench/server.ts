// `npm run bench:server`: throughput and latency of the aggregation server, printed and written as JSON under
// tests/bench/results/. A script, not a test: figures depend on the machine (and on what else runs on it).
//
// 1. warm `GET /v1/me/cases` (Maija: Lupapiste, eVaka, the generic system and population data, emulators without
//    delay) against a bare Fastify hello-world on the same machine: req/s, ratio, p50/p95/p99; with the default
//    per-citizen freshness window (aggregate/fresh-answers.ts) and without it (every read reaches every back end);
// 2. fan-out overhead: each source delayed differently, one request at a time; total minus the slowest source;
// 3. one source hanging: total latency with the default 1.5 s budget.
// 2 and 3 run with the freshness window off: they measure calls that reach the back ends.
//
// autocannon is not installed in this repository, so the load generator is a small undici loop.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { Pool } from 'undici';
import type { StartedEmulators } from '../../server/emulators/app.js';
import { buildTestApp } from '../../server/test/helpers/app.js';
import { allSourcesNivala } from '../../server/test/helpers/sources.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEQUENTIAL_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

interface LoadResult {
  requests: number;
  errors: number;
  statusCodes: Record<string, number>;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
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

/** `connections` workers, each sending the next request when the previous one is answered, for `durationMs`. */
async function load(
  origin: string,
  path: string,
  headers: Record<string, string>,
  durationMs: number,
  connections: number,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const response = await pool.request({ method: 'GET', path, headers });
          await response.body.dump();
          statusCodes[response.statusCode] = (statusCodes[response.statusCode] ?? 0) + 1;
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return {
    requests: latencies.length,
    errors,
    statusCodes,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    latencyMs: percentiles(latencies),
  };
}

async function sequential(url: string, headers: Record<string, string>, samples: number) {
  const latencies: number[] = [];
  const statuses: Array<Record<string, string>> = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { sources?: Array<{ id: string; status: string }> };
    latencies.push(performance.now() - t0);
    statuses.push(Object.fromEntries((body.sources ?? []).map((s) => [s.id, s.status])));
  }
  return { latencyMs: percentiles(latencies), lastSources: statuses.at(-1) };
}

async function setFault(emulatorUrl: string, source: string, fault: Record<string, unknown>) {
  const response = await fetch(`${emulatorUrl}/__control/${source}/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`could not set the ${source} fault`);
}

/** The emulators in their own process, as back ends are on other machines: they must not share our CPU time. */
async function emulatorProcess(): Promise<StartedEmulators> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { startEmulators } from ${JSON.stringify(fileURLToPath(new URL('../../server/emulators/app.ts', import.meta.url)))};
       const e = await startEmulators({ port: 0, host: '127.0.0.1' });
       console.log(e.url.replace('localhost', '127.0.0.1'));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = line.toString().trim();
  const close = async () => {
    child.kill();
    await once(child, 'exit');
  };
  return { url, app: undefined as unknown as StartedEmulators['app'], close };
}

const emulators = await emulatorProcess();
const tWindow = await buildTestApp(
  { logger: false },
  { nivala: allSourcesNivala(1500), emulator: emulators, freshnessSeconds: 'default' },
);
const t = await buildTestApp(
  { logger: false },
  { nivala: allSourcesNivala(1500), emulator: emulators, freshnessSeconds: 0 },
);
const hello = Fastify({ logger: false });
hello.get('/', async () => ({ hello: 'world' }));
try {
  const apiUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const windowUrl = await tWindow.app.listen({ port: 0, host: '127.0.0.1' });
  const helloUrl = await hello.listen({ port: 0, host: '127.0.0.1' });
  // A Bearer token (not DPoP-bound): a DPoP proof per request would measure the load generator's signing.
  const headers = { authorization: `Bearer ${await t.idp.accessToken(t.hetu.maija)}` };
  // Each test app has its own identity provider: a token from one is a 401 at the other.
  const windowHeaders = { authorization: `Bearer ${await tWindow.idp.accessToken(tWindow.hetu.maija)}` };
  const casesUrl = `${apiUrl}/v1/me/cases`;

  process.stdout.write(`warming up…\n`);
  await load(windowUrl, '/v1/me/cases', windowHeaders, 2_000, CONNECTIONS);
  await load(apiUrl, '/v1/me/cases', headers, 2_000, CONNECTIONS);
  await load(helloUrl, '/', {}, 1_000, CONNECTIONS);

  process.stdout.write(`hello-world for ${DURATION_MS} ms with ${CONNECTIONS} connections…\n`);
  const baseline = await load(helloUrl, '/', {}, DURATION_MS, CONNECTIONS);
  process.stdout.write(`GET /v1/me/cases for ${DURATION_MS} ms with ${CONNECTIONS} connections…\n`);
  const warm = await load(windowUrl, '/v1/me/cases', windowHeaders, DURATION_MS, CONNECTIONS);
  process.stdout.write(`the same without the freshness window…\n`);
  const warmNoWindow = await load(apiUrl, '/v1/me/cases', headers, DURATION_MS, CONNECTIONS);
  for (const [name, run] of Object.entries({ warm, warmNoWindow })) {
    const other = Object.keys(run.statusCodes).filter((code) => code !== '200');
    if (other.length > 0 || run.errors > 0) {
      process.stdout.write(`WARNING: ${name} had answers other than 200 (${other.join(', ')}) or errors: not valid\n`);
    }
  }

  const delays = { lupapiste: 100, evaka: 200, generic: 300, population: 50 };
  for (const [source, ms] of Object.entries(delays)) await setFault(t.emulator.url, source, { mode: 'delay', ms });
  process.stdout.write(`fan-out with source delays ${JSON.stringify(delays)}…\n`);
  const fanOut = await sequential(casesUrl, headers, SEQUENTIAL_SAMPLES);
  const slowest = Math.max(...Object.values(delays));

  for (const source of Object.keys(delays)) await setFault(t.emulator.url, source, { mode: 'none' });
  await setFault(t.emulator.url, 'lupapiste', { mode: 'hang' });
  process.stdout.write(`Lupapiste hanging (budget 1500 ms)…\n`);
  const hung = await sequential(casesUrl, headers, Math.min(SEQUENTIAL_SAMPLES, 10));
  await setFault(t.emulator.url, 'lupapiste', { mode: 'none' });

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    machine: { cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg() },
    settings: { durationMs: DURATION_MS, connections: CONNECTIONS, sequentialSamples: SEQUENTIAL_SAMPLES },
    warmCases: warm,
    helloWorld: baseline,
    ratio: Math.round((warm.requestsPerSecond / Math.max(1, baseline.requestsPerSecond)) * 1000) / 1000,
    warmCasesNoFreshnessWindow: warmNoWindow,
    ratioNoFreshnessWindow:
      Math.round((warmNoWindow.requestsPerSecond / Math.max(1, baseline.requestsPerSecond)) * 1000) / 1000,
    fanOut: {
      sourceDelaysMs: delays,
      slowestSourceMs: slowest,
      latencyMs: fanOut.latencyMs,
      overheadMs: {
        p50: Math.round((fanOut.latencyMs.p50 - slowest) * 100) / 100,
        p95: Math.round((fanOut.latencyMs.p95 - slowest) * 100) / 100,
      },
      sources: fanOut.lastSources,
    },
    oneSourceHanging: { budgetMs: 1500, latencyMs: hung.latencyMs, sources: hung.lastSources },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}server-${result.at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwrote ${file}\n`);
} finally {
  await hello.close();
  await tWindow.close();
  await t.close();
  await emulators.close();
}
