import type { FastifyBaseLogger } from 'fastify';
import type { Case, SourceStatus } from '../schemas/case.js';
import type { LifeSituationFacts } from '../schemas/life-situation.js';
import {
  SourceUnavailableError,
  type CallContext,
  type CallGuard,
  type CaseSource,
  type CitizenScope,
  type PersonalCaller,
  type PersonalResult,
  type SourceCases,
  type SourceRequest,
} from '../connectors/contract.js';
import type { AggregationMemo } from './aggregation-memo.js';
import type { SourceMetrics } from './metrics.js';
import type { SourceGuard } from './source-guard.js';
import { DEFAULT_STALE_TTL_SECONDS, type StaleStore } from './stale-store.js';
import { DEFAULT_FRESHNESS_SECONDS, FreshAnswers, type FreshKey } from './fresh-answers.js';
import type { SourceResilience } from '../connectors/config-common.js';

export type { CitizenScope, PersonalResult } from '../connectors/contract.js';

/**
 * One guarded call for one citizen, with the stale-if-error fallback: a good answer is saved (encrypted) and
 * returned as `ok`; a failure is answered from the citizen's saved copy as `stale` (with the copy's time) while
 * it is within its TTL, else `unavailable`. Errors are never saved. A good answer fetched for the same citizen
 * less than the source's freshness window ago (`freshnessSeconds`, default 5 s, 0 = off) is given again as `ok`
 * with its true `fetchedAt`, without calling the back end (fresh-answers.ts).
 */
export class PersonalSourceCaller implements PersonalCaller {
  readonly #stale: StaleStore;
  readonly metrics: SourceMetrics;
  readonly #now: () => Date;
  readonly fresh: FreshAnswers;
  readonly #inFlight = new Map<string, Promise<PersonalResult<unknown>>>();

  constructor(stale: StaleStore, metrics: SourceMetrics, now: () => Date, fresh: FreshAnswers = new FreshAnswers()) {
    this.#stale = stale;
    this.metrics = metrics;
    this.#now = now;
    this.fresh = fresh;
  }

  /** `fresh: false` always asks the back end (the poller, which looks for changes); the answer is still kept. */
  call<T>(
    scope: CitizenScope,
    guard: CallGuard,
    resilience: SourceResilience | undefined,
    work: (context: CallContext) => Promise<T>,
    log: FastifyBaseLogger,
    options: { fresh?: boolean } = {},
  ): Promise<PersonalResult<T>> {
    const key = {
      municipalityId: scope.municipalityId,
      subjectPseudonym: scope.subjectPseudonym,
      sourceId: guard.sourceId,
    };
    const freshnessSeconds = resilience?.freshnessSeconds ?? DEFAULT_FRESHNESS_SECONDS;
    if (freshnessSeconds <= 0 || options.fresh === false) {
      return this.#fetch(key, guard, resilience, freshnessSeconds, work, log);
    }
    const recent = this.fresh.get<T>(key);
    if (recent) {
      return Promise.resolve({
        data: recent.data,
        status: { id: guard.sourceId, status: 'ok', fetchedAt: recent.fetchedAt },
        freshUntil: recent.until,
      });
    }
    // Single flight: the citizen's other reads that miss the window meanwhile (several widgets, tabs) share this
    // call instead of each reaching the back end. Not across a change event: a read after one (the page re-reads
    // on it) must not get the answer of a call that started before it, so the key holds the window's generation.
    const flight = `${this.fresh.mark()}\u0000${key.municipalityId}\u0000${key.subjectPseudonym}\u0000${key.sourceId}`;
    const pending = this.#inFlight.get(flight) as Promise<PersonalResult<T>> | undefined;
    if (pending) return pending;
    const call = this.#fetch(key, guard, resilience, freshnessSeconds, work, log).finally(() =>
      this.#inFlight.delete(flight),
    );
    this.#inFlight.set(flight, call);
    return call;
  }

  async #fetch<T>(
    key: FreshKey,
    guard: CallGuard,
    resilience: SourceResilience | undefined,
    freshnessSeconds: number,
    work: (context: CallContext) => Promise<T>,
    log: FastifyBaseLogger,
  ): Promise<PersonalResult<T>> {
    const ttlSeconds = resilience?.staleTtlSeconds;
    const mark = this.fresh.mark();
    const started = performance.now();
    try {
      const data = await guard.run(work);
      const fetchedAt = this.#now();
      const freshUntil = this.fresh.put(key, data, fetchedAt.toISOString(), freshnessSeconds, mark) ?? undefined;
      await this.#stale
        .save(key, data, ttlSeconds ?? DEFAULT_STALE_TTL_SECONDS, fetchedAt)
        .catch((error: unknown) => log.warn({ event: 'snapshot_save_failed', source: guard.sourceId, err: error }));
      return { data, status: { id: guard.sourceId, status: 'ok', fetchedAt: fetchedAt.toISOString() }, freshUntil };
    } catch (error) {
      const reason = error instanceof SourceUnavailableError ? error.reason : 'unexpected';
      // The reason and the source only, never the error's payload: it could echo what we sent.
      log.warn(
        {
          event: 'source_unavailable',
          source: guard.sourceId,
          municipality: key.municipalityId,
          reason,
          ms: Math.round(performance.now() - started),
        },
        error instanceof SourceUnavailableError ? error.message : 'source failed',
      );
      const snapshot = await this.#stale.load<T>(key).catch(() => null);
      if (snapshot) {
        this.metrics.staleServed.inc({ source: guard.sourceId, municipality: key.municipalityId });
        return { data: snapshot.data, status: { id: guard.sourceId, status: 'stale', fetchedAt: snapshot.fetchedAt } };
      }
      return { data: null, status: { id: guard.sourceId, status: 'unavailable', fetchedAt: null } };
    }
  }
}

