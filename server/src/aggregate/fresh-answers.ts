/**
 * The per-citizen freshness window: a citizen's good answer from one source, fetched less than a few seconds ago,
 * is given again without asking the back end. In memory only (never written anywhere), keyed by (municipality,
 * subject pseudonym, source) so one citizen is never given another's answer, bounded, and forgotten at once when
 * a change event for that citizen and source arrives (webhook or poll, through the case-events bus). The answer
 * keeps its true `fetchedAt`. Reads still go through the route, so each one still writes its audit row.
 */
export const DEFAULT_FRESHNESS_SECONDS = 5;
const MAX_ENTRIES = 10_000;

interface FreshEntry {
  data: unknown;
  fetchedAt: string;
  /** performance.now() after which the entry is not used. */
  until: number;
}

export interface FreshKey {
  municipalityId: string;
  subjectPseudonym: string;
  sourceId: string;
}

export class FreshAnswers {
  /** subject pseudonym → `${municipality}\0${source}` → answer (Map order = insertion order, for eviction). */
  readonly #bySubject = new Map<string, Map<string, FreshEntry>>();
  #size = 0;
  /** Bumped by every invalidation: an answer whose fetch began before one is not kept (it may predate the change). */
  #generation = 0;
  readonly #clock: () => number;

  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#size;
  }

  /** Mark taken before a fetch starts; pass it to `put`. It changes with every invalidation. */
  mark(): number {
    return this.#generation;
  }

  /** The window's clock (performance.now() by default), in the units of `until`. */
  now(): number {
    return this.#clock();
  }

  /** The answer, with the clock time at which its window ends. */
  get<T>(key: FreshKey): { data: T; fetchedAt: string; until: number } | null {
    const entries = this.#bySubject.get(key.subjectPseudonym);
    const inner = `${key.municipalityId}\u0000${key.sourceId}`;
    const entry = entries?.get(inner);
    if (!entry) return null;
    if (this.#clock() >= entry.until) {
      this.#delete(key.subjectPseudonym, inner);
      return null;
    }
    return { data: entry.data as T, fetchedAt: entry.fetchedAt, until: entry.until };
  }

  /** Keeps the answer for `seconds`; returns the clock time its window ends, or null when it is not kept. */
  put(key: FreshKey, data: unknown, fetchedAt: string, seconds: number, mark: number): number | null {
    if (seconds <= 0 || mark !== this.#generation) return null;
    const inner = `${key.municipalityId}\u0000${key.sourceId}`;
    let entries = this.#bySubject.get(key.subjectPseudonym);
    if (!entries) {
      entries = new Map();
      this.#bySubject.set(key.subjectPseudonym, entries);
    }
    if (!entries.has(inner)) {
      if (this.#size >= MAX_ENTRIES) this.#evictOldest();
      this.#size += 1;
    }
    const until = this.#clock() + seconds * 1000;
    entries.set(inner, { data, fetchedAt, until });
    return until;
  }

  /** Forgets the citizen's answers from this source (every municipality), or from every source. */
  invalidate(subjectPseudonym: string, sourceId?: string): void {
    this.#generation += 1;
    const entries = this.#bySubject.get(subjectPseudonym);
    if (!entries) return;
    for (const inner of [...entries.keys()]) {
      if (sourceId === undefined || inner.endsWith(`\u0000${sourceId}`)) this.#delete(subjectPseudonym, inner);
    }
  }

  clear(): void {
    this.#generation += 1;
    this.#bySubject.clear();
    this.#size = 0;
  }

  #delete(subjectPseudonym: string, inner: string): void {
    const entries = this.#bySubject.get(subjectPseudonym);
    if (!entries?.delete(inner)) return;
    this.#size -= 1;
    if (entries.size === 0) this.#bySubject.delete(subjectPseudonym);
  }

  #evictOldest(): void {
    const [subject, entries] = this.#bySubject.entries().next().value ?? [];
    if (subject === undefined || !entries) return;
    const inner = entries.keys().next().value;
    if (inner !== undefined) this.#delete(subject, inner);
  }
}
