import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { discoveryKeyResolver } from '../src/auth/issuer-keys.js';

/** The production key path: OpenID discovery → jwks_uri → keys (the dev IdP serves the same documents). */
describe('issuer keys from OpenID discovery', () => {
  let idp: FastifyInstance;
  let issuer: string;
  let privateKey: CryptoKey;
  let discoveredIssuer: (url: string) => string = (url) => url;

  before(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    idp = Fastify();
    idp.get('/.well-known/openid-configuration', async () => ({
      issuer: discoveredIssuer(issuer),
      jwks_uri: `${issuer}/jwks`,
    }));
    idp.get('/jwks', async () => ({ keys: [jwk] }));
    await idp.listen({ port: 0, host: '127.0.0.1' });
    const address = idp.server.address();
    issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => idp.close());

  const token = () =>
    new SignJWT({ sub: 's' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(issuer).sign(privateKey);

  test("a token signed with a key from the issuer's jwks_uri verifies", async () => {
    const { payload } = await jwtVerify(await token(), discoveryKeyResolver()(issuer), { issuer });
    assert.equal(payload.sub, 's');
  });

  test('a discovery document naming another issuer is refused', async () => {
    discoveredIssuer = () => 'https://someone-else.test';
    try {
      await assert.rejects(jwtVerify(await token(), discoveryKeyResolver()(issuer)), /names another issuer/);
    } finally {
      discoveredIssuer = (url) => url;
    }
  });

  test('an unreachable issuer fails the verification (the API turns that into 401), and is retried later', async () => {
    const resolve = discoveryKeyResolver();
    await assert.rejects(jwtVerify(await token(), resolve('http://127.0.0.1:1')));
    const again = resolve(issuer);
    assert.equal((await jwtVerify(await token(), again)).payload.sub, 's');
  });
});
