import { ApiError } from '../http/problems.js';

/** Algorithms we accept for access tokens and DPoP proofs: asymmetric only, never `none` or HMAC. */
export const ALLOWED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

const DPOP_ALGS = `algs="${ALLOWED_ALGORITHMS.join(' ')}"`;

/** Why authentication failed; logged (never shown) so an operator can tell a clock skew from an attack. */
export type AuthFailureReason = string;

export class AuthFailure extends ApiError {
  readonly reason: AuthFailureReason;
  constructor(reason: AuthFailureReason, challenge: string, detail: string) {
    super('KA_UNAUTHENTICATED', detail, { headers: { 'WWW-Authenticate': challenge } });
    this.reason = reason;
  }
}

export const missingCredentials = () =>
  new AuthFailure('no credentials', `Bearer, DPoP ${DPOP_ALGS}`, 'Sign in to see this information');

/** The token itself is bad; answered in the scheme the client used (RFC 6750 §3, RFC 9449 §7.1). */
export const invalidToken = (reason: AuthFailureReason, scheme: 'Bearer' | 'DPoP' = 'Bearer') =>
  new AuthFailure(
    reason,
    scheme === 'DPoP' ? `DPoP error="invalid_token", ${DPOP_ALGS}` : 'Bearer error="invalid_token"',
    'The access token is not valid',
  );

export const invalidDpopProof = (reason: AuthFailureReason) =>
  new AuthFailure(reason, `DPoP error="invalid_dpop_proof", ${DPOP_ALGS}`, 'The DPoP proof is not valid');
