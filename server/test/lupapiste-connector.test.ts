import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testCitizen } from '../emulators/population/citizens.js';
import { SourceUnavailableError, type ConnectorContext } from '../src/connectors/contract.js';
import { LupapisteSource, LUPAPISTE_PAGE_SIZE, LUPAPISTE_SEARCH_PATH } from '../src/connectors/lupapiste/index.js';
import type { LupapisteSourceConfig } from '../src/connectors/lupapiste/config.js';
import { OutboundHttp } from '../src/connectors/outbound-http.js';
import { buildTestApp, dpopHeaders } from './helpers/app.js';

const API_KEY = 'nivala-key-agreed-with-the-vendor';
const fixtureText = (name: string) => readFileSync(new URL(`./fixtures/lupapiste/${name}`, import.meta.url), 'utf8');

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** A stand-in Lupapiste that answers with the recorded fixtures and remembers what it was asked. */
let server: Server;
let baseUrl: string;
let answer: (body: Record<string, unknown>) => string;
const seen: Seen[] = [];

before(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      response.end(answer(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  answer = () => fixtureText('applications-search.json');
});

const context: ConnectorContext = {
  childRef: () => 'not-used',
  http: (sourceId, options) => new OutboundHttp(sourceId, options),
};

function nivalaSource(overrides: Partial<LupapisteSourceConfig> = {}): LupapisteSource {
  return new LupapisteSource(
    'nivala',
    '535',
    {
      baseUrl,
      apiKey: API_KEY,
      publicUrl: 'https://www.lupapiste.fi',
      organizations: ['535-R'],
      timeoutMs: 1500,
      ...overrides,
    },
    context,
  );
}
const call = () => ({ signal: AbortSignal.timeout(2000), deadline: performance.now() + 2000 });
const maija = testCitizen('maija').hetu;

describe('Lupapiste connector over HTTP, on the real answer', () => {
  test('asks applications-search with the municipality’s key; the identity code only in the body', async () => {
    await nivalaSource().fetchCases({ identityCode: maija, ...call() });
    assert.equal(seen.length, 1);
    const [request] = seen;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, LUPAPISTE_SEARCH_PATH);
    assert.equal(request!.authorization, `Bearer ${API_KEY}`);
    assert.deepEqual(request!.body, {
      personId: maija,
      applicationType: 'all',
      sort: { field: 'modified', asc: false },
      skip: 0,
      limit: LUPAPISTE_PAGE_SIZE,
    });
    assert.ok(!request!.url.includes(maija));
  });

  test('the citizen sees Nivala’s permits with their titles, statuses, timelines, next steps and links', async () => {
    const { cases, skipped } = await nivalaSource().fetchCases({ identityCode: maija, ...call() });
    assert.deepEqual(skipped, []);
    assert.deepEqual(
      cases.map((c) => [c.title.fi, c.status, c.timeline.map((e) => e.label.fi).join(' → '), c.actions[0]?.href]),
      [
        [
          'Asuinpientalon rakentaminen, Haapaniementie 14',
          'action_required',
          'Hakemus jätetty → Täydennettävänä',
          'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2026-00012',
        ],
        [
          'Vapaa-ajan asunnon, saunarakennuksen tai vierasmajan rakentaminen, Pidisjärventie 218',
          'draft',
          'Luonnos',
          'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2026-00027',
        ],
        [
          'Työnjohtajan nimeäminen, Haapaniementie 14',
          'decided',
          'Hakemus jätetty → Päätös annettu',
          'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2026-00031/verdict',
        ],
        [
          'Purkamislupa (rakennuksen purkaminen), Kalliontie 3',
          'decided',
          'Hakemus jätetty → Päätös annettu',
          'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2025-00005/verdict',
        ],
      ],
    );
    assert.ok(cases.every((c) => c.nextStep !== null));
    assert.ok(!cases.some((c) => c.id.includes('LP-071-')), 'not the Haapavesi permit');
  });

  test('one malformed row among good ones: the good rows, and the bad ones as skipped (the source is partial)', async () => {
    answer = () => fixtureText('applications-search-malformed-row.json');
    const { cases, skipped } = await nivalaSource().fetchCases({ identityCode: maija, ...call() });
    assert.equal(cases.length, 2);
    assert.deepEqual(skipped, [{ reason: 'bad_field' }, { reason: 'unknown_state' }]);
  });

  test("Lupapiste's refusal (HTTP 200, ok: false) makes the source unavailable, naming only the error key", async () => {
    answer = () => fixtureText('failure-unauthorized.json');
    await assert.rejects(nivalaSource().fetchCases({ identityCode: maija, ...call() }), (error: unknown) => {
      assert.ok(error instanceof SourceUnavailableError);
      assert.equal(error.reason, 'http_status');
      assert.match(error.message, /error\.unauthorized/);
      assert.ok(!error.message.includes(maija));
      return true;
    });
  });

  test('a full page is followed by the next one', async () => {
    const real = JSON.parse(fixtureText('applications-search.json')) as {
      data: { applications: Array<Record<string, unknown>> };
    };
    const template = real.data.applications[0]!;
    const many = Array.from({ length: LUPAPISTE_PAGE_SIZE + 3 }, (_, i) => ({
      ...template,
      id: `LP-535-2026-${String(100 + i).padStart(5, '0')}`,
      modified: (template.modified as number) - i * 60_000,
    }));
    answer = (body) => {
      const skip = body.skip as number;
      return JSON.stringify({
        ok: true,
        data: { applications: many.slice(skip, skip + LUPAPISTE_PAGE_SIZE), userTotalCount: 1 },
      });
    };
    const { cases, skipped } = await nivalaSource().fetchCases({ identityCode: maija, ...call() });
    assert.equal(cases.length, LUPAPISTE_PAGE_SIZE + 3);
    assert.deepEqual(skipped, []);
    assert.deepEqual(
      seen.map((s) => s.body.skip),
      [0, LUPAPISTE_PAGE_SIZE],
    );
  });

  test('Lupapiste cannot push: the source is polled, every minute unless configured', () => {
    assert.equal(nivalaSource().pollIntervalMs, 60_000);
    assert.equal(nivalaSource({ pollIntervalMs: 5_000 }).pollIntervalMs, 5_000);
  });

  test('in production the source refuses to start until the vendor has agreed to answer for personId', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      assert.throws(() => nivalaSource(), { name: 'ConfigError', message: /personIdAgreed: true/ });
      assert.ok(nivalaSource({ personIdAgreed: true }));
    } finally {
      if (before === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = before;
    }
    assert.ok(nivalaSource(), 'outside production the emulator stands in for the agreed behaviour');
  });

  test('through the API: the good rows are shown and sources[] says partial, with how many were left out', async () => {
    answer = () => fixtureText('applications-search-malformed-row.json');
    const t = await buildTestApp(
      {},
      {
        nivala: (config) => {
          config.sources.lupapiste.baseUrl = baseUrl;
          return config;
        },
      },
    );
    try {
      const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: await dpopHeaders(t, maija) });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as {
        items: Array<{ id: string; source: string }>;
        sources: Array<{ id: string; status: string; omitted?: number }>;
      };
      assert.deepEqual(
        body.items.filter((c) => c.source === 'lupapiste').map((c) => c.id),
        ['lupapiste:LP-535-2026-00012', 'lupapiste:LP-535-2025-00005'],
      );
      const lupapiste = body.sources.find((s) => s.id === 'lupapiste');
      assert.equal(lupapiste?.status, 'partial');
      assert.equal(lupapiste?.omitted, 2);
    } finally {
      await t.close();
    }
  });
});
