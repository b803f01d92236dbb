import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, NIVALA_ORIGIN, type TestApp } from './helpers/app.js';

function assertSecurityHeaders(response: LightMyRequestResponse) {
  assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['referrer-policy'], 'no-referrer');
  assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.match(String(response.headers['vary']), /Origin/);
  assert.match(String(response.headers['content-type']), /charset=utf-8/);
}

describe('HTTP surface', () => {
  let t: TestApp;
  let widgetDir: string;
  before(async () => {
    widgetDir = mkdtempSync(join(tmpdir(), 'ka-widgets-'));
    mkdirSync(join(widgetDir, 'chunks'));
    writeFileSync(join(widgetDir, 'kunta-akkuna.js'), 'export const version = "0.1.0";\n');
    writeFileSync(join(widgetDir, 'chunks', 'a.js'), 'export {};\n');
    t = await buildTestApp({ widgets: { dir: widgetDir, version: '0.1.0' } });
  });
  after(async () => {
    await t.close();
    rmSync(widgetDir, { recursive: true, force: true });
  });

  describe('CORS', () => {
    test('a listed origin gets exactly its own origin back, with Vary: Origin', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v1/municipalities/nivala',
        headers: { origin: NIVALA_ORIGIN },
      });
      assert.equal(response.headers['access-control-allow-origin'], NIVALA_ORIGIN);
      assert.match(String(response.headers.vary), /Origin/);
      assert.equal(response.headers['access-control-allow-credentials'], undefined);
      assert.match(String(response.headers['access-control-expose-headers']), /WWW-Authenticate/);
      assert.match(String(response.headers['access-control-expose-headers']), /DPoP-Nonce/);
    });

    for (const origin of ['https://evil.test', 'null', `${NIVALA_ORIGIN}.evil.test`, 'http://www.nivala.test']) {
      test(`origin ${origin} gets no CORS headers`, async () => {
        const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala', headers: { origin } });
        assert.equal(response.headers['access-control-allow-origin'], undefined);
        assert.match(String(response.headers.vary), /Origin/);
        const preflight = await t.app.inject({
          method: 'OPTIONS',
          url: '/v1/me/cases',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
        assert.equal(preflight.headers['access-control-allow-origin'], undefined);
        assert.equal(preflight.headers['access-control-allow-headers'], undefined);
      });
    }

    test('a preflight allows only Authorization, DPoP and Content-Type, and only the methods the API uses', async () => {
      const response = await t.app.inject({
        method: 'OPTIONS',
        url: '/v1/me/cases',
        headers: {
          origin: NIVALA_ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, dpop, x-evil',
        },
      });
      assert.equal(response.statusCode, 204);
      assert.equal(response.headers['access-control-allow-origin'], NIVALA_ORIGIN);
      assert.equal(
        response.headers['access-control-allow-headers'],
        'Authorization, DPoP, Content-Type, Last-Event-ID',
      );
      // PUT/POST/DELETE (consent, dismissal) accept only application/json, which itself needs this preflight.
      assert.equal(response.headers['access-control-allow-methods'], 'GET, HEAD, PUT, POST, DELETE');
      assert.match(String(response.headers.vary), /Origin/);
    });

    test('a preflight that names no method is refused', async () => {
      const response = await t.app.inject({
        method: 'OPTIONS',
        url: '/v1/me/cases',
        headers: { origin: NIVALA_ORIGIN, 'access-control-request-headers': 'authorization' },
      });
      assert.equal(response.statusCode, 400);
      assert.equal(response.headers['access-control-allow-methods'], undefined);
    });

    test('personal-data routes never answer with a wildcard origin', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v1/me/cases',
        headers: { origin: 'https://evil.test' },
      });
      assert.notEqual(response.headers['access-control-allow-origin'], '*');
    });
  });

  describe('security headers and problems', () => {
    test('every response carries the security headers', async () => {
      for (const url of [
        '/healthz',
        '/readyz',
        '/v1/municipalities/nivala',
        '/v1/me/cases',
        '/nowhere',
        '/openapi.json',
      ]) {
        assertSecurityHeaders(await t.app.inject({ method: 'GET', url }));
      }
    });

    test('an unknown route is a 404 problem', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/nowhere' });
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'instance', 'status', 'title', 'type']);
      assert.equal(body.code, 'KA_NOT_FOUND');
      assert.equal(body.status, 404);
      assert.equal(body.type, 'urn:kunta-akkuna:problem:not-found');
      assert.match(body.instance, /^[0-9a-f-]{36}$/);
    });

    test('an invalid parameter is a 400 KA_VALIDATION problem naming the parameter', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/NIVALA!' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().code, 'KA_VALIDATION');
      assert.match(response.json().detail, /params\/id/);
    });

    test('an unauthenticated call is a 401 problem with a challenge', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases' });
      assert.equal(response.statusCode, 401);
      const body = response.json();
      assert.equal(body.code, 'KA_UNAUTHENTICATED');
      assert.equal(body.title, 'Authentication required');
      assert.ok(response.headers['www-authenticate']);
    });

    test('a client-chosen request id is not trusted', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'request-id': 'forged' } });
      assert.notEqual(response.json().instance, 'forged');
    });
  });

  describe('public routes', () => {
    test('health and readiness', async () => {
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ok' });
    });

    test("a municipality's public settings", async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala' });
      assert.equal(response.statusCode, 200);
      const { theme, ...rest } = response.json();
      assert.equal(theme.tokens['--kunta-color-primary'], '#00558c');
      assert.deepEqual(rest, {
        id: 'nivala',
        code: '535',
        name: { fi: 'Nivala', sv: 'Nivala' },
        swedishNameOfficial: false,
        type: 'kaupunki',
        finnishCases: { genitive: 'Nivalan', inessive: 'Nivalassa', elative: 'Nivalasta', illative: 'Nivalaan' },
        languages: ['fi', 'sv', 'en'],
        defaultLanguage: 'fi',
        widgets: ['kunta-login', 'kunta-case-status', 'kunta-service-feed', 'kunta-notices', 'kunta-my-data'],
        auth: {
          authority: 'https://idp.test',
          clientId: 'kunta-akkuna-nivala',
          scope: 'openid profile',
          resource: 'urn:kunta-akkuna:api',
        },
      });
      const missing = await t.app.inject({ method: 'GET', url: '/v1/municipalities/atlantis' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'KA_NOT_FOUND');
    });

    test('the OpenAPI 3.1 document names the shared schemas and has no personal identifiers in URLs', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const name of [
        'Case',
        'CaseList',
        'SourceStatus',
        'Problem',
        'PublicMunicipality',
        'LocalizedText',
        'FeedItem',
        'Feed',
        'Service',
        'Consent',
      ]) {
        assert.ok(doc.components.schemas[name], name);
      }
      assert.deepEqual(Object.keys(doc.paths).sort(), [
        '/healthz',
        '/readyz',
        '/v1/me/access-log',
        '/v1/me/cases',
        '/v1/me/cases/{id}',
        '/v1/me/consent',
        '/v1/me/data',
        '/v1/me/data/export',
        '/v1/me/data/{kind}',
        '/v1/me/events',
        '/v1/me/feed',
        '/v1/me/feed/{itemId}/dismiss',
        '/v1/municipalities',
        '/v1/municipalities/{id}',
        '/v1/municipalities/{id}/feed',
        '/v1/municipalities/{id}/notices',
        '/v1/municipalities/{id}/services',
        '/v1/staff/municipalities/{id}/notices',
        '/v1/staff/municipalities/{id}/notices/{noticeId}',
        '/v1/staff/municipalities/{id}/notices/{noticeId}/changes',
        '/v1/staff/municipalities/{id}/notices/{noticeId}/end',
        '/v1/staff/session',
        '/v1/webhooks/{source}',
      ]);
      const parameters = JSON.stringify(
        Object.values(doc.paths).map((p) => Object.values(p as object).map((o) => o.parameters)),
      );
      assert.doesNotMatch(parameters, /hetu|personId|identityCode|token/i);
      assert.equal(
        doc.paths['/v1/me/cases'].get.responses['200'].content['application/json'].schema.$ref,
        '#/components/schemas/CaseList',
      );
    });
  });

  describe('widget files', () => {
    test('the versioned bundle is public, immutable and a JavaScript module', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/widgets/0.1.0/kunta-akkuna.js',
        headers: { origin: 'https://any.site' },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.match(response.body, /export const version/);
      const chunk = await t.app.inject({ method: 'GET', url: '/widgets/0.1.0/chunks/a.js' });
      assert.equal(chunk.statusCode, 200);
      // A municipality's own page gets the same public answer, not the API's per-origin one.
      const fromMunicipality = await t.app.inject({
        method: 'GET',
        url: '/widgets/0.1.0/kunta-akkuna.js',
        headers: { origin: NIVALA_ORIGIN },
      });
      assert.equal(fromMunicipality.headers['access-control-allow-origin'], '*');
    });

    test('the major alias /widgets/v1/ is cached briefly', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/widgets/v1/kunta-akkuna.js' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'public, max-age=300');
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
    });

    test('a missing file or a path outside the bundle is a 404', async () => {
      for (const url of [
        '/widgets/0.1.0/missing.js',
        '/widgets/0.1.0/../package.json',
        '/widgets/0.1.0/%2e%2e/x.js',
        '/widgets/9.9.9/kunta-akkuna.js',
      ]) {
        const response = await t.app.inject({ method: 'GET', url });
        assert.ok([403, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
      }
    });
  });
});

