/** Reading a request's access token, the same way for citizen and staff routes (RFC 6750, RFC 9449). */
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { FastifyRequest } from 'fastify';
import { invalidToken, missingCredentials } from './challenges.js';

/** RFC 6750 §2.1 b64token (also RFC 9449's DPoP scheme). */
export const TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** Header parameters that tell a verifier where to get the key: the key must come from our config only. */
const KEY_LOCATING_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;

/** The scheme and token of the Authorization header; the token's characters are not checked here. */
export function readCredentials(request: FastifyRequest): { scheme: 'Bearer' | 'DPoP'; token: string } {
  const authorization = request.headers.authorization;
  if (!authorization) throw missingCredentials();
  const space = authorization.indexOf(' ');
  const schemeName = authorization.slice(0, Math.max(0, space)).toLowerCase();
  if (schemeName !== 'bearer' && schemeName !== 'dpop') throw invalidToken('malformed Authorization header');
  return { scheme: schemeName === 'dpop' ? 'DPoP' : 'Bearer', token: authorization.slice(space + 1) };
}

/** Header and claims before verification, refusing a header that names where to fetch the key. */
export function decodeUnverified(token: string, scheme: 'Bearer' | 'DPoP'): { issuer: string; claims: JWTPayload } {
  let header: Record<string, unknown>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    claims = decodeJwt(token);
  } catch {
    throw invalidToken('malformed token', scheme);
  }
  const locating = KEY_LOCATING_HEADERS.find((name) => name in header);
  if (locating) throw invalidToken(`token header has ${locating}`, scheme);
  return { issuer: typeof claims.iss === 'string' ? claims.iss : '', claims };
}

/** The URL a DPoP proof's `htu` must name: the public base URL when configured (behind a proxy), else the request's. */
export function requestUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  const path = request.url.split(/[?#]/, 1)[0] ?? '/';
  const base = publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/$/, '')}${path}`;
}
