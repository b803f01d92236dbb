/**
 * Transports from configuration (connectors/transport.ts through OutboundHttp): mutual TLS against a local HTTPS
 * server that requires a client certificate (certificates made by `openssl` in the test), OAuth 2.0 client
 * credentials against a fake token endpoint (cached, one request at a time, renewed before expiry, dropped on a
 * 401), an API key, the older `token`, and X-Road REST headers; no secret in any error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from '../src/config/config-error.js';
import { SourceAuth } from '../src/connectors/config-common.js';
import type { SourceTransport } from '../src/connectors/config-common.js';
import { SourceUnavailableError } from '../src/connectors/contract.js';
import { OutboundHttp } from '../src/connectors/outbound-http.js';
import { xRoadMessageHeaders } from '../src/connectors/transport.js';
import { PtvSourceConfig } from '../src/connectors/ptv/config.js';

const CLIENT_SECRET = 'very-secret-client-secret';
const anyJson = TypeCompiler.Compile(Type.Unknown());

/** A CA, a server certificate for localhost/127.0.0.1 and a client certificate, all signed by the CA. */
function makeCertificates(dir: string) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl(
    'req',
    '-subj',
    '/CN=Test CA',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  for (const [name, subject] of [
    ['server', '/CN=localhost'],
    ['client', '/CN=kunta-akkuna-nivala'],
  ] as const) {
    ssl('req', '-subj', subject, '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      ...(name === 'server' ? ['-extfile', 'server.ext'] : []),
    );
  }
  return {
    ca: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'),
    clientKey: join(dir, 'client.key'),
  };
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  peer: string | null;
}

