import { jwtVerify, type JWTPayload } from 'jose';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import type { TenantRegistry } from '../tenants/tenant-registry.js';
import { ALLOWED_ALGORITHMS, invalidToken } from './challenges.js';
import { decodeUnverified } from './credentials.js';
import type { IssuerKeyResolver } from './issuer-keys.js';

/** Longest access-token lifetime we accept (exp - iat), per the browser-apps BCP. */
export const MAX_TOKEN_LIFETIME_S = 600;
/** Clock skew we tolerate for exp, nbf and iat. */
export const CLOCK_TOLERANCE_S = 60;

export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  client_id: string;
  acr?: string;
  cnf?: { jkt?: string };
  [claim: string]: unknown;
}

export interface VerifiedAccessToken {
  claims: AccessTokenClaims;
  municipality: MunicipalityConfig;
}

export interface AccessTokenVerifierOptions {
  tenants: TenantRegistry;
  keys: IssuerKeyResolver;
  now: () => Date;
}

/** Strict JWT access-token validation (RFC 9068 profile; security.md checks 3 and 4). */
export class AccessTokenVerifier {
  readonly #tenants: TenantRegistry;
  readonly #keys: IssuerKeyResolver;
  readonly #now: () => Date;
  readonly #audiencesByIssuer: Map<string, Set<string>>;

  constructor(options: AccessTokenVerifierOptions) {
    this.#tenants = options.tenants;
    this.#keys = options.keys;
    this.#now = options.now;
    this.#audiencesByIssuer = options.tenants.issuers();
  }

  /** Throws AuthFailure (401) on anything wrong; never another error. */
  async verify(token: string, scheme: 'Bearer' | 'DPoP'): Promise<VerifiedAccessToken> {
    const fail = (reason: string) => invalidToken(reason, scheme);

    // The issuer picks the key set, but only among issuers in our own configuration.
    const { issuer } = decodeUnverified(token, scheme);
    const audiences = this.#audiencesByIssuer.get(issuer);
    if (!audiences) throw fail('unknown issuer');

    const now = this.#now();
    let claims: AccessTokenClaims;
    try {
      const verified = await jwtVerify(token, this.#keys(issuer), {
        algorithms: ALLOWED_ALGORITHMS,
        issuer,
        audience: [...audiences],
        typ: 'at+jwt', // an ID token (typ JWT) is not an access token
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat', 'client_id'],
      });
      claims = verified.payload as AccessTokenClaims;
    } catch (error) {
      throw fail(`verification failed: ${(error as { code?: string }).code ?? (error as Error).name}`);
    }

    if (typeof claims.sub !== 'string' || claims.sub === '') throw fail('no sub');
    if (typeof claims.client_id !== 'string') throw fail('no client_id');
    const iat = claims.iat as number;
    const exp = claims.exp as number;
    if (exp - iat > MAX_TOKEN_LIFETIME_S) throw fail('lifetime too long');
    if (iat > now.getTime() / 1000 + CLOCK_TOLERANCE_S) throw fail('issued in the future');

    const municipality = this.#tenants.byClientId(claims.client_id);
    if (!municipality) throw fail('client of no configured municipality');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (municipality.auth.issuer !== issuer || !aud.includes(municipality.auth.audience)) {
      throw fail('token not issued for this municipality');
    }
    return { claims, municipality };
  }
}
