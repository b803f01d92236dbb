import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthenticationError,
  KuntaError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  UnavailableError,
  ValidationError,
  createClient,
  isKuntaError,
  staticTokenAuth,
} from '../src/index.js';
import { json, problem, startServer } from './helpers.js';

const cases: Array<[number, string, new (...args: never[]) => KuntaError]> = [
  [400, 'KA_VALIDATION', ValidationError],
  [401, 'KA_UNAUTHENTICATED', AuthenticationError],
  [403, 'KA_FORBIDDEN', PermissionError],
  [404, 'KA_NOT_FOUND', NotFoundError],
  [429, 'KA_RATE_LIMITED', RateLimitError],
  [500, 'KA_INTERNAL', UnavailableError],
  [503, 'KA_SOURCES_UNAVAILABLE', UnavailableError],
];

for (const [status, code, Kind] of cases) {
  test(`a ${status} problem+json becomes ${Kind.name} with code ${code}, status and request id`, async () => {
    const server = await startServer((_req, res) =>
      json(res, status, problem(status, code, 'Something specific'), status === 429 ? { 'Retry-After': '7' } : {}),
    );
    try {
      const client = createClient({ baseUrl: server.url, municipality: 'nivala', maxRetries: 0 });
      const error = await client.cases.list().then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Kind, `got ${String(error)}`);
      assert.ok(error instanceof KuntaError);
      assert.ok(isKuntaError(error));
      assert.equal(error.code, code);
      assert.equal(error.status, status);
      assert.equal(error.requestId, `req-${status}`);
      assert.equal(error.problem?.code, code);
      assert.equal(error.message, 'Something specific');
      if (error instanceof RateLimitError) assert.equal(error.retryAfter, 7);
    } finally {
      await server.close();
    }
  });
}

test('a non-JSON error body still maps by status', async () => {
  const server = await startServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<h1>nope</h1>');
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
    await assert.rejects(client.cases.retrieve('lupapiste:LP-1'), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.code, 'KA_NOT_FOUND');
      return true;
    });
  } finally {
    await server.close();
  }
});

test('error messages never carry the token or an identity code', async () => {
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  const server = await startServer((_req, res) =>
    json(res, 401, problem(401, 'KA_UNAUTHENTICATED', `Bearer ${token} rejected for 010190-900P`)),
  );
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth(token) });
    await assert.rejects(client.cases.list(), (e: unknown) => {
      assert.ok(e instanceof AuthenticationError);
      assert.ok(!e.message.includes(token), e.message);
      assert.ok(!e.message.includes('eyJ'), e.message);
      assert.ok(!e.message.includes('010190-900P'), e.message);
      assert.ok(!String(e.stack).includes(token));
      return true;
    });
  } finally {
    await server.close();
  }
});
