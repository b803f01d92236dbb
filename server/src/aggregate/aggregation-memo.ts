import { LruMap } from '../lib/lru-map.js';
import type { AggregatedCases } from './aggregate-cases.js';

const DEFAULT_MAX_ENTRIES = 2_000;

/** How long an answer stays good: the clock and generation of the freshness window (fresh-answers.ts). */
export interface AnswerValidity {
  /** Clock time at which the first of the answer's inputs leaves its window (-Infinity: never reusable). */
  until: number;
  /** The window's generation when the inputs were looked up: any invalidation since then changes it. */
  generation: number;
}

/** What the memo needs of the freshness window. */
export interface WindowClock {
  now(): number;
  mark(): number;
}

interface Entry {
  inputs: readonly unknown[];
  result: AggregatedCases;
  validity: AnswerValidity;
}

/**
 * The last aggregated answer per citizen and set of sources, given again in two ways:
 * - `reusable`: without looking anything up, while every input is still within its freshness window and nothing
 *   has been invalidated since (a change event for anyone bumps the generation; the next read then looks up);
 * - `get`: while every input is the very same object as last time, so that merging, filtering and sorting them
 *   again (and serializing the result: the route keeps the body per answer object) would give the same bytes.
 * Any new fetch, saved copy or change event brings new objects and so a new answer. In memory only, bounded; the
 * least recently used entry goes first.
 */
export class AggregationMemo {
  readonly #entries: LruMap<string, Entry>;

  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    this.#entries = new LruMap(maxEntries);
  }

  get size(): number {
    return this.#entries.size;
  }

  reusable(key: string, window: WindowClock): AggregatedCases | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.validity.generation !== window.mark() || window.now() >= entry.validity.until) return undefined;
    return entry.result;
  }

  /** The previous answer if made of the same inputs; it then takes the validity of this lookup. */
  get(key: string, inputs: readonly unknown[], validity: AnswerValidity): AggregatedCases | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.inputs.length !== inputs.length || entry.inputs.some((input, i) => input !== inputs[i])) {
      return null;
    }
    entry.validity = validity;
    return entry.result;
  }

  set(key: string, inputs: readonly unknown[], result: AggregatedCases, validity: AnswerValidity): void {
    this.#entries.set(key, { inputs, result, validity });
  }
}
