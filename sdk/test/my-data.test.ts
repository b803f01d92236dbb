// client.myData against a local API: the contract paths, credentials, the cursor passed on, and removal as a
// JSON DELETE that is never retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, staticTokenAuth } from '../src/index.js';
import type { AccessLogPage, RemovableDataKind } from '../src/index.js';
import { json, problem, startServer } from './helpers.js';

const page: AccessLogPage = {
  items: [
    {
      id: '019aeb12-0000-7000-8000-000000000001',
      at: '2026-12-04T08:42:00.000Z',
      subject: { kind: 'self' },
      onBehalfOf: 'you',
      sources: ['lupapiste'],
      controller: 'nivala',
      dataCategory: 'cases',
      purpose: 'citizen_own_data',
      outcome: 'disclosed',
    },
  ],
  nextCursor: 'abc',
};

test('myData.accessLog pages with the cursor; retrieve and export read their routes, with credentials', async () => {
  const server = await startServer((req, res) => {
    if (req.url?.startsWith('/v1/me/access-log')) return json(res, 200, page);
    if (req.url === '/v1/me/data' || req.url === '/v1/me/data/export') return json(res, 200, { ok: req.url });
    json(res, 404, problem(404, 'KA_NOT_FOUND'));
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.deepEqual(await client.myData.accessLog(), page);
    await client.myData.accessLog({ cursor: 'abc', limit: 20 });
    assert.equal(server.requests[1]?.url, '/v1/me/access-log?cursor=abc&limit=20');
    assert.deepEqual(await client.myData.retrieve(), { ok: '/v1/me/data' });
    assert.deepEqual(await client.myData.export(), { ok: '/v1/me/data/export' });
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer t0k'));
  } finally {
    await server.close();
  }
});

test('myData.remove sends a JSON DELETE of its kind, is not retried, and refuses a kind it cannot remove', async () => {
  const server = await startServer((req, res) => {
    if (server.requests.length === 1) return json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE'));
    json(res, 200, { kind: 'dismissals', removed: 2 });
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    await assert.rejects(client.myData.remove('dismissals'));
    assert.equal(server.requests.length, 1, 'a DELETE is never retried');
    assert.deepEqual(await client.myData.remove('dismissals'), { kind: 'dismissals', removed: 2 });
    assert.equal(server.requests[1]?.method, 'DELETE');
    assert.equal(server.requests[1]?.url, '/v1/me/data/dismissals');
    assert.match(String(server.requests[1]?.headers['content-type']), /^application\/json/);
    assert.throws(() => client.myData.remove('access_log' as RemovableDataKind), TypeError);
  } finally {
    await server.close();
  }
});
