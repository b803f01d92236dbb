import { createHash } from 'node:crypto';

const DEFAULT_MAX_ENTRIES = 5_000;

/**
 * The decrypted identity code per access token, so the ECDH-ES decryption is not repeated on every request with
 * the same token. In memory only; keyed by the SHA-256 of the token (the token itself is not kept); an entry
 * lives no longer than the token's `exp`; least recently used entries go first. The token's signature, claims and
 * DPoP proof are still checked on every request before this is consulted.
 */
export class IdentityCodeCache {
  readonly #entries = new Map<string, { identityCode: string; expiresAtMs: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  static keyOf(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('base64url');
  }

  get(key: string, nowMs: number): string | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (nowMs >= entry.expiresAtMs) {
      this.#entries.delete(key);
      return null;
    }
    // Most recently used last.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.identityCode;
  }

  set(key: string, identityCode: string, expiresAtMs: number, nowMs: number): void {
    if (expiresAtMs <= nowMs) return;
    this.#entries.delete(key);
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { identityCode, expiresAtMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}