/**
 * Asks one source for one citizen's cases. Rows the connector left out are counted and logged by reason only
 * (no personal data, no value from the row), once per back-end answer.
 */
async function fetchSourceCases(
  source: CaseSource,
  request: SourceRequest,
  metrics: SourceMetrics,
  municipalityId: string,
  log: FastifyBaseLogger,
): Promise<SourceCases> {
  const answer = await source.fetchCases(request);
  if (answer.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of answer.skipped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    for (const [reason, count] of reasons) {
      metrics.rowsSkipped.inc({ source: source.id, municipality: municipalityId, reason }, count);
    }
    log.warn(
      { event: 'source_rows_skipped', source: source.id, municipality: municipalityId, reasons: [...reasons.keys()] },
      `${answer.skipped.length} row(s) left out`,
    );
  }
  return answer;
}

/** A saved copy written before answers carried `skipped` is a bare list of cases. */
function asSourceCases(data: SourceCases | Case[] | null): SourceCases | null {
  return Array.isArray(data) ? { cases: data, skipped: [] } : data;
}

export interface AggregatedCases {
  items: Case[];
  sources: SourceStatus[];
  /**
   * The id of the population-data source when it was read to decide which children's cases may be shown: a use
   * of personal data the access-log row must name too, though none of it is sent. Not part of the response.
   */
  guardianshipSource?: string;
  /**
   * The controller (municipality id) of each source's records, by source id: the municipality whose
   * configuration and credentials read them. The access-log row is written under it. Not part of the response.
   */
  controllers: Readonly<Record<string, string>>;
  /**
   * The access-log pseudonym of each child whose cases are shown, by the child's `ref`: a read about a child is
   * logged under the child's own pseudonym as well. Not part of the response.
   */
  childSubjects?: Readonly<Record<string, string>>;
}

export interface GuardedCaseSource {
  source: CaseSource;
  guard: SourceGuard;
  /** The municipality that controls what this source answers: the one whose configuration built it. */
  controller: string;
}

/** The facts used to check that a child's case may be shown (`facts: null` when they cannot be had). */
export type GuardianshipFacts = (
  scope: CitizenScope,
  log: FastifyBaseLogger,
) => Promise<{ facts: LifeSituationFacts | null; freshUntil?: number; source?: { id: string } }>;

const NO_FACTS: Awaited<ReturnType<GuardianshipFacts>> = { facts: null };

/**
 * Asks every case source in parallel, each through its guard and with its saved copy as fallback, and the
 * population data at the same time. A child's case is shown only if the population data says the citizen is
 * that child's guardian and the child is not restricted (non-disclosure or another restriction); when the
 * population data cannot be had, children's cases are withheld and a source left with nothing to show is marked
 * unavailable.
 */