describe('GET /metrics answers only the monitoring system', () => {
  test('without METRICS_TOKEN: callers on this machine only; anyone else gets a plain 404', async () => {
    const t = await buildTestApp();
    try {
      const local = await t.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(local.statusCode, 200);
      assert.match(local.body, /ka_source_/);
      const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
      assert.equal(remote.statusCode, 404);
      assert.equal(remote.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.doesNotMatch(remote.body, /ka_source_/);
    } finally {
      await t.close();
    }
  });

  test('with METRICS_TOKEN: only that bearer token, from anywhere', async () => {
    const t = await buildTestApp({ metricsToken: 'scrape-secret' });
    try {
      const read = (authorization?: string, remoteAddress = '10.0.0.9') =>
        t.app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress,
          headers: authorization ? { authorization } : {},
        });
      assert.equal((await read('Bearer scrape-secret')).statusCode, 200);
      assert.equal((await read('Bearer scrape-secreT')).statusCode, 404);
      assert.equal((await read('Bearer scrape-secret-and-more')).statusCode, 404);
      assert.equal((await read(undefined)).statusCode, 404);
      assert.equal((await read(undefined, '127.0.0.1')).statusCode, 404, 'a token, once set, is needed locally too');
    } finally {
      await t.close();
    }
  });
});
