import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { AuthenticationError, RateLimitError, createClient, staticTokenAuth } from '../src/index.js';
import type { AuthStrategy, CaseChangedEvent, LiveStatus } from '../src/index.js';
import { backoff } from '../src/live.js';
import { json, problem, startServer } from './helpers.js';

function openStream(res: ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
  res.flushHeaders();
}

function changed(id: number, caseId: string, status: string) {
  return `id: ${id}\nevent: case-changed\ndata: ${JSON.stringify({ caseId, source: 'lupapiste', status })}\n\n`;
}

async function until(predicate: () => unknown, message: string, timeout = 3000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A static-token strategy that counts its proofs, to see that every connection gets a fresh one. */
function countingAuth() {
  const proofs: string[] = [];
  const auth: AuthStrategy = {
    ...staticTokenAuth('t0k'),
    authorize: async ({ url, method, nonce }) => {
      const proof = `proof-${proofs.length + 1}-${method}-${new URL(url).pathname}${nonce ? `-${nonce}` : ''}`;
      proofs.push(proof);
      return { Authorization: 'DPoP t0k', DPoP: proof };
    },
  };
  return { auth, proofs };
}

test('case-changed events reach the listener; other and malformed events are skipped', async () => {
  const server = await startServer((_req, res) => {
    openStream(res);
    res.write(': connected\n\nretry: 10\n\n');
    res.write(changed(1, 'lupapiste:LP-1', 'decided').slice(0, 20));
    setTimeout(() => {
      res.write(changed(1, 'lupapiste:LP-1', 'decided').slice(20));
      res.write('event: something-new\ndata: {}\n\n');
      res.write('id: 2\nevent: case-changed\ndata: not json\n\n');
      res.write('id: 3\nevent: case-changed\ndata: {"caseId":42}\n\n');
      res.write(changed(4, 'evaka:A-2', 'in_progress').replace(/\n/g, '\r\n'));
    }, 20);
  });
  const { auth, proofs } = countingAuth();
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth });
  const events: CaseChangedEvent[] = [];
  const unsubscribe = client.cases.subscribe((event) => events.push(event));
  try {
    await until(() => events.length === 2, 'two events');
    assert.deepEqual(events, [
      { type: 'case-changed', eventId: '1', caseId: 'lupapiste:LP-1', source: 'lupapiste', status: 'decided' },
      { type: 'case-changed', eventId: '4', caseId: 'evaka:A-2', source: 'lupapiste', status: 'in_progress' },
    ]);
    const request = server.requests[0]!;
    assert.equal(request.url, '/v1/me/events');
    assert.equal(request.method, 'GET');
    assert.equal(request.headers.accept, 'text/event-stream');
    assert.equal(request.headers.authorization, 'DPoP t0k');
    assert.equal(request.headers.dpop, 'proof-1-GET-/v1/me/events');
    assert.equal(request.headers['last-event-id'], undefined, 'a first connection has no Last-Event-ID');
    assert.equal(proofs.length, 1);
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('after the stream breaks it reconnects with Last-Event-ID and a fresh DPoP proof', async () => {
  const server = await startServer((_req, res, index) => {
    openStream(res);
    if (index === 0) {
      res.write('retry: 20\n\n');
      res.write(changed(41, 'lupapiste:LP-1', 'in_progress'));
      res.write(changed(42, 'lupapiste:LP-1', 'decided'));
      res.write('id: 43\nevent: case-changed\ndata: {"caseId":"half'); // cut off mid-event: never delivered
      setTimeout(() => res.destroy(), 20);
    } else {
      res.write(changed(43, 'lupapiste:LP-2', 'closed'));
    }
  });
  const { auth, proofs } = countingAuth();
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth });
  const events: CaseChangedEvent[] = [];
  const statuses: LiveStatus[] = [];
  const controller = new AbortController();
  client.cases.subscribe((event) => events.push(event), {
    signal: controller.signal,
    onStatus: (status) => statuses.push(status),
  });
  try {
    await until(() => events.length === 3, 'three events');
    assert.deepEqual(
      events.map((e) => [e.eventId, e.caseId, e.status]),
      [
        ['41', 'lupapiste:LP-1', 'in_progress'],
        ['42', 'lupapiste:LP-1', 'decided'],
        ['43', 'lupapiste:LP-2', 'closed'],
      ],
    );
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1]?.headers['last-event-id'], '42', 'resumes after the last complete event');
    assert.deepEqual(proofs, ['proof-1-GET-/v1/me/events', 'proof-2-GET-/v1/me/events']);
    const states = statuses.map((s) => s.state);
    assert.deepEqual(states.slice(0, 5), ['connecting', 'open', 'reconnecting', 'connecting', 'open']);
    assert.deepEqual(statuses[1], { state: 'open', resumed: false });
    assert.deepEqual(statuses[4], { state: 'open', resumed: true });
    const reconnecting = statuses[2] as Extract<LiveStatus, { state: 'reconnecting' }>;
    assert.ok(
      reconnecting.delay >= 10 && reconnecting.delay <= 20,
      `delay from the server's retry: ${reconnecting.delay}`,
    );
  } finally {
    controller.abort();
    await server.close();
  }
});

