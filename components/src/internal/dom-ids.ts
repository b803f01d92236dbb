/** Short DOM ids for back-end ids (which may hold characters an id or a selector should not): stable per key. */
export class DomIds {
  readonly #ids = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  for(key: string): string {
    let id = this.#ids.get(key);
    if (!id) {
      id = `${this.prefix}-${this.#ids.size + 1}`;
      this.#ids.set(key, id);
    }
    return id;
  }

  clear(): void {
    this.#ids.clear();
  }
}

/** A copy of `set` with `key` added when absent, removed when present (for @state sets of open disclosures). */
export function toggled<T>(set: ReadonlySet<T>, key: T): Set<T> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
