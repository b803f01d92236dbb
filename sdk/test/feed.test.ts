// client.feed, client.consent and client.services against a local API: contract paths, credentials only on
// personal routes, JSON bodies on state-changing requests, and no retry of POST/PUT/DELETE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { UnavailableError, ValidationError, createClient, staticTokenAuth } from '../src/index.js';
import type { Consent, Feed, FeedItem, ServiceList } from '../src/index.js';
import { json, problem, startServer } from './helpers.js';
import type { Handler } from './helpers.js';

const item: FeedItem = {
  id: 'fi-1',
  kind: 'suggestion',
  title: { fi: 'Esiopetukseen ilmoittautuminen', sv: 'Anmälan till förskolan', en: 'Pre-school enrolment' },
  body: { fi: 'Ilmoita lapsesi esiopetukseen.', sv: 'Anmäl ditt barn.', en: 'Enrol your child.' },
  action: { label: { fi: 'Ilmoittaudu', sv: 'Anmäl', en: 'Enrol' }, href: 'https://evaka.example/enrol' },
  service: { id: 'ptv-1', name: { fi: 'Esiopetus', sv: 'Förskoleundervisning', en: 'Pre-school education' } },
  reason: {
    ruleId: 'preschool-enrolment',
    ruleVersion: '1',
    explanation: { fi: 'Lapsesi täyttää 6.', sv: 'Ditt barn fyller 6.', en: 'Your child turns 6.' },
    dataUsed: [{ fi: 'Lapsen syntymäaika', sv: 'Barnets födelsedatum', en: "Child's date of birth" }],
    legalBasis: { fi: 'Suostumus', sv: 'Samtycke', en: 'Consent' },
  },
  priority: 80,
  validUntil: null,
  window: { kind: 'enrolment', opens: '2027-01-01', closes: '2027-02-28' },
  channels: [],
  caseId: null,
  personal: true,
};
const feed: Feed = { items: [item], sources: [{ id: 'population', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }] };
const publicFeed: Feed = { items: [{ ...item, id: 'pub-1', reason: null, personal: false }], sources: [] };
const services: ServiceList = { items: [], sources: [{ id: 'ptv', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }] };
const granted: Consent = { granted: true, textVersion: 'feed-consent-2', grantedAt: '2026-03-12T12:00:00Z' };

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

/** The shared test server plus each request's body, which the state-changing calls must send as JSON. */
async function withBodies(handler: (req: IncomingMessage, body: string, index: number) => [number, unknown?]) {
  const received: Received[] = [];
  const wrapped: Handler = (req, res, index) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
      });
      const [status, payload] = handler(req, body, index);
      if (payload === undefined) {
        res.writeHead(status).end();
      } else {
        json(res, status, payload);
      }
    });
  };
  const server = await startServer(wrapped);
  return { server, received };
}

test('feed.list reads the personal feed with credentials; feed.public the general feed without them', async () => {
  const { server, received } = await withBodies((req) => {
    if (req.url === '/v1/me/feed') return [200, feed];
    if (req.url === '/v1/municipalities/nivala/feed') return [200, publicFeed];
    return [404, problem(404, 'KA_NOT_FOUND')];
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.deepEqual(await client.feed.list(), feed);
    assert.deepEqual(await client.feed.public(), publicFeed);
    assert.equal(received[0]?.method, 'GET');
    assert.equal(received[0]?.authorization, 'Bearer t0k');
    assert.equal(received[1]?.authorization, undefined, 'the public feed is fetched without credentials');
  } finally {
    await server.close();
  }
});

test('feed.dismiss POSTs an empty JSON object to the item, escaping the id, and resolves on 204', async () => {
  const { server, received } = await withBodies(() => [204]);
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.equal(await client.feed.dismiss('rule:preschool/1'), undefined);
    assert.equal(received[0]?.method, 'POST');
    assert.equal(received[0]?.url, '/v1/me/feed/rule%3Apreschool%2F1/dismiss');
    assert.match(received[0]?.contentType ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(received[0]?.body ?? ''), {});
    assert.equal(received[0]?.authorization, 'Bearer t0k');
    assert.throws(() => client.feed.dismiss(''), TypeError);
  } finally {
    await server.close();
  }
});

