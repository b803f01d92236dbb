// DPoP proofs (RFC 9449 §4) from a key pair the caller holds, for `staticTokenAuth` in Node or a script: a token
// the identity provider bound to a key (`cnf.jkt`, token type `DPoP`) is refused without a fresh proof per
// request. WebCrypto only (Node 20+ and browsers); in the browser `oidcAuth` makes its proofs with oidc-client-ts.

/**
 * WebCrypto's `CryptoKey`, named through the global `crypto` so that the declarations need no DOM lib: Node-only
 * TypeScript projects (lib ES2023 + @types/node) have `crypto` but no global `CryptoKey`.
 */
type WebCryptoKey = Parameters<typeof globalThis.crypto.subtle.sign>[1];

/** The key a DPoP-bound token was issued for: an ES256 (P-256) pair, e.g. `crypto.subtle.generateKey(...)`. */
export interface DpopKeyPair {
  privateKey: WebCryptoKey;
  publicKey: WebCryptoKey;
}

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const json = (value: unknown) => base64url(encoder.encode(JSON.stringify(value)));

/**
 * A proof for one request: `htu` without query and fragment (§4.2), `ath` binding it to the access token (none on
 * a token request, which has no access token yet).
 */
export async function dpopProof(
  keys: DpopKeyPair,
  request: { url: string; method: string; accessToken?: string; nonce?: string },
): Promise<string> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const url = new URL(request.url);
  const header = json({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } });
  const payload = json({
    jti: crypto.randomUUID(),
    htm: request.method.toUpperCase(),
    htu: url.origin + url.pathname,
    iat: Math.floor(Date.now() / 1000),
    ...(request.accessToken
      ? { ath: base64url(await crypto.subtle.digest('SHA-256', encoder.encode(request.accessToken))) }
      : {}),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    keys.privateKey,
    encoder.encode(`${header}.${payload}`),
  );
  return `${header}.${payload}.${base64url(signature)}`;
}
