import { createHmac } from 'node:crypto';
import { LruMap } from '../lib/lru-map.js';

/** Pseudonyms already computed, per key: every read of personal data needs one (often twice), and HMAC is not free. */
const known = new WeakMap<Uint8Array, LruMap<string, string>>();
const MAX_KNOWN_PER_KEY = 10_000;

/**
 * A stable pseudonym for a person: HMAC-SHA-256 of the identity code with a server secret. The same person
 * gets the same pseudonym in every row (so an access-log request can be answered), but the identity code
 * cannot be recovered from the log without the key. Kept in memory only, like the verified tokens that carry
 * the same identity codes (auth/verified-token-cache.ts); the least recently used goes first when the memo is full.
 */
export function subjectPseudonym(key: Uint8Array, identityCode: string): string {
  let byIdentityCode = known.get(key);
  if (!byIdentityCode) {
    byIdentityCode = new LruMap(MAX_KNOWN_PER_KEY);
    known.set(key, byIdentityCode);
  }
  const cached = byIdentityCode.get(identityCode);
  if (cached !== undefined) return cached;
  const pseudonym = createHmac('sha256', key).update(identityCode, 'utf8').digest('base64url');
  byIdentityCode.set(identityCode, pseudonym);
  return pseudonym;
}