test('a 200 without a body from a state-changing route resolves instead of failing to parse', async () => {
  const { server } = await withBodies(() => [200]);
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    assert.equal(await client.feed.dismiss('a'), undefined);
  } finally {
    await server.close();
  }
});

test('consent: retrieve GETs, grant PUTs { textVersion } as JSON, withdraw DELETEs as JSON', async () => {
  const { server, received } = await withBodies((req) => {
    if (req.method === 'GET') return [200, { granted: false, textVersion: null, grantedAt: null }];
    if (req.method === 'PUT') return [200, granted];
    return [204];
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.equal((await client.consent.retrieve()).granted, false);
    assert.deepEqual(await client.consent.grant({ textVersion: 'feed-consent-2' }), granted);
    assert.equal(await client.consent.withdraw(), undefined);

    assert.deepEqual(
      received.map((r) => `${r.method} ${r.url}`),
      ['GET /v1/me/consent', 'PUT /v1/me/consent', 'DELETE /v1/me/consent'],
    );
    for (const r of received) assert.equal(r.authorization, 'Bearer t0k');
    assert.match(received[1]?.contentType ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(received[1]?.body ?? ''), { textVersion: 'feed-consent-2' });
    assert.match(received[2]?.contentType ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(received[2]?.body ?? ''), {});

    assert.throws(() => client.consent.grant({ textVersion: '' }), TypeError);
    assert.throws(() => client.consent.grant(undefined as never), TypeError);
  } finally {
    await server.close();
  }
});

test('services.search sends only the given parameters, without credentials', async () => {
  const { server, received } = await withBodies(() => [200, services]);
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t0k') });
    assert.deepEqual(await client.services.search({ q: 'esiopetus', lifeEvent: 'KE1', lang: 'fi' }), services);
    await client.services.search();
    await client.services.search({ q: '', lang: 'sv' });
    const first = new URL(received[0]!.url, server.url);
    assert.equal(first.pathname, '/v1/municipalities/nivala/services');
    assert.deepEqual(Object.fromEntries(first.searchParams), { q: 'esiopetus', lifeEvent: 'KE1', lang: 'fi' });
    assert.equal(received[1]?.url, '/v1/municipalities/nivala/services');
    assert.equal(received[2]?.url, '/v1/municipalities/nivala/services?lang=sv', 'an empty q is left out');
    for (const r of received) assert.equal(r.authorization, undefined);
  } finally {
    await server.close();
  }
});

test('POST, PUT and DELETE answered 503 are never retried; the GETs of the feed are, once', async () => {
  const { server, received } = await withBodies(() => [503, problem(503, 'KA_SOURCES_UNAVAILABLE')]);
  try {
    const client = createClient({
      baseUrl: server.url,
      municipality: 'nivala',
      auth: staticTokenAuth('t'),
      maxRetries: 2,
    });
    await assert.rejects(client.feed.dismiss('a'), UnavailableError);
    assert.equal(received.length, 1, 'POST tried once');
    await assert.rejects(client.consent.grant({ textVersion: 'v1' }), UnavailableError);
    assert.equal(received.length, 2, 'PUT tried once');
    await assert.rejects(client.consent.withdraw(), UnavailableError);
    assert.equal(received.length, 3, 'DELETE tried once');

    const single = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    await assert.rejects(single.feed.list(), UnavailableError);
    assert.equal(received.length, 5, 'a GET is retried once by default');
  } finally {
    await server.close();
  }
});

test('feed errors arrive as typed errors with the API code and request id', async () => {
  const { server } = await withBodies(() => [400, problem(400, 'KA_VALIDATION', 'unknown property')]);
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala', auth: staticTokenAuth('t') });
    await assert.rejects(
      client.consent.grant({ textVersion: 'x' }),
      (e: unknown) => e instanceof ValidationError && e.code === 'KA_VALIDATION' && e.requestId === 'req-400',
    );
  } finally {
    await server.close();
  }
});

test('an abort signal cancels a feed request', async () => {
  const server = await startServer(() => {
    /* never answers */
  });
  try {
    const client = createClient({ baseUrl: server.url, municipality: 'nivala' });
    const controller = new AbortController();
    const pending = client.feed.public({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (e: unknown) => (e as Error).name === 'AbortError');
  } finally {
    await server.close();
  }
});