test('aborting the signal or calling the returned function closes the connection for good', async () => {
  for (const how of ['signal', 'unsubscribe'] as const) {
    let closed = 0;
    const server = await startServer((req, res) => {
      req.on('close', () => closed++);
      openStream(res);
      res.write(changed(1, 'lupapiste:LP-1', 'decided'));
    });
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    const controller = new AbortController();
    const statuses: string[] = [];
    const events: CaseChangedEvent[] = [];
    const unsubscribe = client.cases.subscribe((event) => events.push(event), {
      signal: controller.signal,
      onStatus: (status) => statuses.push(status.state),
      retryDelay: 10,
    });
    try {
      await until(() => events.length === 1, 'the first event');
      if (how === 'signal') controller.abort();
      else unsubscribe();
      await until(() => closed === 1, `the server to see the connection close (${how})`);
      await until(() => statuses.at(-1) === 'closed', 'closed status');
      await wait(80);
      assert.equal(server.requests.length, 1, `no reconnection after ${how}`);
      assert.deepEqual(statuses, ['connecting', 'open', 'closed']);
    } finally {
      unsubscribe();
      await server.close();
    }
  }
  const client = createClient({ baseUrl: 'http://127.0.0.1:9', municipality: 'nivala' });
  const statuses: string[] = [];
  client.cases.subscribe(() => undefined, {
    signal: AbortSignal.abort(),
    onStatus: (status) => statuses.push(status.state),
  });
  await wait(10);
  assert.deepEqual(statuses, ['closed'], 'an already aborted signal never connects');
});

test('subscribers of one client share one connection; it closes when the last one leaves', async () => {
  let closed = 0;
  const server = await startServer((req, res) => {
    req.on('close', () => closed++);
    openStream(res);
    res.write(': hi\n\n');
    setTimeout(() => res.write(changed(1, 'lupapiste:LP-1', 'decided')), 30);
  });
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
  const first: CaseChangedEvent[] = [];
  const second: CaseChangedEvent[] = [];
  const lateStatuses: string[] = [];
  const leaveFirst = client.cases.subscribe((event) => first.push(event));
  await until(() => server.requests.length === 1, 'the connection');
  await wait(10);
  const leaveSecond = client.cases.subscribe((event) => second.push(event), {
    onStatus: (status) => lateStatuses.push(status.state),
  });
  try {
    assert.deepEqual(lateStatuses, ['open'], 'a late subscriber hears the current state at once');
    await until(() => first.length === 1 && second.length === 1, 'the event for both');
    leaveFirst();
    await wait(30);
    assert.equal(closed, 0, 'still open for the second subscriber');
    leaveSecond();
    await until(() => closed === 1, 'closed after the last one left');
    assert.deepEqual(lateStatuses, ['open', 'closed']);
    assert.equal(server.requests.length, 1, 'one connection for both');
  } finally {
    leaveFirst();
    leaveSecond();
    await server.close();
  }
});

