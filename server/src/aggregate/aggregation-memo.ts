import { LruMap } from '../lib/lru-map.js';
import type { AggregatedCases } from './aggregate-cases.js';

const DEFAULT_MAX_ENTRIES = 2_000;

/**
 * The last aggregated answer per citizen and set of sources, given again while every input is the very same
 * object as last time: within the freshness window (fresh-answers.ts) each source's answer and the population
 * facts are the same objects, so merging, filtering and sorting them again (and serializing the result: the
 * route keeps the body per answer object) would give the same bytes. Any new fetch, saved copy or change
 * event brings new objects and so a new answer. In memory only, bounded; the least recently used entry goes first.
 */
export class AggregationMemo {
  readonly #entries: LruMap<string, { inputs: readonly unknown[]; result: AggregatedCases }>;

  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    this.#entries = new LruMap(maxEntries);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, inputs: readonly unknown[]): AggregatedCases | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.inputs.length !== inputs.length || entry.inputs.some((input, i) => input !== inputs[i])) {
      return null;
    }
    return entry.result;
  }

  set(key: string, inputs: readonly unknown[], result: AggregatedCases): void {
    this.#entries.set(key, { inputs, result });
  }
}
