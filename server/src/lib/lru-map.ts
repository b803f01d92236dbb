/**
 * A Map bounded to `maxEntries` that drops entries not used lately when it is full (the CLOCK, or second-chance,
 * approximation of least-recently-used): reading an entry only marks it used, and adding one beyond the bound
 * walks from the oldest entry, giving each marked one a second chance (unmarked, moved to the back) and dropping
 * the first unmarked one. Reads are a plain Map lookup, which matters because the caches on the hot path
 * (verified tokens, aggregated answers, pseudonyms) are read on every request and written far less often; none of
 * them can grow without limit.
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, { value: V; used: boolean }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.used = true;
      return;
    }
    while (this.#entries.size >= this.#maxEntries) this.#evictOne();
    this.#entries.set(key, { value, used: false });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #evictOne(): void {
    // Terminates: every entry passed over loses its mark, so within one round one is unmarked.
    for (const [key, entry] of this.#entries) {
      this.#entries.delete(key);
      if (!entry.used) return;
      entry.used = false;
      this.#entries.set(key, entry);
    }
  }
}
