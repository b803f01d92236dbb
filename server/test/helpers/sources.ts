import { readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../../src/tenants/load-municipalities.js';
import type { MunicipalityFile, TestApp } from './app.js';

export const CASE_SOURCES = ['lupapiste', 'evaka', 'generic'] as const;
export type CaseSourceId = (typeof CASE_SOURCES)[number];

/** The generic (Hoiva) source as Ylivieska configures it. */
export function ylivieskaGenericSource(): MunicipalityFile {
  const file = JSON.parse(
    readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'ylivieska.json'), 'utf8'),
  ) as MunicipalityFile;
  return structuredClone(file.sources.generic) as MunicipalityFile;
}

/**
 * Nivala with all three case sources and population data, each with `budgetMs`, a breaker that stays out of the
 * way unless a test sets one, and no PTV (its background refresh is not what these tests are about).
 */
export function allSourcesNivala(budgetMs: number, extra: (config: MunicipalityFile) => void = () => undefined) {
  return (config: MunicipalityFile): MunicipalityFile => {
    const quietBreaker = { failureThreshold: 10_000, windowMs: 60_000, resetTimeoutMs: 1_000 };
    config.sources.generic = ylivieskaGenericSource();
    delete config.sources.ptv;
    for (const id of [...CASE_SOURCES, 'population']) {
      config.sources[id].timeoutMs = budgetMs;
      config.sources[id].resilience = { breaker: quietBreaker };
    }
    extra(config);
    return config;
  };
}

export async function bearer(t: TestApp, identityCode: string, claims: Record<string, unknown> = {}) {
  return { authorization: `Bearer ${await t.idp.accessToken(identityCode, { claims })}` };
}

export interface TimedCases {
  status: number;
  ms: number;
  body: {
    items: Array<{ id: string; source: string; status: string; subject: { kind: string; ref?: string } }>;
    sources: Array<{ id: string; status: string; fetchedAt: string | null }>;
  };
}

export async function timedCases(t: TestApp, identityCode: string): Promise<TimedCases> {
  const headers = await bearer(t, identityCode);
  const started = performance.now();
  const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers });
  return { status: response.statusCode, ms: performance.now() - started, body: response.json() };
}

export function statusOf(result: TimedCases, sourceId: string) {
  return result.body.sources.find((s) => s.id === sourceId);
}

/** Forgets a citizen's saved copies in Nivala (database row and the store's memory of it). */
export async function forgetSavedCopies(t: TestApp, identityCode: string): Promise<void> {
  const { subjectPseudonym } = t.app.caseReader.scopeOf({ municipalityId: 'nivala', identityCode });
  for (const sourceId of [...CASE_SOURCES, 'population']) {
    await t.app.staleStore.forget({ municipalityId: 'nivala', subjectPseudonym, sourceId });
  }
}

/** A TCP port on localhost that nothing listens on: connecting to it is refused by the kernel. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

export function emulatorConnections(t: TestApp): Promise<number> {
  return new Promise((resolve, reject) =>
    t.emulator.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}
