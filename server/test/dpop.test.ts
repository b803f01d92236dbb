import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_BASE, buildTestApp, dpopHeaders, type TestApp } from './helpers/app.js';
import { DpopKey } from './helpers/identity-provider.js';

/** DPoP-bound tokens (RFC 9449; security.md check 6). */
describe('DPoP', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  const URL_PATH = '/v1/me/cases';
  const now = () => Math.floor(Date.now() / 1000);

  async function boundToken() {
    return t.idp.accessToken(t.hetu.maija, { claims: { cnf: { jkt: t.dpopKey.jkt } } });
  }

  async function send(headers: Record<string, string>, method: 'GET' | 'HEAD' = 'GET') {
    return t.app.inject({ method, url: URL_PATH, headers });
  }

  async function assertInvalidProof(headers: Record<string, string>, error = 'invalid_dpop_proof') {
    const before = (await t.auditRows()).length;
    const response = await send(headers);
    assert.equal(response.statusCode, 401, response.body);
    assert.match(String(response.headers['www-authenticate']), new RegExp(`^DPoP error="${error}"`));
    assert.equal(response.json().code, 'KA_UNAUTHENTICATED');
    assert.equal((await t.auditRows()).length, before);
  }

  test('a bound token with a fresh proof is accepted', async () => {
    const response = await send(await dpopHeaders(t, t.hetu.maija));
    assert.equal(response.statusCode, 200, response.body);
  });

  test('a query string does not change the target URI the proof covers', async () => {
    const token = await boundToken();
    const proof = await t.dpopKey.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat: now() });
    const response = await t.app.inject({
      method: 'GET',
      url: `${URL_PATH}?`,
      headers: { authorization: `DPoP ${token}`, dpop: proof },
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  test('a replayed proof (same jti) is refused', async () => {
    const headers = await dpopHeaders(t, t.hetu.maija);
    assert.equal((await send(headers)).statusCode, 200);
    await assertInvalidProof(headers);
  });

  test('a token already verified once still needs its own fresh proof on every request', async () => {
    const token = await boundToken();
    const proof = () => t.dpopKey.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat: now() });
    assert.equal((await send({ authorization: `DPoP ${token}`, dpop: await proof() })).statusCode, 200);
    await assertInvalidProof({ authorization: `DPoP ${token}` });
    const otherMethod = await t.dpopKey.proof({
      htm: 'POST',
      htu: `${API_BASE}${URL_PATH}`,
      accessToken: token,
      iat: now(),
    });
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: otherMethod });
    const asBearer = await send({ authorization: `Bearer ${token}` });
    assert.equal(asBearer.statusCode, 401);
    assert.equal((await send({ authorization: `DPoP ${token}`, dpop: await proof() })).statusCode, 200);
  });

  test('a proof for another method is refused', async () => {
    const token = await boundToken();
    const proof = await t.dpopKey.proof({ htm: 'POST', htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat: now() });
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: proof });
  });

  test('a proof for another URL is refused', async () => {
    const token = await boundToken();
    for (const htu of [
      `${API_BASE}/v1/me/cases/x`,
      `https://evil.test${URL_PATH}`,
      `${API_BASE.replace('http:', 'https:')}${URL_PATH}`,
    ]) {
      const proof = await t.dpopKey.proof({ htu, accessToken: token, iat: now() });
      await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: proof });
    }
  });

  test('a proof for another access token (ath mismatch) is refused', async () => {
    const token = await boundToken();
    const other = await boundToken();
    const proof = await t.dpopKey.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: other, iat: now() });
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: proof });
  });

  test('a stale or future iat is refused', async () => {
    const token = await boundToken();
    for (const iat of [now() - 120, now() + 120]) {
      const proof = await t.dpopKey.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat });
      await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: proof });
    }
  });

  test('a proof signed by a key other than the one the token is bound to (cnf.jkt) is refused', async () => {
    const token = await boundToken();
    const thief = await DpopKey.create();
    const proof = await thief.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat: now() });
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: proof });
  });

  test('a missing or malformed proof is refused', async () => {
    const token = await boundToken();
    await assertInvalidProof({ authorization: `DPoP ${token}` });
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: 'not-a-proof' });
    // An access token is not a proof.
    await assertInvalidProof({ authorization: `DPoP ${token}`, dpop: token });
  });

  test('a bound token sent with the Bearer scheme is refused', async () => {
    const response = await send({ authorization: `Bearer ${await boundToken()}` });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['www-authenticate']), /^DPoP error="invalid_token"/);
  });

  test('the DPoP scheme with a token that is not bound is refused', async () => {
    const token = await t.idp.accessToken(t.hetu.maija);
    const proof = await t.dpopKey.proof({ htu: `${API_BASE}${URL_PATH}`, accessToken: token, iat: now() });
    const response = await send({ authorization: `DPoP ${token}`, dpop: proof });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['www-authenticate']), /^DPoP error="invalid_token"/);
  });
});