describe('transports from configuration', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let tokenRequests = 0;
  let tokenDelayMs = 0;
  let expiresIn = 3600;
  let issued = 0;
  let dataStatus = 200;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ka-transport-'));
    certs = makeCertificates(dir);
    server = createServer(
      {
        cert: readFileSync(certs.serverCert),
        key: readFileSync(certs.serverKey),
        ca: readFileSync(certs.ca),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (request: IncomingMessage, response: ServerResponse) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          const cn = (request.socket as TLSSocket).getPeerCertificate()?.subject?.CN;
          const peer = typeof cn === 'string' ? cn : null;
          seen.push({ method: request.method!, url: request.url!, headers: request.headers, body, peer });
          response.setHeader('content-type', 'application/json');
          if (request.url === '/oauth/token') {
            tokenRequests += 1;
            const expected = `Basic ${Buffer.from(`kunta-akkuna-nivala:${CLIENT_SECRET}`).toString('base64')}`;
            if (request.headers.authorization !== expected) {
              response.statusCode = 401;
              response.end(JSON.stringify({ error: 'invalid_client' }));
              return;
            }
            issued += 1;
            const token = `token-${issued}`;
            setTimeout(
              () => response.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn })),
              tokenDelayMs,
            );
            return;
          }
          response.statusCode = dataStatus;
          response.end(JSON.stringify({ ok: true }));
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    seen.length = 0;
    tokenRequests = 0;
    tokenDelayMs = 0;
    expiresIn = 3600;
    dataStatus = 200;
  });

  const tls = () => ({ certFile: certs.clientCert, keyFile: certs.clientKey, caFile: certs.ca });
  const client = (transport: SourceTransport) =>
    new OutboundHttp('test-source', { baseUrl: `${base}/api`, municipalityId: 'nivala', transport });
  const call = (http: OutboundHttp, path = '/cases') =>
    http.json(
      { signal: AbortSignal.timeout(5_000), deadline: performance.now() + 5_000 },
      { method: 'GET', path, check: anyJson },
    );
  const dataRequests = () => seen.filter((s) => s.url !== '/oauth/token');
  const oauth = (clientId: string, scope?: string): SourceTransport => ({
    tls: tls(),
    auth: {
      type: 'oauth2-client-credentials',
      tokenUrl: `${base}/oauth/token`,
      clientId,
      clientSecret: CLIENT_SECRET,
      ...(scope ? { scope } : {}),
    },
  });

  test('mutual TLS: the configured client certificate is presented, and without it the server refuses', async () => {
    const withCert = client({ tls: tls() });
    try {
      assert.deepEqual(await call(withCert), { ok: true });
      assert.equal(seen[0]?.peer, 'kunta-akkuna-nivala');
    } finally {
      await withCert.close();
    }
    const withoutCert = new OutboundHttp('test-source', { baseUrl: `${base}/api` });
    try {
      await assert.rejects(call(withoutCert), (error: unknown) => {
        assert.ok(error instanceof SourceUnavailableError);
        assert.equal(error.reason, 'network');
        return true;
      });
    } finally {
      await withoutCert.close();
    }
  });

  test('OAuth 2 client credentials: one token request for calls that arrive together, then the cached token', async () => {
    tokenDelayMs = 50;
    const http = client(oauth('kunta-akkuna-nivala', 'cases:read'));
    try {
      await Promise.all(Array.from({ length: 8 }, () => call(http)));
      await call(http);
      assert.equal(tokenRequests, 1, 'one token request at a time, and the token is cached');
      const tokenRequest = seen.find((s) => s.url === '/oauth/token')!;
      assert.equal(tokenRequest.method, 'POST');
      assert.equal(tokenRequest.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequest.body)), {
        grant_type: 'client_credentials',
        scope: 'cases:read',
      });
      const tokens = new Set(dataRequests().map((s) => s.headers.authorization));
      assert.equal(tokens.size, 1);
      assert.match([...tokens][0]!, /^Bearer token-\d+$/);
    } finally {
      await http.close();
    }
  });

  test('OAuth 2: a token is renewed before it expires, and one the back end refuses (401) is not used again', async () => {
    expiresIn = 1; // renewed at half its life: 500 ms
    const http = client(oauth('kunta-akkuna-nivala'));
    try {
      await call(http);
      await call(http);
      assert.equal(tokenRequests, 1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      await call(http);
      assert.equal(tokenRequests, 2, 'renewed shortly before expiry');

      expiresIn = 3600;
      await call(http);
      const before401 = tokenRequests;
      dataStatus = 401;
      await assert.rejects(call(http), (error: unknown) => (error as SourceUnavailableError).reason === 'http_status');
      dataStatus = 200;
      await call(http);
      assert.equal(tokenRequests, before401 + 1, 'a refused token is fetched anew');
    } finally {
      await http.close();
    }
  });

  test('OAuth 2: a refused client secret fails the call without the secret in the error', async () => {
    const http = client(oauth('someone-else'));
    try {
      await assert.rejects(call(http), (error: unknown) => {
        assert.ok(error instanceof SourceUnavailableError);
        assert.equal(error.reason, 'http_status');
        assert.match(error.message, /token endpoint answered HTTP 401/);
        const everything = JSON.stringify({ message: error.message, stack: error.stack, cause: error.cause });
        assert.ok(!everything.includes(CLIENT_SECRET));
        assert.ok(!everything.includes(Buffer.from(`someone-else:${CLIENT_SECRET}`).toString('base64')));
        return true;
      });
      assert.equal(dataRequests().length, 0, 'no data request without a token');
    } finally {
      await http.close();
    }
  });

  test('an API key goes in its own header; the older `token` is a bearer token', async () => {
    const apiKey = client({ tls: tls(), auth: { type: 'api-key', header: 'X-Api-Key', value: 'key-123' } });
    const legacy = client({ tls: tls(), token: 'legacy-token' });
    try {
      await call(apiKey);
      await call(legacy);
      assert.equal(seen[0]?.headers['x-api-key'], 'key-123');
      assert.equal(seen[0]?.headers.authorization, undefined);
      assert.equal(seen[1]?.headers.authorization, 'Bearer legacy-token');
    } finally {
      await apiKey.close();
      await legacy.close();
    }
  });

  test('a header set by both the connector and its transport is refused, whatever its case, and nothing is sent', async () => {
    const http = client({ tls: tls(), auth: { type: 'api-key', header: 'X-Api-Key', value: 'key-123' } });
    try {
      await assert.rejects(
        http.json(
          { signal: AbortSignal.timeout(5_000), deadline: performance.now() + 5_000 },
          { method: 'GET', path: '/cases', headers: { 'x-API-key': 'the-connector-s-own' }, check: anyJson },
        ),
        (error: unknown) =>
          error instanceof SourceUnavailableError &&
          /both the connector and its transport set x-api-key/.test(error.message),
      );
      assert.equal(seen.length, 0);
    } finally {
      await http.close();
    }
  });

  test('X-Road: the service in the path, X-Road-Client and -UserId from configuration, a new X-Road-Id per request', async () => {
    const http = client({
      tls: tls(),
      auth: {
        type: 'x-road',
        client: 'FI/MUN/0209602-6/kunta-akkuna',
        service: 'FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely',
        userId: 'FIkunta-akkuna',
      },
    });
    try {
      await call(http, '/henkilo');
      await call(http, '/henkilo');
      const [first, second] = dataRequests();
      assert.equal(first?.url, '/api/r1/FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/henkilo');
      assert.equal(first?.headers['x-road-client'], 'FI/MUN/0209602-6/kunta-akkuna');
      assert.equal(first?.headers['x-road-userid'], 'FIkunta-akkuna');
      assert.match(
        String(first?.headers['x-road-id']),
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      assert.notEqual(first?.headers['x-road-id'], second?.headers['x-road-id']);
      assert.equal(first?.headers.authorization, undefined);
    } finally {
      await http.close();
    }
  });

  test('X-Road over SOAP: text in, text out, the identifiers left to the envelope (one message id each)', async () => {
    const auth = {
      type: 'x-road' as const,
      protocol: 'soap' as const,
      client: 'FI/MUN/0209602-6/kunta-akkuna',
      service: 'FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely',
    };
    const http = client({ tls: tls(), auth });
    try {
      const first = xRoadMessageHeaders(auth);
      const second = xRoadMessageHeaders(auth);
      assert.equal(first.protocolVersion, '4.x');
      assert.equal(first.client, auth.client);
      assert.notEqual(first.id, second.id);
      const answer = await http.text(
        { signal: AbortSignal.timeout(5_000), deadline: performance.now() + 5_000 },
        { method: 'POST', path: '/', body: '<Envelope/>', contentType: 'text/xml; charset=utf-8', accept: 'text/xml' },
      );
      assert.equal(answer, JSON.stringify({ ok: true }));
      const [request] = dataRequests();
      assert.equal(request?.url, '/api/');
      assert.equal(request?.body, '<Envelope/>');
      assert.equal(request?.headers['content-type'], 'text/xml; charset=utf-8');
      assert.equal(request?.headers['x-road-client'], undefined);
    } finally {
      await http.close();
    }
  });

  test('a bad transport setting fails at start, naming the field and never a secret', () => {
    assert.throws(
      () => client({ token: 'a', auth: { type: 'bearer', token: 'b' } }),
      (error: unknown) => error instanceof ConfigError && /either token or auth/.test(error.message),
    );
    assert.throws(
      () =>
        client({ tls: { certFile: join(dir, 'missing.crt'), keyFile: certs.clientKey, passphrase: 'pass-secret' } }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /tls\/certFile cannot be read \(ENOENT\)/.test(error.message) &&
        !error.message.includes('pass-secret'),
    );
  });

  test('the config schema accepts each transport and refuses an unknown one', () => {
    // PTV's entry takes the shared transport fields as they are (Lupapiste and eVaka have schemes of their own).
    const source = (auth: unknown) => ({
      baseUrl: 'https://ptv.example/api',
      timeoutMs: 1500,
      auth,
      tls: { certFile: '/run/secrets/cert.pem', keyFile: '/run/secrets/key.pem' },
    });
    for (const auth of [
      { type: 'none' },
      { type: 'bearer', token: 't' },
      { type: 'api-key', header: 'X-Api-Key', value: 'k' },
      { type: 'oauth2-client-credentials', tokenUrl: 'https://id.example/token', clientId: 'c', clientSecret: 's' },
      { type: 'x-road', client: 'FI/MUN/0209602-6/kunta-akkuna', service: 'FI/COM/1234567-8/lupapiste/rest' },
    ]) {
      assert.ok(Value.Check(SourceAuth, auth), JSON.stringify(auth));
      assert.ok(Value.Check(PtvSourceConfig, source(auth)), JSON.stringify(auth));
    }
    assert.equal(Value.Check(PtvSourceConfig, source({ type: 'basic', user: 'u' })), false);
    assert.equal(Value.Check(SourceAuth, { type: 'x-road', client: 'FI/MUN', service: 'x' }), false);
  });
});
