import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthenticationError,
  NetworkError,
  TimeoutError,
  UnavailableError,
  createClient,
  staticTokenAuth,
} from '../src/index.js';
import type { CaseList } from '../src/index.js';
import { json, problem, startServer } from './helpers.js';

const list: CaseList = { items: [], sources: [{ id: 'lupapiste', status: 'ok', fetchedAt: '2026-01-01T00:00:00Z' }] };

test('createClient names the bad option', () => {
  const bad: Array<[unknown, RegExp]> = [
    [undefined, /options must be an object/],
    [{ municipality: 'nivala' }, /baseUrl/],
    [{ baseUrl: 'not a url', municipality: 'nivala' }, /baseUrl/],
    [{ baseUrl: 'ftp://x.example', municipality: 'nivala' }, /baseUrl/],
    [{ baseUrl: 'https://u:p@x.example', municipality: 'nivala' }, /credentials/],
    [{ baseUrl: 'https://x.example' }, /municipality/],
    [{ baseUrl: 'https://x.example', municipality: 'Nivala/../x' }, /municipality/],
    [{ baseUrl: 'https://x.example', municipality: 'nivala', auth: 'token' }, /auth/],
    [{ baseUrl: 'https://x.example', municipality: 'nivala', timeout: -1 }, /timeout/],
    [{ baseUrl: 'https://x.example', municipality: 'nivala', maxRetries: 5 }, /maxRetries/],
    [{ baseUrl: 'https://x.example', municipality: 'nivala', fetch: 42 }, /fetch/],
  ];
  for (const [options, message] of bad) {
    assert.throws(
      () => createClient(options as never),
      (e: unknown) => e instanceof TypeError && message.test(e.message),
    );
  }
  assert.throws(() => staticTokenAuth(''), TypeError);
  assert.throws(() => staticTokenAuth('a b'), TypeError);
});

test('resources call the contract paths and return typed bodies', async () => {
  const server = await startServer((req, res) => {
    if (req.url === '/v1/me/cases') return json(res, 200, list);
    if (req.url === '/v1/me/cases/lupapiste%3ALP-535-2026-00012')
      return json(res, 200, { id: 'lupapiste:LP-535-2026-00012' });
    if (req.url === '/v1/municipalities/nivala') return json(res, 200, { id: 'nivala' });
    json(res, 404, problem(404, 'KA_NOT_FOUND'));
  });
  try {
    const client = createClient({ baseUrl: `${server.url}/`, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.equal(client.municipalityId, 'nivala');
    assert.deepEqual(await client.cases.list(), list);
    assert.equal((await client.cases.retrieve('lupapiste:LP-535-2026-00012')).id, 'lupapiste:LP-535-2026-00012');
    assert.equal((await client.municipality.retrieve()).id, 'nivala');
  } finally {
    await server.close();
  }
});

test('authorize headers from staticTokenAuth reach the API; the public municipality call goes without them', async () => {
  const server = await startServer((req, res) =>
    json(res, 200, req.url?.startsWith('/v1/me') ? list : { id: 'nivala' }),
  );
  try {
    const auth = staticTokenAuth('secret-token');
    assert.deepEqual(await auth.authorize({ url: `${server.url}/v1/me/cases`, method: 'GET' }), {
      Authorization: 'Bearer secret-token',
    });
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth });
    await client.cases.list();
    await client.municipality.retrieve();
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer secret-token');
    assert.equal(server.requests[1]?.headers.authorization, undefined);

    const seen: unknown[] = [];
    auth.subscribe((user) => seen.push(user));
    await auth.signOut();
    assert.deepEqual(seen, [null]);
    assert.equal(await auth.authorize({ url: server.url, method: 'GET' }), null);
    assert.equal(await auth.getUser(), null);
  } finally {
    await server.close();
  }
});

test('a GET answered 503 is retried once, then succeeds', async () => {
  const server = await startServer((_req, res, index) =>
    index === 0 ? json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE')) : json(res, 200, list),
  );
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
    assert.deepEqual(await client.cases.list(), list);
    assert.equal(server.requests.length, 2);
  } finally {
    await server.close();
  }
});

test('a GET that keeps failing with 503 is tried twice in all and ends in UnavailableError', async () => {
  const server = await startServer((_req, res) => json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE')));
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
    await assert.rejects(client.cases.list(), UnavailableError);
    assert.equal(server.requests.length, 2);
  } finally {
    await server.close();
  }
});

