/**
 * Sources that cannot push (eVaka, a generic system without webhooks) are polled, but only for citizens who have
 * a live-update stream open: the identity code needed to ask is held in memory for as long as the stream is open
 * and never stored. A change of a case's unified status becomes a `case-changed` event on the bus.
 *
 * Polls go through the same bulkhead as citizens' own reads, which refuses a call when it is full. So the poller
 * keeps to a quarter of it per (municipality, source): a round over many open streams runs a few polls at a time,
 * spread over the round, and citizens' reads always find room. A bulkhead too small for a quarter (fewer than 4
 * places) is polled one citizen at a time, and only while nothing else is using it: a busy round is skipped.
 * A poll ends only once every call it started has ended (the population data it may ask too), so the share holds
 * for those calls as well.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CaseStatus } from '../schemas/case.js';
import type { AggregatedCases, CitizenScope, GuardedCaseSource } from './aggregate-cases.js';
import type { CaseEventBus } from './case-events.js';
import type { SourceRegistry } from './source-registry.js';

interface Watcher {
  key: string;
  scope: CitizenScope;
  streams: number;
  /** sourceId → caseId → last status seen; absent until the first good answer (the baseline). */
  known: Map<string, Map<string, CaseStatus>>;
  /**
   * Sources with a poll for this watcher under way. One at a time: two polls answered out of order (the first
   * poll and a timer's) would turn an older status into a change back.
   */
  polling: Set<string>;
}

/** The poller's share of a source's bulkhead (its concurrency cap); the rest stays free for citizens' reads. */
export const POLL_SHARE_OF_BULKHEAD = 0.25;

/** At most `limit` of the works run at once; the others wait their turn. */
class ConcurrencyLimit {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#free = limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

export type ReadCases = (
  scope: CitizenScope,
  sources: readonly GuardedCaseSource[],
  log: FastifyBaseLogger,
) => Promise<AggregatedCases>;

export class CasePoller {
  readonly #registry: SourceRegistry;
  readonly #read: ReadCases;
  readonly #bus: CaseEventBus;
  readonly #log: FastifyBaseLogger;
  /** By municipality and subject pseudonym: the same person on two municipalities' pages is two watchers. */
  readonly #watchers = new Map<string, Watcher>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #running = new Set<string>();
  /** By municipality and source: the polls that may run at once (POLL_SHARE_OF_BULKHEAD). */
  readonly #limits = new Map<string, ConcurrencyLimit>();

  constructor(deps: { registry: SourceRegistry; read: ReadCases; bus: CaseEventBus; log: FastifyBaseLogger }) {
    this.#registry = deps.registry;
    this.#read = deps.read;
    this.#bus = deps.bus;
    this.#log = deps.log;
  }

  /** Starts polling for this citizen (while at least one of their streams is open); returns the stop function. */
  watch(scope: CitizenScope): () => void {
    const polled = this.#polledSources(scope.municipalityId);
    if (polled.length === 0) return () => undefined;
    const key = `${scope.municipalityId}\u0000${scope.subjectPseudonym}`;
    let watcher = this.#watchers.get(key);
    if (!watcher) {
      watcher = { key, scope, streams: 0, known: new Map(), polling: new Set() };
      this.#watchers.set(key, watcher);
      for (const source of polled) void this.#pollOne(watcher, source);
    }
    watcher.streams += 1;
    for (const source of polled) this.#ensureTimer(scope.municipalityId, source);

    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      watcher.streams -= 1;
      if (watcher.streams === 0) this.#watchers.delete(key);
      if (![...this.#watchers.values()].some((w) => w.scope.municipalityId === scope.municipalityId)) {
        for (const source of polled) {
          const timerKey = `${scope.municipalityId}/${source.source.id}`;
          clearInterval(this.#timers.get(timerKey));
          this.#timers.delete(timerKey);
        }
      }
    };
  }

  /** How many citizens are being polled for. */
  watcherCount(): number {
    return this.#watchers.size;
  }

  close(): void {
    for (const timer of this.#timers.values()) clearInterval(timer);
    this.#timers.clear();
    this.#watchers.clear();
  }

  #polledSources(municipalityId: string): GuardedCaseSource[] {
    return this.#registry.guardedCaseSources(municipalityId).filter((s) => (s.source.pollIntervalMs ?? 0) > 0);
  }

  #ensureTimer(municipalityId: string, source: GuardedCaseSource): void {
    const key = `${municipalityId}/${source.source.id}`;
    if (this.#timers.has(key)) return;
    const timer = setInterval(() => void this.#tick(municipalityId, source), source.source.pollIntervalMs);
    timer.unref();
    this.#timers.set(key, timer);
  }

  async #tick(municipalityId: string, source: GuardedCaseSource): Promise<void> {
    const key = `${municipalityId}/${source.source.id}`;
    if (this.#running.has(key)) return; // the previous round is still going: skip, do not pile up
    this.#running.add(key);
    try {
      const watchers = [...this.#watchers.values()].filter((w) => w.scope.municipalityId === municipalityId);
      await Promise.all(watchers.map((w) => this.#pollOne(w, source)));
    } finally {
      this.#running.delete(key);
    }
  }

  #limitFor(source: GuardedCaseSource): ConcurrencyLimit {
    const key = `${source.guard.municipalityId}/${source.source.id}`;
    let limit = this.#limits.get(key);
    if (!limit) {
      limit = new ConcurrencyLimit(Math.max(1, pollShare(source.guard.capacity)));
      this.#limits.set(key, limit);
    }
    return limit;
  }

  /** Whether a poll may start now: always within a share; with no share, only while the bulkhead is idle. */
  #mayPoll(watcher: Watcher, source: GuardedCaseSource): boolean {
    if (this.#watchers.get(watcher.key) !== watcher) return false; // stopped while it waited for its turn
    return pollShare(source.guard.capacity) > 0 || source.guard.inFlight === 0;
  }

  /** Every poll, the first (baseline) one included, waits for a free place in its source's share. */
  async #pollOne(watcher: Watcher, source: GuardedCaseSource): Promise<void> {
    const sourceId = source.source.id;
    if (watcher.polling.has(sourceId)) return;
    watcher.polling.add(sourceId);
    try {
      const result = await this.#limitFor(source).run(async () =>
        this.#mayPoll(watcher, source) ? this.#read(watcher.scope, [source], this.#log) : null,
      );
      if (!result) return;
      // Only a fresh answer counts: a saved copy would make old statuses look like changes.
      if (result.sources[0]?.status !== 'ok') return;
      const previous = watcher.known.get(sourceId);
      const current = new Map(result.items.map((c) => [c.id, c.status]));
      watcher.known.set(sourceId, current);
      if (!previous || this.#watchers.get(watcher.key) !== watcher) return;
      for (const [caseId, status] of current) {
        if (previous.get(caseId) !== status) {
          this.#bus.publish(watcher.scope, { caseId, source: sourceId, status });
        }
      }
    } catch (error) {
      this.#log.warn({ event: 'poll_failed', source: sourceId, err: error }, 'polling a source failed');
    } finally {
      watcher.polling.delete(sourceId);
    }
  }
}

/** How many polls of one source may run at once: a quarter of its bulkhead, rounded down (so possibly none). */
function pollShare(capacity: number): number {
  return Math.floor(capacity * POLL_SHARE_OF_BULKHEAD);
}
