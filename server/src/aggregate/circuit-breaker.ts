/**
 * A circuit breaker per source (security.md check 21). Closed: calls go through and failures are counted in a
 * sliding window. After `failureThreshold` failures within `windowMs` it opens: calls fail at once, without
 * touching the network. After `resetTimeoutMs` it is half-open: exactly one call (the probe) goes through while
 * every other call still fails fast; the probe's success closes the breaker, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  windowMs: number;
  resetTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 10, windowMs: 30_000, resetTimeoutMs: 15_000 };

/** What tryAcquire hands out: a normal call, or the one half-open probe. */
export type BreakerPermit = 'call' | 'probe';

export class CircuitBreaker {
  readonly options: BreakerOptions;
  #state: BreakerState = 'closed';
  #failures: number[] = [];
  #openedAt = 0;
  #probeInFlight = false;
  readonly #now: () => number;
  readonly #onTransition: (to: BreakerState) => void;

  constructor(options: BreakerOptions, hooks: { now?: () => number; onTransition?: (to: BreakerState) => void } = {}) {
    this.options = options;
    this.#now = hooks.now ?? (() => performance.now());
    this.#onTransition = hooks.onTransition ?? (() => undefined);
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.options.resetTimeoutMs) {
      this.#transition('half_open');
    }
    return this.#state;
  }

  /** A permit to call the back end, or null: fail fast. */
  tryAcquire(): BreakerPermit | null {
    switch (this.state) {
      case 'closed':
        return 'call';
      case 'open':
        return null;
      case 'half_open':
        if (this.#probeInFlight) return null;
        this.#probeInFlight = true;
        return 'probe';
    }
  }

  /** The permit was not used (e.g. the bulkhead was full): a probe may be handed out again. */
  release(permit: BreakerPermit): void {
    if (permit === 'probe') this.#probeInFlight = false;
  }

  onSuccess(permit: BreakerPermit): void {
    if (permit === 'probe') {
      this.#probeInFlight = false;
      this.#failures = [];
      this.#transition('closed');
    }
  }

  onFailure(permit: BreakerPermit): void {
    const now = this.#now();
    if (permit === 'probe') {
      this.#probeInFlight = false;
      this.#open(now);
      return;
    }
    if (this.#state !== 'closed') return;
    this.#failures.push(now);
    const windowStart = now - this.options.windowMs;
    while (this.#failures.length > 0 && this.#failures[0]! < windowStart) this.#failures.shift();
    if (this.#failures.length >= this.options.failureThreshold) this.#open(now);
  }

  /** Back to closed with no history (tests, operators). */
  reset(): void {
    this.#failures = [];
    this.#probeInFlight = false;
    this.#transition('closed');
  }

  #open(now: number): void {
    this.#openedAt = now;
    this.#failures = [];
    this.#transition('open');
  }

  #transition(to: BreakerState): void {
    if (this.#state === to) return;
    this.#state = to;
    this.#onTransition(to);
  }
}