test('a POST answered 503 is never retried', async () => {
  const server = await startServer((_req, res) => json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE')));
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', maxRetries: 2 });
    await assert.rejects(client.request('POST', 'v1/me/things', { json: { a: 1 } }), UnavailableError);
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('4xx answers are never retried', async () => {
  for (const status of [400, 401, 403, 404, 429]) {
    const server = await startServer((_req, res) => json(res, status, problem(status, 'KA_X')));
    try {
      const client = createClient({ baseUrl: server.url, municipality: 'nivala', maxRetries: 2 });
      await assert.rejects(client.cases.list());
      assert.equal(server.requests.length, 1, `status ${status}`);
    } finally {
      await server.close();
    }
  }
});

test('an abort signal cancels the request and rejects with the abort reason', async () => {
  const server = await startServer(() => {
    /* never answers */
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
    const controller = new AbortController();
    const pending = client.cases.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(pending, (e: unknown) => (e as Error).name === 'AbortError');
    assert.ok(Date.now() - started < 2000);

    const already = AbortSignal.abort();
    await assert.rejects(
      client.cases.retrieve('x', {}, { signal: already }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
  } finally {
    await server.close();
  }
});

test('a hung API ends in TimeoutError after the timeout', async () => {
  const server = await startServer(() => {
    /* never answers */
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', timeout: 100 });
    await assert.rejects(client.cases.list(), (e: unknown) => e instanceof TimeoutError && e.code === 'KA_TIMEOUT');
    assert.equal(server.requests.length, 1, 'timeouts are not retried');
  } finally {
    await server.close();
  }
});

test('an unreachable API ends in NetworkError', async () => {
  const server = await startServer(() => undefined);
  const url = server.url;
  await server.close();
  const client = createClient({ baseUrl: url, municipality: 'nivala', maxRetries: 0 });
  await assert.rejects(client.cases.list(), (e: unknown) => e instanceof NetworkError && e.code === 'KA_NETWORK');
});

test('a DPoP nonce challenge is answered once with the nonce', async () => {
  const nonces: Array<string | undefined> = [];
  const server = await startServer((_req, res, index) =>
    index === 0
      ? json(res, 401, problem(401, 'KA_UNAUTHENTICATED'), {
          'WWW-Authenticate': 'DPoP error="use_dpop_nonce"',
          'DPoP-Nonce': 'n-1',
        })
      : json(res, 200, list),
  );
  try {
    const client = createClient({
      baseUrl: server.url,
      municipality: 'nivala',
      auth: {
        ...staticTokenAuth('t'),
        authorize: async ({ nonce }) => {
          nonces.push(nonce);
          return { Authorization: 'DPoP t', DPoP: `proof-${nonce ?? 'none'}` };
        },
      },
    });
    assert.deepEqual(await client.cases.list(), list);
    assert.deepEqual(nonces, [undefined, 'n-1']);
    assert.equal(server.requests[1]?.headers.dpop, 'proof-n-1');
  } finally {
    await server.close();
  }
});

test('a GET that fails at the network level is retried; a POST is not', async () => {
  const calls: string[] = [];
  const flaky: typeof fetch = async (input, init) => {
    // ky hands fetch a Request; read the method from it as a fetch implementation would.
    const { method } = new Request(input, init);
    calls.push(method);
    if (calls.length === 1 || method === 'POST') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } });
  };
  const client = createClient({ baseUrl: 'https://api.test', municipality: 'nivala', fetch: flaky });
  assert.deepEqual(await client.cases.list(), list);
  assert.deepEqual(calls, ['GET', 'GET']);
  await assert.rejects(client.request('POST', 'v1/me/things', { json: {} }), NetworkError);
  assert.deepEqual(calls, ['GET', 'GET', 'POST']);
});

test('a change (not a GET) is sent with keepalive, so it reaches the API when the page is left at once', async () => {
  const seen: Array<[string, boolean]> = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push([request.method, request.keepalive]);
    return request.method === 'GET'
      ? new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } })
      : new Response(null, { status: 204 });
  };
  const client = createClient({ baseUrl: 'https://api.test', municipality: 'nivala', fetch: recording });
  await client.cases.list();
  await client.feed.dismiss('preschool:1');
  assert.deepEqual(seen, [
    ['GET', false],
    ['POST', true],
  ]);
});

