import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { ALLOWED_ALGORITHMS, invalidDpopProof } from './challenges.js';

/** How far a proof's `iat` may be from our clock, either way (RFC 9449 §11.1). */
export const DPOP_IAT_WINDOW_S = 60;

/**
 * Remembers proof `jti`s long enough that a proof cannot be replayed while its `iat` is acceptable.
 * In-memory: with several server instances this would move to Redis (shared), keyed the same way.
 */
export class DpopReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  /** Returns false when the jti was already used (a replay); otherwise remembers it until `expiresAtMs`. */
  claim(jti: string, nowMs: number, expiresAtMs: number): boolean {
    this.#sweep(nowMs);
    const previous = this.#seen.get(jti);
    if (previous !== undefined && previous > nowMs) return false;
    if (this.#seen.size >= this.#maxEntries) {
      // Full: refusing is safer than forgetting (forgetting would allow replays).
      return false;
    }
    this.#seen.set(jti, expiresAtMs);
    return true;
  }

  #sweep(nowMs: number): void {
    // Entries are inserted in roughly increasing expiry order, so expired ones sit at the front.
    for (const [jti, expiresAt] of this.#seen) {
      if (expiresAt > nowMs) break;
      this.#seen.delete(jti);
    }
  }
}

export interface DpopCheck {
  proof: string;
  method: string;
  /** The request URL as the client addressed it, without query and fragment. */
  url: string;
  accessToken: string;
  /** `cnf.jkt` of the access token: the proof must be signed by that key. */
  expectedJkt: string;
  now: Date;
  replayCache: DpopReplayCache;
}

/** Verifies a DPoP proof for one request (RFC 9449 §4.3); throws AuthFailure with `invalid_dpop_proof`. */
export async function verifyDpopProof(check: DpopCheck): Promise<void> {
  let header: { typ?: string; alg?: string; jwk?: JWK };
  try {
    header = decodeProtectedHeader(check.proof) as typeof header;
  } catch {
    throw invalidDpopProof('malformed proof');
  }
  if (!header.jwk || typeof header.jwk !== 'object') throw invalidDpopProof('no jwk header');
  if ('d' in header.jwk) throw invalidDpopProof('private key in jwk header');

  let payload: { htm?: unknown; htu?: unknown; iat?: unknown; jti?: unknown; ath?: unknown };
  try {
    // EmbeddedJWK verifies with the public key in the header; the thumbprint check below binds it to the token.
    ({ payload } = await jwtVerify(check.proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ALLOWED_ALGORITHMS,
      currentDate: check.now,
      clockTolerance: DPOP_IAT_WINDOW_S,
      requiredClaims: ['jti', 'htm', 'htu', 'iat'],
    }));
  } catch (error) {
    throw invalidDpopProof(`verification failed: ${(error as { code?: string }).code ?? (error as Error).name}`);
  }

  if (payload.htm !== check.method.toUpperCase()) throw invalidDpopProof('htm mismatch');
  if (typeof payload.htu !== 'string' || !sameTargetUri(payload.htu, check.url)) throw invalidDpopProof('htu mismatch');
  const nowS = check.now.getTime() / 1000;
  if (typeof payload.iat !== 'number' || Math.abs(nowS - payload.iat) > DPOP_IAT_WINDOW_S) {
    throw invalidDpopProof('iat outside the window');
  }
  if (payload.ath !== accessTokenHash(check.accessToken)) throw invalidDpopProof('ath mismatch');
  if ((await calculateJwkThumbprint(header.jwk, 'sha256')) !== check.expectedJkt) {
    throw invalidDpopProof('key does not match cnf.jkt');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 256) {
    throw invalidDpopProof('bad jti');
  }
  // Last, so that a proof failing any other check does not use up its jti.
  const expiresAtMs = (payload.iat + DPOP_IAT_WINDOW_S + 1) * 1000;
  if (!check.replayCache.claim(payload.jti, check.now.getTime(), expiresAtMs)) throw invalidDpopProof('replayed jti');
}

/** `ath`: base64url of the SHA-256 of the access token's ASCII (RFC 9449 §4.2). */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** Compares scheme, host, port and path after URL normalisation; query and fragment are ignored (§4.3). */
function sameTargetUri(htu: string, requestUrl: string): boolean {
  try {
    const a = new URL(htu);
    const b = new URL(requestUrl);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
