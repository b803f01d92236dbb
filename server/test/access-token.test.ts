import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { base64url, CompactEncrypt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { buildTestApp, type TestApp } from './helpers/app.js';

/** The ways a token can be wrong (security.md checks 3 and 4); each must give 401, never 5xx, never data. */
describe('access-token validation', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  const get = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: authorization ? { authorization } : {} });

  async function assertRefused(authorization: string | undefined, challenge: RegExp = /^Bearer/) {
    const before = (await t.auditRows()).length;
    const response = await get(authorization);
    assert.equal(response.statusCode, 401, response.body);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(String(response.headers['www-authenticate']), challenge);
    const body = response.json();
    assert.equal(body.code, 'KA_UNAUTHENTICATED');
    assert.equal(body.status, 401);
    assert.equal((await t.auditRows()).length, before, 'a refused request writes no audit row');
  }

  const now = () => Math.floor(Date.now() / 1000);
  const maija = () => t.hetu.maija;

  test("a valid Bearer token reads the citizen's cases", async () => {
    const response = await get(`Bearer ${await t.idp.accessToken(maija())}`);
    assert.equal(response.statusCode, 200, response.body);
  });

  test('no credentials: 401 with both challenges', async () => {
    await assertRefused(undefined, /^Bearer, DPoP algs="ES256 RS256 PS256 EdDSA"$/);
  });

  test('a malformed Authorization header', async () => {
    await assertRefused('Basic dXNlcjpwYXNz');
    await assertRefused('Bearer not-a-jwt');
    await assertRefused('Bearer a.b.c');
  });

  test('expired beyond the 60 s tolerance', async () => {
    await assertRefused(
      `Bearer ${await t.idp.accessToken(maija(), { claims: { iat: now() - 400, exp: now() - 61 } })}`,
    );
  });

  test('expired within the tolerance is still accepted', async () => {
    const token = await t.idp.accessToken(maija(), { claims: { iat: now() - 330, exp: now() - 30 } });
    assert.equal((await get(`Bearer ${token}`)).statusCode, 200);
  });

  test('nbf in the future', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { nbf: now() + 120 } })}`);
  });

  test('issued in the future', async () => {
    await assertRefused(
      `Bearer ${await t.idp.accessToken(maija(), { claims: { iat: now() + 300, exp: now() + 600 } })}`,
    );
  });

  test('a lifetime longer than 10 minutes', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { exp: now() + 3600 } })}`);
  });

  test('a wrong issuer', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { iss: 'https://evil.test' } })}`);
  });

  test('an audience that is not ours', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { aud: 'urn:someone-else' } })}`);
  });

  test('alg none', async () => {
    const token = await t.idp.accessToken(maija());
    const [, payload] = token.split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: t.idp.kid }));
    await assertRefused(`Bearer ${header}.${payload}.`);
  });

  test('HS256 signed with the public key as the secret', async () => {
    const forged = await new SignJWT({
      sub: 'attacker',
      client_id: 'kunta-akkuna-nivala',
      ka_pid: await t.idp.encryptIdentityCode(maija()),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: t.idp.kid })
      .setIssuer('https://idp.test')
      .setAudience('urn:kunta-akkuna:api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(t.idp.publicJwk)));
    await assertRefused(`Bearer ${forged}`);
  });

  test('an unknown kid', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { header: { kid: 'someone-elses-key' } })}`);
  });

  test('a bad signature (signed by another key under our kid)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { key: privateKey })}`);
  });

  test('a tampered payload', async () => {
    const [header, , signature] = (await t.idp.accessToken(maija())).split('.');
    const payload = base64url.encode(JSON.stringify({ sub: 'other', iss: 'https://idp.test' }));
    await assertRefused(`Bearer ${header}.${payload}.${signature}`);
  });

  for (const [name, value] of [
    ['jku', 'https://evil.test/jwks.json'],
    ['x5u', 'https://evil.test/cert.pem'],
    ['x5c', ['MIIBszCCAVmgAwIBAgIUQ==']],
  ] as const) {
    test(`a ${name} header pointing anywhere`, async () => {
      await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { header: { [name]: value } })}`);
    });
  }

  test("an embedded jwk header with the attacker's own key", async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const token = await t.idp.accessToken(maija(), { key: privateKey, header: { jwk: await exportJWK(publicKey) } });
    await assertRefused(`Bearer ${token}`);
  });

  test('an ID token sent as an access token', async () => {
    await assertRefused(`Bearer ${await t.idp.idToken(maija())}`);
    // Even with our audience, typ JWT is not an access token.
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { header: { typ: 'JWT' } })}`);
  });

  test('a missing sub', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { sub: undefined } })}`);
  });

  test('a missing client_id', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { client_id: undefined } })}`);
  });

  test('a client of no configured municipality', async () => {
    await assertRefused(
      `Bearer ${await t.idp.accessToken(maija(), { claims: { client_id: 'kunta-akkuna-atlantis' } })}`,
    );
  });

  test('a missing, garbled or foreign-encrypted identity code', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { ka_pid: undefined } })}`);
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { ka_pid: maija() } })}`);
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const foreign = await new CompactEncrypt(new TextEncoder().encode(maija()))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' })
      .encrypt(publicKey);
    await assertRefused(`Bearer ${await t.idp.accessToken(maija(), { claims: { ka_pid: foreign } })}`);
  });

  test('an identity code that is not a valid identity code', async () => {
    await assertRefused(`Bearer ${await t.idp.accessToken('010280-952X')}`);
  });
});
