import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** Gives the key set that verifies tokens of one issuer. Tests inject a local JWKS instead. */
export type IssuerKeyResolver = (issuer: string) => JWTVerifyGetKey;

const DISCOVERY_TIMEOUT_MS = 3000;

/**
 * Keys from the issuer's OpenID discovery document (`jwks_uri`), fetched lazily and cached by jose (with a
 * cooldown, so an unknown `kid` cannot make us hammer the issuer). A failed discovery is retried on the next call.
 */
export function discoveryKeyResolver(): IssuerKeyResolver {
  const perIssuer = new Map<string, JWTVerifyGetKey>();
  return (issuer) => {
    const known = perIssuer.get(issuer);
    if (known) return known;
    let keySet: Promise<JWTVerifyGetKey> | undefined;
    const getKey: JWTVerifyGetKey = async (header, token) => {
      keySet ??= discoverKeySet(issuer).catch((error: unknown) => {
        keySet = undefined;
        throw error;
      });
      return (await keySet)(header, token);
    };
    perIssuer.set(issuer, getKey);
    return getKey;
  };
}

async function discoverKeySet(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), redirect: 'error' });
  if (!response.ok) throw new Error(`OpenID discovery failed for ${issuer}: HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // A discovery document must name the issuer it was fetched for (OpenID Connect Discovery §4.3).
  if (document.issuer !== issuer) throw new Error(`OpenID discovery for ${issuer} names another issuer`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`OpenID discovery for ${issuer} has no jwks_uri`);
  return createRemoteJWKSet(new URL(document.jwks_uri), {
    timeoutDuration: DISCOVERY_TIMEOUT_MS,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
}
