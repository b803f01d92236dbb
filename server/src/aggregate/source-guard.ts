/**
 * Every call to a back end goes through the guard of its source, once, here and not in each connector:
 * a time budget whose expiry aborts the socket (the AbortSignal reaches undici), a circuit breaker, a bulkhead
 * (concurrency cap) and metrics. The guard answers at the budget even if a connector ignored the signal.
 */
import type { SourceResilience } from '../connectors/config-common.js';
import type { CallContext } from '../connectors/contract.js';
import { SourceUnavailableError } from '../connectors/contract.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import type { SourceMetrics } from './metrics.js';

export const DEFAULT_BUDGET_MS = 1_500;
export const DEFAULT_CONCURRENCY = 32;

export interface GuardOptions {
  municipalityId: string;
  sourceId: string;
  budgetMs: number;
  capacity: number;
  breaker: BreakerOptions;
  metrics: SourceMetrics;
}

const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export function guardOptionsFrom(
  municipalityId: string,
  sourceId: string,
  timeoutMs: number | undefined,
  resilience: SourceResilience | undefined,
  metrics: SourceMetrics,
): GuardOptions {
  return {
    municipalityId,
    sourceId,
    budgetMs: timeoutMs ?? DEFAULT_BUDGET_MS,
    capacity: resilience?.concurrency ?? DEFAULT_CONCURRENCY,
    breaker: resilience?.breaker ?? DEFAULT_BREAKER,
    metrics,
  };
}

export class SourceGuard {
  readonly sourceId: string;
  readonly municipalityId: string;
  readonly budgetMs: number;
  readonly capacity: number;
  readonly breaker: CircuitBreaker;
  readonly #metrics: SourceMetrics;
  readonly #labels: { source: string; municipality: string };
  #inFlight = 0;
  #downSince: number | null = null;
  #lastOkAt: number | null = null;

  constructor(options: GuardOptions) {
    this.sourceId = options.sourceId;
    this.municipalityId = options.municipalityId;
    this.budgetMs = options.budgetMs;
    this.capacity = options.capacity;
    this.#metrics = options.metrics;
    this.#labels = { source: options.sourceId, municipality: options.municipalityId };
    this.breaker = new CircuitBreaker(options.breaker, {
      onTransition: (to) => {
        // Wall-clock times for the outage notice (notices/outages.ts): down from the first opening to the next close.
        if (to === 'open' && this.#downSince === null) this.#downSince = Date.now();
        if (to === 'closed') this.#downSince = null;
        this.#metrics.breakerState.set(this.#labels, BREAKER_GAUGE[to]);
        this.#metrics.breakerTransitions.inc({ ...this.#labels, state: to });
      },
    });
    this.#metrics.breakerState.set(this.#labels, 0);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Since when (ms since the epoch) the breaker has been open for everyone, half-open probes failing included;
   * null while it is closed.
   */
  get downSince(): number | null {
    return this.#downSince;
  }

  /** When a call last succeeded (ms since the epoch), or null if none has since the start. */
  get lastOkAt(): number | null {
    return this.#lastOkAt;
  }

  /**
   * Runs `work` within the budget. Throws SourceUnavailableError: `breaker_open` or `bulkhead_full` at once
   * (the back end is not touched), `timeout` at the budget, or whatever the work threw.
   */
  async run<T>(work: (context: CallContext) => Promise<T>, options: { budgetMs?: number } = {}): Promise<T> {
    const permit = this.breaker.tryAcquire();
    if (permit === null) {
      this.#metrics.rejections.inc({ ...this.#labels, reason: 'breaker_open' });
      throw new SourceUnavailableError('breaker_open', 'circuit breaker open');
    }
    if (this.#inFlight >= this.capacity) {
      this.breaker.release(permit);
      this.#metrics.rejections.inc({ ...this.#labels, reason: 'bulkhead_full' });
      throw new SourceUnavailableError('bulkhead_full', 'too many calls in flight');
    }

    const budgetMs = options.budgetMs ?? this.budgetMs;
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new SourceUnavailableError('timeout', `no answer within ${budgetMs} ms`);
        controller.abort(error);
        reject(error);
      }, budgetMs);
    });
    expired.catch(() => undefined);

    this.#inFlight += 1;
    this.#metrics.inFlight.set(this.#labels, this.#inFlight);
    // The slot is held until the work really ends (its socket is closed), not just until we stop waiting.
    const running = Promise.resolve()
      .then(() => work({ signal: controller.signal, deadline: started + budgetMs }))
      .finally(() => {
        this.#inFlight -= 1;
        this.#metrics.inFlight.set(this.#labels, this.#inFlight);
      });
    running.catch(() => undefined);

    try {
      const result = await Promise.race([running, expired]);
      this.breaker.onSuccess(permit);
      this.#lastOkAt = Date.now();
      this.#record('ok', started);
      return result;
    } catch (error) {
      const failure =
        controller.signal.aborted && !(error instanceof SourceUnavailableError && error.reason !== 'timeout')
          ? new SourceUnavailableError('timeout', `no answer within ${budgetMs} ms`)
          : error instanceof SourceUnavailableError
            ? error
            : new SourceUnavailableError('malformed', 'connector failed', { cause: error });
      this.breaker.onFailure(permit);
      this.#record(failure.reason, started);
      // Whatever part of the work is still running (a connector's other requests) is cancelled with it.
      if (!controller.signal.aborted) controller.abort(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  #record(outcome: string, started: number): void {
    this.#metrics.calls.inc({ ...this.#labels, outcome });
    this.#metrics.duration.observe(this.#labels, (performance.now() - started) / 1000);
  }
}
