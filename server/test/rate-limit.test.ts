import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, NIVALA_ORIGIN, type TestApp } from './helpers/app.js';
import { bearer } from './helpers/sources.js';

describe('rate limits (security check 12)', () => {
  let clock = Date.now();
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({
      now: () => new Date(clock),
      rateLimits: { perCitizenPerMinute: 3, perAddressPerMinute: 5 },
      trustProxy: ['10.0.0.1'],
    });
  });
  after(async () => t.close());

  const publicRead = (remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala', remoteAddress, headers });
  /** A personal-data read with a made-up token. */
  const guessedTokenRead = (remoteAddress: string, url = '/v1/me/cases') =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { authorization: 'Bearer guessed.token.value' } });

  test('a citizen over their limit gets 429 problem+json with Retry-After; another citizen does not', async () => {
    clock += 120_000;
    const maija = { ...(await bearer(t, t.hetu.maija)), origin: NIVALA_ORIGIN };
    const read = (headers: Record<string, string>, remoteAddress: string) =>
      t.app.inject({ method: 'GET', url: '/v1/me/cases', headers, remoteAddress });
    // Each from its own address, so that only the per-citizen limit can apply.
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      assert.equal((await read(maija, address)).statusCode, 200);
    }
    const limited = await read(maija, '192.0.2.4');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(limited.json().code, 'KA_RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    // The page can read the 429 (CORS headers are on it) and so can tell the citizen to wait.
    assert.equal(limited.headers['access-control-allow-origin'], NIVALA_ORIGIN);

    assert.equal((await read(await bearer(t, t.hetu.juha), '192.0.2.5')).statusCode, 200, 'Juha has his own');
    clock += 60_000;
    assert.equal((await read(maija, '192.0.2.6')).statusCode, 200, 'a new minute, a new allowance');
  });

  test('an address over its limit gets 429 before authentication, also for guessed tokens', async () => {
    clock += 120_000;
    for (let i = 0; i < 5; i += 1) assert.equal((await publicRead('198.51.100.7')).statusCode, 200);
    assert.equal((await publicRead('198.51.100.7')).statusCode, 429);
    const guess = await guessedTokenRead('198.51.100.7');
    assert.equal(guess.statusCode, 429, 'no more token checks for this address this minute');
    assert.equal((await publicRead('198.51.100.8')).statusCode, 200, 'another address is not affected');
  });

  test('a percent-encoded path to an API route is counted like the plain one', async () => {
    clock += 120_000;
    // The router decodes percent-encoded letters: each of these reaches the route of `/v1/municipalities/nivala`.
    const paths = ['/%761/municipalities/nivala', '/v1/%6Dunicipalities/nivala', '/%76%31/municipalities/nivala'];
    for (let i = 0; i < 5; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: paths[i % paths.length]!,
        remoteAddress: '198.51.100.30',
      });
      assert.equal(response.statusCode, 200, 'the encoded path reaches the route');
    }
    assert.equal((await publicRead('198.51.100.30')).statusCode, 429);
    const guess = await guessedTokenRead('198.51.100.30', '/%761/me/cases');
    assert.equal(guess.statusCode, 429, 'no token checks through an encoded path either');
  });

  test('X-Forwarded-For counts only from the trusted proxy', async () => {
    clock += 120_000;
    // A client that is not the proxy cannot pick a fresh key by sending the header.
    for (let i = 0; i < 5; i += 1) {
      const spoofed = await publicRead('203.0.113.9', { 'x-forwarded-for': `192.0.2.${100 + i}` });
      assert.equal(spoofed.statusCode, 200);
    }
    assert.equal((await publicRead('203.0.113.9', { 'x-forwarded-for': '192.0.2.200' })).statusCode, 429);

    // Behind the trusted proxy, each client is counted on its own, by the address the proxy saw.
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await publicRead('10.0.0.1', { 'x-forwarded-for': '192.0.2.50' })).statusCode, 200);
    }
    assert.equal((await publicRead('10.0.0.1', { 'x-forwarded-for': '192.0.2.50' })).statusCode, 429);
    assert.equal((await publicRead('10.0.0.1', { 'x-forwarded-for': '192.0.2.51' })).statusCode, 200);
  });

  test('widget files, health checks and back ends’ webhooks are not counted per address', async () => {
    clock += 120_000;
    for (let i = 0; i < 8; i += 1) {
      assert.notEqual(
        (await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '198.51.100.20' })).statusCode,
        429,
      );
    }
    for (let i = 0; i < 8; i += 1) {
      const webhook = await t.app.inject({
        method: 'POST',
        url: '/v1/webhooks/lupapiste',
        remoteAddress: '198.51.100.21',
        payload: {},
      });
      assert.notEqual(webhook.statusCode, 429);
    }
  });
});