export async function aggregateCases(
  sources: readonly GuardedCaseSource[],
  scope: CitizenScope,
  deps: {
    caller: PersonalSourceCaller;
    facts: GuardianshipFacts | null;
    log: FastifyBaseLogger;
    fresh?: boolean;
    /** Gives the previous answer again when every input is unchanged (aggregation-memo.ts). */
    memo?: AggregationMemo;
    /**
     * Resolve only once every call started has ended, the population data's too when no child's case needed it
     * (a caller that limits how many reads it runs at once, the case poller, then limits those calls as well).
     */
    waitForEveryCall?: boolean;
  },
): Promise<AggregatedCases> {
  const fresh = deps.fresh ?? true;
  const memoKey = `${scope.municipalityId}\u0000${scope.subjectPseudonym}\u0000${sources.map((s) => s.guard.sourceId).join(',')}`;
  // Warm: the last answer while every input to it is still within its freshness window, without even looking
  // the inputs up again (the hot path of a citizen's widgets; see aggregation-memo.ts).
  const warm = fresh ? deps.memo?.reusable(memoKey, deps.caller.fresh) : undefined;
  if (warm) return warm;
  const generation = deps.caller.fresh.mark();

  const factsPromise = deps.facts ? deps.facts(scope, deps.log).catch(() => NO_FACTS) : Promise.resolve(NO_FACTS);
  const results = await Promise.all(
    sources.map(({ source, guard }) =>
      deps.caller.call(
        scope,
        guard,
        source.resilience,
        (context) =>
          fetchSourceCases(
            source,
            { ...context, identityCode: scope.identityCode },
            deps.caller.metrics,
            scope.municipalityId,
            deps.log,
          ),
        deps.log,
        { fresh },
      ),
    ),
  );
  const answers = results.map((r) => asSourceCases(r.data as SourceCases | Case[] | null));
  const needsFacts = answers.some((a) => a?.cases.some((c) => c.subject.kind === 'child'));
  const factsResult = needsFacts ? await factsPromise : NO_FACTS;
  if (!needsFacts && deps.waitForEveryCall) await factsPromise;
  const facts = factsResult.facts;
  // The answer may be given again until the first of its inputs leaves its window; not at all if one has none.
  const reusableUntil = Math.min(
    ...results.map((r) => r.freshUntil ?? -Infinity),
    needsFacts ? (factsResult.freshUntil ?? -Infinity) : Infinity,
  );
  const validity = { until: reusableUntil, generation };

  const inputs = [facts, ...results.flatMap((r) => [r.data, r.status.status, r.status.fetchedAt])];
  const remembered = deps.memo?.get(memoKey, inputs, validity);
  if (remembered) return remembered;
  const visibleChildren = new Set(facts?.children.filter((c) => !c.restricted).map((c) => c.ref) ?? []);

  const items: Case[] = [];
  const statuses: SourceStatus[] = [];
  for (const [index, result] of results.entries()) {
    const answer = answers[index];
    const cases = answer?.cases ?? [];
    const shown = cases.filter((c) => c.subject.kind === 'self' || visibleChildren.has(c.subject.ref));
    const unverifiable = facts === null && shown.length < cases.length;
    items.push(...shown);
    statuses.push(
      unverifiable && shown.length === 0
        ? { id: result.status.id, status: 'unavailable', fetchedAt: null }
        : result.status.status === 'ok' && answer && answer.skipped.length > 0
          ? { ...result.status, status: 'partial', omitted: answer.skipped.length }
          : result.status,
    );
  }
  items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // Frozen: the memo hands the same object to later readers, so no reader may change it.
  const guardianshipSource = facts ? factsResult.source?.id : undefined;
  const controllers: Record<string, string> = Object.fromEntries(
    sources.map(({ source, controller }) => [source.id, controller]),
  );
  // The population data is read with the citizen's municipality's own configuration (its X-Road client).
  if (guardianshipSource) controllers[guardianshipSource] = scope.municipalityId;
  const shownChildren = new Set(items.flatMap((c) => (c.subject.kind === 'child' ? [c.subject.ref] : [])));
  const childSubjects: Record<string, string> = Object.fromEntries(
    (facts?.children ?? []).flatMap((c) =>
      shownChildren.has(c.ref) && c.subjectPseudonym ? [[c.ref, c.subjectPseudonym]] : [],
    ),
  );
  const aggregated: AggregatedCases = {
    items,
    sources: statuses,
    controllers,
    childSubjects,
    ...(guardianshipSource ? { guardianshipSource } : {}),
  };
  for (const frozen of [items, statuses, controllers, childSubjects, aggregated]) Object.freeze(frozen);
  deps.memo?.set(memoKey, inputs, aggregated, validity);
  return aggregated;
}