test('a 503 is retried after its Retry-After when that is short, and answered at once when it is long', async () => {
  for (const [retryAfter, tries] of [
    ['1', 2],
    ['120', 1],
  ] as const) {
    const server = await startServer((_req, res) =>
      json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE'), { 'Retry-After': retryAfter }),
    );
    try {
      const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
      const started = Date.now();
      await assert.rejects(client.cases.list(), UnavailableError);
      assert.equal(server.requests.length, tries, `Retry-After: ${retryAfter}`);
      if (tries === 2) assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    } finally {
      await server.close();
    }
  }
});

test('search parameters skip undefined values; JSON bodies are sent as application/json', async () => {
  const bodies: string[] = [];
  const server = await startServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  try {
    const client = createClient({ baseUrl: `${server.url}/base/`, municipality: 'nivala' });
    await client.request('GET', '/v1/things', { searchParams: { q: 'sauna ja lupa', page: 2, lang: undefined } });
    assert.equal(await client.request('PUT', 'v1/things', { json: { a: 1 } }), undefined);
    assert.equal(server.requests[0]?.url, '/base/v1/things?q=sauna+ja+lupa&page=2');
    assert.equal(server.requests[1]?.headers['content-type'], 'application/json');
    assert.equal(server.requests[1]?.headers.accept, 'application/json, application/problem+json');
    assert.deepEqual(bodies, ['', '{"a":1}']);
  } finally {
    await server.close();
  }
});

test('a nonce challenge to a POST is answered once with a fresh proof, also with retries off', async () => {
  const proofs: Array<string | undefined> = [];
  const server = await startServer((req, res, index) => {
    proofs.push(req.headers.dpop as string | undefined);
    if (index < 2) {
      return json(res, 401, problem(401, 'KA_UNAUTHENTICATED'), {
        'WWW-Authenticate': 'DPoP error="use_dpop_nonce"',
        'DPoP-Nonce': `n-${index}`,
      });
    }
    res.writeHead(204).end();
  });
  try {
    const client = createClient({
      baseUrl: server.url,
      municipality: 'nivala',
      maxRetries: 0,
      auth: {
        ...staticTokenAuth('t'),
        authorize: async ({ nonce }) => ({ Authorization: 'DPoP t', DPoP: `proof-${nonce ?? 'none'}` }),
      },
    });
    // The second challenge in a row is the answer: one repetition per call, not a loop.
    await assert.rejects(client.feed.dismiss('x:1'), AuthenticationError);
    assert.deepEqual(proofs, ['proof-none', 'proof-n-0']);
    assert.equal(await client.feed.dismiss('x:1'), undefined, 'the next call starts with the last nonce');
    assert.deepEqual(proofs, ['proof-none', 'proof-n-0', 'proof-n-1']);
  } finally {
    await server.close();
  }
});

test('the timeout covers the whole call: a wait for Retry-After does not outlast it', async () => {
  const server = await startServer((_req, res) =>
    json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE'), { 'Retry-After': '3' }),
  );
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', timeout: 300 });
    const started = Date.now();
    await assert.rejects(client.cases.list(), (e: unknown) => e instanceof TimeoutError && e.code === 'KA_TIMEOUT');
    assert.ok(Date.now() - started < 1_500, `ended after ${Date.now() - started} ms`);
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('every resource method takes an abort signal: an aborted one sends nothing and rejects with its reason', async () => {
  const server = await startServer((_req, res) => json(res, 200, {}));
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    const signal = AbortSignal.abort();
    const calls: Array<[string, Promise<unknown>]> = [
      ['municipality.retrieve', client.municipality.retrieve({ signal })],
      ['feed.public', client.feed.public({}, { signal })],
      ['feed.list', client.feed.list({}, { signal })],
      ['feed.dismiss', client.feed.dismiss('x:1', { signal })],
      ['services.search', client.services.search({ q: 'sauna' }, { signal })],
      ['cases.list', client.cases.list({}, { signal })],
      ['cases.retrieve', client.cases.retrieve('x:1', {}, { signal })],
      ['consent.retrieve', client.consent.retrieve({ signal })],
      ['consent.grant', client.consent.grant({ textVersion: '1' }, { signal })],
      ['consent.withdraw', client.consent.withdraw({ signal })],
    ];
    for (const [name, call] of calls) {
      await assert.rejects(call, (e: unknown) => e === signal.reason, name);
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});