test('a 401 stops the subscription and reports it, without reconnecting', async () => {
  const server = await startServer((_req, res) => json(res, 401, problem(401, 'KA_UNAUTHENTICATED')));
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('old') });
  const statuses: LiveStatus[] = [];
  const unsubscribe = client.cases.subscribe(() => undefined, {
    onStatus: (status) => statuses.push(status),
    retryDelay: 1,
  });
  try {
    await until(() => statuses.some((s) => s.state === 'stopped'), 'stopped');
    await wait(100);
    assert.equal(server.requests.length, 1, 'no second attempt');
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['connecting', 'stopped'],
    );
    const stopped = statuses[1] as Extract<LiveStatus, { state: 'stopped' }>;
    assert.ok(stopped.error instanceof AuthenticationError);
    assert.equal(stopped.error.code, 'KA_UNAUTHENTICATED');
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('signed out: no request at all, reported as stopped', async () => {
  const server = await startServer((_req, res) => json(res, 500, {}));
  const auth = staticTokenAuth('t');
  await auth.signOut();
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth });
  const statuses: LiveStatus[] = [];
  const unsubscribe = client.cases.subscribe(() => undefined, { onStatus: (status) => statuses.push(status) });
  try {
    await until(() => statuses.at(-1)?.state === 'stopped', 'stopped');
    assert.equal(server.requests.length, 0);
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('a DPoP nonce challenge on the stream is answered once with the nonce', async () => {
  const server = await startServer((_req, res, index) => {
    if (index === 0) {
      return json(res, 401, problem(401, 'KA_UNAUTHENTICATED'), {
        'WWW-Authenticate': 'DPoP error="use_dpop_nonce"',
        'DPoP-Nonce': 'n-7',
      });
    }
    openStream(res);
    res.write(changed(1, 'lupapiste:LP-1', 'decided'));
  });
  const { auth, proofs } = countingAuth();
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth });
  const events: CaseChangedEvent[] = [];
  const unsubscribe = client.cases.subscribe((event) => events.push(event));
  try {
    await until(() => events.length === 1, 'the event after the nonce');
    assert.deepEqual(proofs, ['proof-1-GET-/v1/me/events', 'proof-2-GET-/v1/me/events-n-7']);
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('server errors and silent connections are retried with growing delays', async () => {
  const server = await startServer((_req, res, index) => {
    if (index < 2) return json(res, 503, problem(503, 'KA_SOURCES_UNAVAILABLE'));
    if (index === 2) return openStream(res); // headers, then nothing: not even a keep-alive comment
    openStream(res);
    res.write(changed(9, 'lupapiste:LP-1', 'decided'));
  });
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
  const statuses: LiveStatus[] = [];
  const events: CaseChangedEvent[] = [];
  const unsubscribe = client.cases.subscribe((event) => events.push(event), {
    onStatus: (status) => statuses.push(status),
    retryDelay: 10,
    idleTimeout: 150,
  });
  try {
    await until(() => events.length === 1, 'the event after two errors and a silent connection');
    const delays = statuses.flatMap((s) => (s.state === 'reconnecting' ? [s] : []));
    assert.equal(delays.length, 3);
    assert.equal(delays[0]?.error?.code, 'KA_SOURCES_UNAVAILABLE');
    assert.equal(delays[2]?.error?.code, 'KA_NETWORK', 'the silent connection was given up');
    assert.ok(delays[0]!.delay >= 5 && delays[0]!.delay <= 10);
    assert.ok(delays[1]!.delay >= 10 && delays[1]!.delay <= 20);
    assert.ok(delays[2]!.delay >= 20 && delays[2]!.delay <= 40);
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('an answer that is not an event stream is not retried', async () => {
  const server = await startServer((_req, res) => json(res, 200, { items: [] }));
  const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
  const statuses: LiveStatus[] = [];
  const unsubscribe = client.cases.subscribe(() => undefined, {
    onStatus: (status) => statuses.push(status),
    retryDelay: 1,
  });
  try {
    await until(() => statuses.at(-1)?.state === 'stopped', 'stopped');
    await wait(50);
    assert.equal(server.requests.length, 1);
  } finally {
    unsubscribe();
    await server.close();
  }
});

test('backoff doubles up to a minute with jitter, and honours Retry-After', () => {
  const low = () => 0;
  const high = () => 0.999999;
  assert.equal(backoff(1000, 1, null, low), 500);
  assert.equal(backoff(1000, 1, null, high), 1000);
  assert.equal(backoff(1000, 3, null, low), 2000);
  assert.equal(backoff(1000, 20, null, high), 60_000);
  const limited = new RateLimitError({ code: 'KA_RATE_LIMITED', status: 429, retryAfter: 30 });
  assert.equal(backoff(1000, 1, limited, low), 30_000);
});

test('the stream calls fetch unbound, as the browser requires (a bound call throws "Illegal invocation")', async () => {
  const server = await startServer((_req, res) => {
    openStream(res);
    res.write(changed(1, 'lupapiste:LP-1', 'sent'));
  });
  // Like window.fetch: refuses to run with any `this` but the global object.
  const browserLikeFetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch': Illegal invocation");
    return fetch(input, init);
  } as typeof fetch;
  const client = createClient({
    baseUrl: server.url,
    municipality: 'nivala',
    auth: staticTokenAuth('t'),
    fetch: browserLikeFetch,
  });
  const events: CaseChangedEvent[] = [];
  const unsubscribe = client.cases.subscribe((event) => events.push(event));
  try {
    await until(() => events.length === 1, 'one event');
  } finally {
    unsubscribe();
    await server.close();
  }
});
