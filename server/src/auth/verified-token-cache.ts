import { LruMap } from '../lib/lru-map.js';

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * What a successful verification established about one access token (its claims, its municipality, the decrypted
 * identity code), so that the ES256 signature check and the ECDH-ES decryption are not repeated on every request
 * with the same token. Sound because the key is the whole token: the same bytes verify the same way, and the only
 * thing that changes with time, expiry, is enforced here (an entry lives no longer than the token's `exp`). Only
 * successes are kept; in memory only (like the request that carried the token), never written anywhere; least
 * recently used entries go first. The DPoP proof, which must differ per request, is still checked on every request.
 */
export class VerifiedTokenCache<T> {
  /**
   * Keyed by the token's last 64 characters (its signature, for a JWS) and checked against the whole token:
   * hashing a string of 100 characters instead of about 900 on every request, without giving up exactness.
   */
  readonly #entries: LruMap<string, { token: string; value: T; expiresAtMs: number }>;

  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    this.#entries = new LruMap(maxEntries);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(token: string, nowMs: number): T | null {
    const key = keyOf(token);
    const entry = this.#entries.get(key);
    if (!entry || entry.token !== token) return null;
    if (nowMs >= entry.expiresAtMs) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value;
  }

  set(token: string, value: T, expiresAtMs: number, nowMs: number): void {
    if (expiresAtMs <= nowMs) return;
    this.#entries.set(keyOf(token), { token, value, expiresAtMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}

function keyOf(token: string): string {
  return token.length > 64 ? token.slice(-64) : token;
}
