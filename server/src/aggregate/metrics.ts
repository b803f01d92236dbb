/**
 * In-memory metrics, rendered in the Prometheus text format at GET /metrics. Labels are source ids,
 * municipality ids, outcomes and states only: never a person, a case id or anything from a back end's answer.
 */

type Labels = Readonly<Record<string, string>>;

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`)
    .join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  abstract lines(): string[];
}

export class Counter extends Metric {
  readonly type = 'counter';
  readonly #values = new Map<string, number>();

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.#values.get(labelKey(labels)) ?? 0;
  }

  lines(): string[] {
    return [...this.#values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`);
  }
}

export class Gauge extends Metric {
  readonly type = 'gauge';
  readonly #values = new Map<string, number>();

  set(labels: Labels, value: number): void {
    this.#values.set(labelKey(labels), value);
  }

  add(labels: Labels, by: number): void {
    const key = labelKey(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.#values.get(labelKey(labels)) ?? 0;
  }

  lines(): string[] {
    return [...this.#values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`);
  }
}

export const DEFAULT_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];

export class Histogram extends Metric {
  readonly type = 'histogram';
  readonly #series = new Map<string, { buckets: number[]; sum: number; count: number }>();

  constructor(
    name: string,
    help: string,
    readonly buckets: readonly number[] = DEFAULT_SECONDS_BUCKETS,
  ) {
    super(name, help);
  }

  observe(labels: Labels, value: number): void {
    const key = labelKey(labels);
    let series = this.#series.get(key);
    if (!series) {
      series = { buckets: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    this.buckets.forEach((bound, i) => {
      if (value <= bound) series.buckets[i]! += 1;
    });
    series.sum += value;
    series.count += 1;
  }

  count(labels: Labels = {}): number {
    return this.#series.get(labelKey(labels))?.count ?? 0;
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [key, series] of this.#series) {
      const prefix = key ? `${key},` : '';
      this.buckets.forEach((bound, i) => out.push(`${this.name}_bucket{${prefix}le="${bound}"} ${series.buckets[i]}`));
      out.push(`${this.name}_bucket{${prefix}le="+Inf"} ${series.count}`);
      out.push(`${this.name}_sum${key ? `{${key}}` : ''} ${series.sum}`);
      out.push(`${this.name}_count${key ? `{${key}}` : ''} ${series.count}`);
    }
    return out;
  }
}

/** The server's metrics; one instance per server (decorated as `app.metrics`). */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.#register(name, () => new Counter(name, help), Counter);
  }

  gauge(name: string, help: string): Gauge {
    return this.#register(name, () => new Gauge(name, help), Gauge);
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.#register(name, () => new Histogram(name, help, buckets), Histogram);
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const out: string[] = [];
    for (const metric of this.#metrics.values()) {
      out.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`, ...metric.lines());
    }
    return `${out.join('\n')}\n`;
  }

  #register<T extends Metric>(name: string, make: () => T, kind: abstract new (...args: never[]) => T): T {
    const existing = this.#metrics.get(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`metric ${name} registered with another type`);
      return existing;
    }
    const metric = make();
    this.#metrics.set(name, metric);
    return metric;
  }
}

/** The metrics of the aggregate layer, created once per registry. */
export class SourceMetrics {
  readonly calls: Counter;
  readonly duration: Histogram;
  readonly rejections: Counter;
  readonly retries: Counter;
  readonly breakerState: Gauge;
  readonly breakerTransitions: Counter;
  readonly inFlight: Gauge;
  readonly staleServed: Counter;
  readonly rowsSkipped: Counter;

  constructor(registry: MetricsRegistry) {
    this.calls = registry.counter('ka_source_calls_total', 'Calls to back-end sources by outcome');
    this.duration = registry.histogram('ka_source_call_duration_seconds', 'Duration of back-end source calls');
    this.rejections = registry.counter(
      'ka_source_rejections_total',
      'Source calls refused without reaching the back end (breaker open, bulkhead full)',
    );
    this.retries = registry.counter('ka_source_retries_total', 'Retried idempotent requests to back ends');
    this.breakerState = registry.gauge(
      'ka_source_breaker_state',
      'Circuit breaker state: 0 closed, 1 half-open, 2 open',
    );
    this.breakerTransitions = registry.counter('ka_source_breaker_transitions_total', 'Circuit breaker state changes');
    this.inFlight = registry.gauge('ka_source_in_flight', 'Calls in flight per source (bulkhead occupancy)');
    this.staleServed = registry.counter('ka_source_stale_served_total', "Answers served from a citizen's saved copy");
    this.rowsSkipped = registry.counter(
      'ka_source_rows_skipped_total',
      "Rows of a back end's answer left out because they did not validate, by reason",
    );
  }
}
