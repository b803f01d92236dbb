import type { FastifyBaseLogger } from 'fastify';
import type { Case, SourceStatus } from '../schemas/case.js';
import { SourceUnavailableError, type CaseSource } from './case-source.js';

export interface AggregatedCases {
  items: Case[];
  sources: SourceStatus[];
}

export interface AggregateOptions {
  identityCode: string;
  now: () => Date;
  log: FastifyBaseLogger;
}

/**
 * Asks every source in parallel, each within its own time budget; a failing source is marked `unavailable`
 * and never fails the whole answer. (The circuit breaker and the per-user stale cache will live here too.)
 */
export async function aggregateCases(
  sources: readonly CaseSource[],
  options: AggregateOptions,
): Promise<AggregatedCases> {
  const results = await Promise.all(sources.map((source) => fetchWithinBudget(source, options)));
  const items = results.flatMap((r) => r.items).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { items, sources: results.map((r) => r.status) };
}

async function fetchWithinBudget(
  source: CaseSource,
  { identityCode, now, log }: AggregateOptions,
): Promise<{ items: Case[]; status: SourceStatus }> {
  const signal = AbortSignal.timeout(source.timeoutMs);
  const started = performance.now();
  try {
    const items = await source.fetchCases({ identityCode, signal });
    return { items, status: { id: source.id, status: 'ok', fetchedAt: now().toISOString() } };
  } catch (error) {
    const reason = signal.aborted ? 'timeout' : error instanceof SourceUnavailableError ? error.reason : 'unexpected';
    // Log the reason and the source, never the error's payload: it could echo what we sent.
    log.warn(
      { event: 'source_unavailable', source: source.id, reason, ms: Math.round(performance.now() - started) },
      error instanceof SourceUnavailableError ? error.message : 'source failed',
    );
    return { items: [], status: { id: source.id, status: 'unavailable', fetchedAt: null } };
  }
}
