import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedJWK, decodeJwt, jwtVerify } from 'jose';
import { DEFAULT_SCOPE, deferredAuth, oidcAuth, resetOidcRegistry, staticTokenAuth } from '../src/index.js';

test('oidcAuth checks its options and names the bad one', () => {
  assert.throws(() => oidcAuth({ authority: '', clientId: 'c', redirectUri: 'http://x/' }), /authority/);
  assert.throws(() => oidcAuth({ authority: 'http://idp', clientId: '', redirectUri: 'http://x/' }), /clientId/);
  assert.throws(() => oidcAuth({ authority: 'http://idp', clientId: 'c', redirectUri: 'relative' }), /redirectUri/);
});

test('one OIDC strategy (one UserManager) per authority and client id on a page', () => {
  resetOidcRegistry();
  const options = { authority: 'http://idp.test', clientId: 'kunta-akkuna-nivala', redirectUri: 'http://site.test/' };
  const a = oidcAuth(options);
  assert.equal(oidcAuth({ ...options, authority: 'http://idp.test/' }), a);
  assert.notEqual(oidcAuth({ ...options, clientId: 'kunta-akkuna-sievi' }), a);
  assert.equal(DEFAULT_SCOPE, 'openid profile offline_access');
  resetOidcRegistry();
});

test('deferredAuth with signedOut answers "nobody" without creating the strategy, until there is a session', async () => {
  let created = 0;
  let signedOut = true;
  const auth = deferredAuth(
    async () => {
      created++;
      return staticTokenAuth('t0k');
    },
    async () => signedOut,
  );
  const seen: unknown[] = [];
  auth.subscribe((user) => seen.push(user?.sub ?? null));
  assert.equal(await auth.getUser(), null);
  assert.equal(await auth.handleCallback(), null);
  assert.equal(await auth.authorize({ url: 'http://api.test/v1/me/cases', method: 'GET' }), null);
  await auth.signOut();
  assert.equal(created, 0, 'a signed-out page never creates the strategy');
  assert.deepEqual(seen, [], 'nobody was signed in, so nothing changed');

  signedOut = false;
  assert.equal((await auth.getUser())?.sub, 'static');
  signedOut = true;
  assert.deepEqual(await auth.authorize({ url: 'http://api.test/v1/me/cases', method: 'GET' }), {
    Authorization: 'Bearer t0k',
  });
  assert.equal(created, 1, 'once created, the strategy answers');
});

test('sign-in creates the strategy even on a signed-out page', async () => {
  let created = 0;
  const auth = deferredAuth(
    async () => {
      created++;
      return { ...staticTokenAuth('t'), signIn: async () => undefined };
    },
    async () => true,
  );
  await auth.signIn();
  assert.equal(created, 1);
});

test('staticTokenAuth with a DPoP key pair sends the DPoP scheme and a fresh proof bound to the token, URL and nonce', async () => {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const auth = staticTokenAuth('tok.en.value', { dpop: keys });
  const url = 'https://api.test/v1/me/cases?lang=fi';
  const first = await auth.authorize({ url, method: 'get', nonce: 'n-1' });
  const second = await auth.authorize({ url, method: 'GET' });
  assert.equal(first?.Authorization, 'DPoP tok.en.value');
  const { payload, protectedHeader } = await jwtVerify(first!.DPoP!, EmbeddedJWK, { typ: 'dpop+jwt' });
  assert.equal(protectedHeader.alg, 'ES256');
  assert.deepEqual(Object.keys(protectedHeader.jwk ?? {}).sort(), ['crv', 'kty', 'x', 'y'], 'the public key only');
  assert.equal(payload.htm, 'GET');
  assert.equal(payload.htu, 'https://api.test/v1/me/cases');
  assert.equal(payload.nonce, 'n-1');
  const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('tok.en.value')));
  assert.equal(payload.ath, ath.toString('base64url'));
  assert.notEqual(decodeJwt(second!.DPoP!).jti, payload.jti, 'a new proof per request');
  assert.throws(() => staticTokenAuth('t', { dpop: {} as CryptoKeyPair }), TypeError);
});
