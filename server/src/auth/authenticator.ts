import type { FastifyRequest } from 'fastify';
import type { CryptoKey } from 'jose';
import { ApiError } from '../http/problems.js';
import type { AccessTokenVerifier, VerifiedAccessToken } from './access-token.js';
import { invalidDpopProof, invalidToken } from './challenges.js';
import { readCredentials, requestUrl, TOKEN } from './credentials.js';
import { Citizen } from './citizen.js';
import { verifyDpopProof, type DpopReplayCache } from './dpop.js';
import { decryptIdentityCode } from './identity-code.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export interface AuthenticatorOptions {
  verifier: AccessTokenVerifier;
  identityDecryptionKey: CryptoKey;
  replayCache: DpopReplayCache;
  now: () => Date;
  /** The API's public base URL (API_URL); DPoP `htu` is compared against it. Else taken from the request. */
  publicUrl: string | undefined;
  /** Tokens already verified (until their exp); a fresh cache per authenticator by default. */
  verifiedTokens?: VerifiedTokenCache<VerifiedToken>;
}

/** A verified access token and the identity code decrypted from it. */
interface VerifiedToken extends VerifiedAccessToken {
  identityCode: string;
}

/** Turns a request's credentials into a Citizen, or throws a 401/403 ApiError. */
export class Authenticator {
  readonly #options: AuthenticatorOptions;
  readonly #verifiedTokens: VerifiedTokenCache<VerifiedToken>;

  constructor(options: AuthenticatorOptions) {
    this.#options = options;
    this.#verifiedTokens = options.verifiedTokens ?? new VerifiedTokenCache();
  }

  async authenticate(request: FastifyRequest): Promise<Citizen> {
    // Its characters are checked before it is verified (#verifiedToken), not on every request with a known token.
    const { scheme, token } = readCredentials(request);

    const { claims, municipality, identityCode } = await this.#verifiedToken(token, scheme);
    const jkt = claims.cnf?.jkt;
    const proof = request.headers.dpop;
    if (jkt !== undefined) {
      // A DPoP-bound token is worthless without the key: the Bearer scheme must not unlock it (RFC 9449 §7.1).
      if (scheme !== 'DPoP') throw invalidToken('DPoP-bound token sent as Bearer', 'DPoP');
      if (typeof proof !== 'string' || proof === '') throw invalidDpopProof('no DPoP proof');
      await verifyDpopProof({
        proof,
        method: request.method,
        url: requestUrl(request, this.#options.publicUrl),
        accessToken: token,
        expectedJkt: jkt,
        now: this.#options.now(),
        replayCache: this.#options.replayCache,
      });
    } else if (scheme === 'DPoP') {
      throw invalidToken('DPoP scheme with a token that is not DPoP-bound', 'DPoP');
    }

    const required = municipality.auth.requiredAcr;
    if (required !== null && claims.acr !== required) {
      // Step-up hint (RFC 9470): the client can ask the identity provider for a stronger authentication.
      throw new ApiError('KA_FORBIDDEN', 'A stronger authentication is required', {
        headers: {
          'WWW-Authenticate': `Bearer error="insufficient_user_authentication", acr_values="${required}"`,
        },
      });
    }

    return new Citizen({
      iss: claims.iss,
      sub: claims.sub,
      clientId: claims.client_id,
      acr: claims.acr,
      expiresAt: (claims.exp as number) * 1000,
      municipality,
      identityCode,
    });
  }

  /** Signature, claims and identity code, checked once per token and then kept until the token's exp. */
  async #verifiedToken(token: string, scheme: 'Bearer' | 'DPoP'): Promise<VerifiedToken> {
    const cached = this.#verifiedTokens.get(token, this.#options.now().getTime());
    if (cached !== null) return cached;

    if (!TOKEN.test(token)) throw invalidToken('malformed Authorization header');
    const { claims, municipality } = await this.#options.verifier.verify(token, scheme);
    const claim = claims[municipality.auth.claims.identityCode];
    const identityCode = await decryptIdentityCode(claim, this.#options.identityDecryptionKey);
    if (identityCode === null) throw invalidToken('identity-code claim missing or not decryptable', scheme);
    const verified = { claims: Object.freeze(claims), municipality, identityCode };
    if (typeof claims.exp === 'number') {
      this.#verifiedTokens.set(token, verified, claims.exp * 1000, this.#options.now().getTime());
    }
    return verified;
  }
}
