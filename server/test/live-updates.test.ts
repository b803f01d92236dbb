import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { loadSecrets, type ServerSecrets } from '../src/config/secrets.js';
import type { IssuerKeyResolver } from '../src/auth/issuer-keys.js';
import type { CaseConnector } from '../src/connectors/contract.js';
import { evakaConnector } from '../src/connectors/evaka/index.js';
import { genericConnector } from '../src/connectors/generic/index.js';
import { lupapisteConnector } from '../src/connectors/lupapiste/index.js';
import { signWebhook } from '../src/routes/webhooks.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../src/tenants/load-municipalities.js';
import { buildTestApp, NIVALA_ORIGIN, TESTILA_ORIGIN, type MunicipalityFile, type TestApp } from './helpers/app.js';
import { bearer, until } from './helpers/sources.js';

interface StreamEvent {
  id: string;
  event: string;
  data: string;
}

/** A minimal SSE reader over fetch (what the SDK does, since EventSource cannot send our headers). */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { id: '', event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data = line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) events.push(event);
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
    }
  })();
  await until(() => comments.includes('connected'), 2000);
  return {
    response,
    events,
    comments,
    /** The server ended the stream (or the test closed it). */
    ended: () => ended,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

/**
 * None of the back ends we connect can push (Lupapiste, eVaka, population data and PTV have no webhook), so the
 * webhook route is tested with a stand-in back end that can: a test connector with a source in Nivala.
 */
const PUSHING = 'pushing';
const PUSHING_SECRET = 'a-shared-secret-of-the-pushing-test-source';
const pushingConnector: CaseConnector = {
  id: PUSHING,
  create: (municipality) =>
    municipality.id === 'nivala'
      ? { id: PUSHING, timeoutMs: undefined, fetchCases: async () => ({ cases: [], skipped: [] }) }
      : null,
  parseWebhook: (body) => {
    const event = body as { type?: unknown; caseId?: unknown; personId?: unknown; municipality?: unknown } | null;
    if (event?.type !== 'case-changed' || typeof event.caseId !== 'string' || typeof event.personId !== 'string') {
      return null;
    }
    if (typeof event.municipality !== 'string') return null;
    return {
      identityCode: event.personId,
      caseId: `${PUSHING}:${event.caseId}`,
      status: 'in_progress',
      municipalityCode: event.municipality,
    };
  },
};

function signedPost(
  t: TestApp,
  body: unknown,
  options: { timestamp?: number; signature?: string; secret?: string; source?: string } = {},
) {
  const text = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return t.app.inject({
    method: 'POST',
    url: `/v1/webhooks/${options.source ?? PUSHING}`,
    headers: {
      'content-type': 'application/json',
      'x-kunta-signature': options.signature ?? signWebhook(options.secret ?? PUSHING_SECRET, text, timestamp),
    },
    payload: text,
  });
}

const event = (personId: string, eventId: string) => ({
  eventId,
  type: 'case-changed',
  caseId: 'C-12',
  municipality: '535',
  personId,
});

describe('webhooks (a back end that can push)', () => {
  let t: TestApp;
  let secrets: ServerSecrets;
  let dataDir: string;
  let apiUrl: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ka-webhooks-'));
    secrets = { ...(await loadSecrets({ env: {}, dataDir })), webhookSecrets: { [PUSHING]: PUSHING_SECRET } };
    t = await buildTestApp(
      { connectors: [lupapisteConnector, evakaConnector, genericConnector, pushingConnector] },
      { secrets },
    );
    apiUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a correctly signed event is accepted once; the same eventId again is a 200 duplicate', async () => {
    const body = event(t.hetu.maija, 'evt-1');
    const first = await signedPost(t, body);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { status: 'accepted' });
    const again = await signedPost(t, body);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { status: 'duplicate' });
    const rows = await t.database.db.selectFrom('webhook_events').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.source_id, r.event_id]),
      [[PUSHING, 'evt-1']],
    );
    assert.ok(!JSON.stringify(rows).includes(t.hetu.maija), 'no identity code is stored');
  });

  test('a bad signature, a missing one, or another secret is refused with 401', async () => {
    const body = event(t.hetu.maija, 'evt-2');
    const wrongSecret = await signedPost(t, body, { secret: 'not-the-shared-secret-at-all' });
    assert.equal(wrongSecret.statusCode, 401);
    assert.equal(wrongSecret.json().code, 'KA_UNAUTHENTICATED');
    const tampered = signWebhook(PUSHING_SECRET, JSON.stringify(body), Math.floor(Date.now() / 1000)).replace(
      /v1=(.)/,
      (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`,
    );
    assert.equal((await signedPost(t, body, { signature: tampered })).statusCode, 401);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${PUSHING}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    assert.equal(missing.statusCode, 401);
  });

  test('a replay with an old timestamp is refused (±300 s window)', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    assert.equal((await signedPost(t, event(t.hetu.maija, 'evt-3'), { timestamp: old })).statusCode, 401);
    const future = Math.floor(Date.now() / 1000) + 301;
    assert.equal((await signedPost(t, event(t.hetu.maija, 'evt-3'), { timestamp: future })).statusCode, 401);
    const inWindow = Math.floor(Date.now() / 1000) - 200;
    assert.equal((await signedPost(t, event(t.hetu.maija, 'evt-3'), { timestamp: inWindow })).statusCode, 200);
  });

  test('unknown sources, other media types and bodies that are not events are refused', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks/nosuch',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    assert.equal(unknown.statusCode, 404);
    const text = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${PUSHING}`,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(text.statusCode, 415);
    const notAnEvent = await signedPost(t, { eventId: 'evt-4', type: 'something-else' });
    assert.equal(notAnEvent.statusCode, 400);
  });

  test('Lupapiste has no webhook: its path is not found, however it is signed', async () => {
    const body = { ...event(t.hetu.maija, 'evt-5'), type: 'application-state-changed' };
    for (const secret of [PUSHING_SECRET, secrets.webhookSecrets?.lupapiste ?? 'no-such-secret-at-all']) {
      const response = await signedPost(t, body, { source: 'lupapiste', secret });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'KA_NOT_FOUND');
    }
  });

  test("a pushed change reaches the citizen's stream on that municipality's pages, and no other", async () => {
    const onNivala = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    const onTestila = await openStream(`${apiUrl}/v1/me/events`, {
      ...(await bearer(t, t.hetu.maija, { client_id: 'kunta-akkuna-testila' })),
      origin: TESTILA_ORIGIN,
    });
    try {
      assert.deepEqual((await signedPost(t, event(t.hetu.maija, 'tenant-1'))).json(), { status: 'accepted' });
      assert.ok(await until(() => onNivala.events.length === 1, 2000), 'the Nivala stream got it');
      assert.deepEqual(JSON.parse(onNivala.events[0]!.data), {
        caseId: `${PUSHING}:C-12`,
        source: PUSHING,
        status: 'in_progress',
      });
      // Testilä (code 999) does not take this source through us; 000 is no municipality of ours.
      for (const [id, code] of [
        ['tenant-2', '999'],
        ['tenant-3', '000'],
      ] as const) {
        const ignored = await signedPost(t, { ...event(t.hetu.maija, id), municipality: code });
        assert.equal(ignored.statusCode, 200);
        assert.deepEqual(ignored.json(), { status: 'ignored' });
      }
      assert.equal(
        (await signedPost(t, { ...event(t.hetu.maija, 'tenant-4'), municipality: undefined })).statusCode,
        400,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(onTestila.events.length, 0, "nothing reached the stream on Testilä's pages");
      assert.equal(onNivala.events.length, 1);
    } finally {
      await onNivala.close();
      await onTestila.close();
    }
  });
});

const STREAMS_PER_CITIZEN = 3;

/** Haapavesi as shipped, polled quickly, without PTV: a second municipality that also takes Lupapiste. */
function haapavesiPolledQuickly(): MunicipalityFile {
  const file = JSON.parse(
    readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'haapavesi.json'), 'utf8'),
  ) as MunicipalityFile;
  delete file.sources.ptv;
  file.sources.lupapiste.pollIntervalMs = 200;
  return file;
}

describe('live updates over SSE', () => {
  let t: TestApp;
  let dataDir: string;
  let apiUrl: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ka-sse-'));
    const secrets = await loadSecrets({ env: {}, dataDir });
    t = await buildTestApp(
      { rateLimits: { streamsPerCitizen: STREAMS_PER_CITIZEN } },
      {
        secrets,
        nivala: (config) => {
          config.sources.evaka.pollIntervalMs = 200;
          config.sources.lupapiste.pollIntervalMs = 200;
          delete config.sources.ptv;
          return config;
        },
        extraMunicipalities: { haapavesi: haapavesiPolledQuickly() },
      },
    );
    apiUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The municipality's building control moves one of Maija's applications on, in the emulated Lupapiste. */
  async function lupapisteMoves(fromState: string, toState: string): Promise<string> {
    const list = (await (await fetch(`${t.emulator.url}/__control/lupapiste/applications`)).json()) as {
      applications: Array<{ id: string; state: string }>;
    };
    const application = list.applications.find((a) => a.state === fromState && a.id.startsWith('LP-535-'));
    assert.ok(application, `an application in ${fromState}`);
    const moved = await fetch(`${t.emulator.url}/__control/lupapiste/applications/${application.id}/state`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: toState }),
    });
    assert.equal(moved.status, 200);
    return application.id;
  }
  /** No stream open and the emulated back ends as seeded, so that each test starts from a known state. */
  async function fresh(): Promise<void> {
    assert.ok(await until(() => t.app.caseEvents.subscriberCount() === 0, 2000));
    assert.equal((await fetch(`${t.emulator.url}/__control/reset`, { method: 'POST' })).status, 204);
  }
  /** Long enough for a poll round at 200 ms to have taken its baseline. */
  const baseline = () => new Promise((resolve) => setTimeout(resolve, 500));

  test("Lupapiste cannot push: a change is polled to Maija's stream and not Matti's; Last-Event-ID resumes", async () => {
    await fresh();
    const maija = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    // Her other tab keeps the poll going while the first one is away.
    const otherTab = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    const matti = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.matti));
    try {
      assert.equal(maija.response.status, 200);
      assert.match(String(maija.response.headers.get('content-type')), /^text\/event-stream/);
      assert.equal(maija.response.headers.get('cache-control'), 'no-store');
      await baseline();

      const audited = (await t.auditRows()).length;
      const id = await lupapisteMoves('complementNeeded', 'sent');
      assert.ok(await until(() => maija.events.length === 1, 3000), 'Maija got the event');
      const [first] = maija.events;
      assert.equal(first?.event, 'case-changed');
      assert.deepEqual(JSON.parse(first!.data), {
        caseId: `lupapiste:${id}`,
        source: 'lupapiste',
        status: 'in_progress',
      });
      assert.match(first!.id, /^[0-9]+$/);
      assert.ok(!first!.data.includes(t.hetu.maija));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(matti.events.length, 0, 'Matti got nothing');
      const deliveries = (await t.auditRows()).slice(audited).filter((r) => r.data_category === 'case_events');
      assert.ok(deliveries.length >= 1, 'the delivery was logged');
      assert.ok(deliveries.every((r) => r.municipality_id === 'nivala'));
      assert.deepEqual(JSON.parse(deliveries[0]!.object_refs), [`lupapiste:${id}`]);

      // One tab goes away; the decision is made; the tab comes back with the last id it saw.
      await maija.close();
      await lupapisteMoves('sent', 'verdictGiven');
      assert.ok(await until(() => otherTab.events.length >= 2, 3000), 'the open tab saw the decision');
      const resumed = await openStream(`${apiUrl}/v1/me/events`, {
        ...(await bearer(t, t.hetu.maija)),
        'last-event-id': first!.id,
      });
      try {
        assert.ok(await until(() => resumed.events.length >= 1, 2000), 'the missed event was replayed');
        const replayed = resumed.events.map((e) => JSON.parse(e.data) as { caseId: string; status: string });
        assert.ok(
          replayed.some((e) => e.status === 'decided'),
          JSON.stringify(replayed),
        );
        assert.ok(Number(resumed.events[0]!.id) > Number(first!.id));
      } finally {
        await resumed.close();
      }
    } finally {
      await maija.close();
      await otherTab.close();
      await matti.close();
    }
  });

  test("a Nivala permit's change reaches Maija's stream on Nivala's pages, not on Haapavesi's or Testilä's", async () => {
    await fresh();
    const onNivala = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    // Haapavesi polls Lupapiste for Maija too, and gets her Nivala rows: it must not show them, nor their changes.
    const onHaapavesi = await openStream(`${apiUrl}/v1/me/events`, {
      ...(await bearer(t, t.hetu.maija, { client_id: 'kunta-akkuna-haapavesi' })),
      origin: NIVALA_ORIGIN,
    });
    const onTestila = await openStream(`${apiUrl}/v1/me/events`, {
      ...(await bearer(t, t.hetu.maija, { client_id: 'kunta-akkuna-testila' })),
      origin: TESTILA_ORIGIN,
    });
    try {
      assert.equal(onHaapavesi.response.status, 200);
      assert.equal(onTestila.response.status, 200);
      await baseline();
      const id = await lupapisteMoves('complementNeeded', 'sent');
      assert.ok(await until(() => onNivala.events.length === 1, 3000), 'the Nivala stream got it');
      assert.equal(JSON.parse(onNivala.events[0]!.data).caseId, `lupapiste:${id}`);
      // Several poll rounds later, still nothing elsewhere.
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.equal(onHaapavesi.events.length, 0, "nothing reached the stream on Haapavesi's pages");
      assert.equal(onTestila.events.length, 0, "nothing reached the stream on Testilä's pages");
      assert.equal(onNivala.events.length, 1);
    } finally {
      await onNivala.close();
      await onHaapavesi.close();
      await onTestila.close();
    }
  });

  test('eVaka cannot push: it is polled while the citizen has a stream open', async () => {
    const stream = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    try {
      // Let the first poll set the baseline, then the municipality moves the application on.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const list = (await (await fetch(`${t.emulator.url}/__control/evaka/applications`)).json()) as {
        applications: Array<{ applicationId: string }>;
      };
      const id = list.applications[0]!.applicationId;
      const changed = await fetch(`${t.emulator.url}/__control/evaka/applications/${id}/status`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'WAITING_CONFIRMATION' }),
      });
      assert.equal(changed.status, 200);
      assert.ok(await until(() => stream.events.length > 0, 3000), 'the poll found the change');
      assert.deepEqual(JSON.parse(stream.events[0]!.data), {
        caseId: `evaka:${id}`,
        source: 'evaka',
        status: 'action_required',
      });
      // Each poll read her data (and her child's, whose application it is): rows of their own, by the server.
      const polls = (await t.auditRows()).filter((r) => r.purpose === 'live_updates');
      assert.ok(polls.some((r) => r.subject_role === 'self' && JSON.parse(r.sources).includes('evaka')));
      assert.ok(
        polls.some((r) => r.subject_role === 'guardian'),
        "a row in the child's own log",
      );
      assert.ok(polls.every((r) => r.actor_sub === 'job:case_poll' && r.outcome === 'used'));
    } finally {
      await stream.close();
    }
  });

  test('a stream ends when its access token expires; the reconnection with a new token resumes', async () => {
    await until(() => t.app.caseEvents.subscriberCount() === 0, 2000);
    const shortLived = await bearer(t, t.hetu.maija, { exp: Math.floor(Date.now() / 1000) + 2 });
    const stream = await openStream(`${apiUrl}/v1/me/events`, shortLived);
    try {
      assert.ok(await until(() => stream.ended(), 4000), 'the server ended the stream at the expiry');
      assert.ok(await until(() => t.app.caseEvents.subscriberCount() === 0, 1000), 'and forgot its subscription');
      assert.equal(t.app.casePoller.watcherCount(), 0, 'and stopped polling for it');
    } finally {
      await stream.close();
    }
  });

  test('a citizen may hold only so many streams at once; one more is a 429 with Retry-After', async () => {
    await until(() => t.app.caseEvents.subscriberCount() === 0, 2000);
    const streams = [];
    try {
      for (let i = 0; i < STREAMS_PER_CITIZEN; i++) {
        streams.push(await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija)));
      }
      const refused = await fetch(`${apiUrl}/v1/me/events`, { headers: await bearer(t, t.hetu.maija) });
      assert.equal(refused.status, 429);
      assert.match(String(refused.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(((await refused.json()) as { code: string }).code, 'KA_RATE_LIMITED');
      assert.equal(refused.headers.get('retry-after'), '60');
      // Another citizen is not affected; and once one of Maija's streams closes, she may open another.
      const matti = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.matti));
      streams.push(matti);
      assert.equal(matti.response.status, 200);
      await streams.shift()!.close();
      await until(() => t.app.caseEvents.subscriberCount() === STREAMS_PER_CITIZEN, 2000);
      const again = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
      streams.push(again);
      assert.equal(again.response.status, 200);
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  test('a stream needs a signed-in citizen', async () => {
    const response = await fetch(`${apiUrl}/v1/me/events`);
    assert.equal(response.status, 401);
    await response.body?.cancel();
  });
});

describe('a live-update stream whose client leaves early', () => {
  test('a client gone while its token was being checked leaves no subscription or poller watch behind', async () => {
    // Every key lookup waits at a gate the test opens, so the client can leave while authentication runs.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let reached = () => {};
    const lookupStarted = new Promise<void>((resolve) => (reached = resolve));
    const keys: IssuerKeyResolver = (issuer) => async (header, token) => {
      reached();
      await gate;
      return t.idp.keyResolver()(issuer)(header, token);
    };
    const t = await buildTestApp({ keys });
    try {
      const url = new URL(`${await t.app.listen({ port: 0, host: '127.0.0.1' })}/v1/me/events`);
      const request = httpGet(url, { headers: await bearer(t, t.hetu.maija) });
      request.on('error', () => {});
      await lookupStarted;
      request.destroy();
      // The server sees the socket close before the token check ends.
      await new Promise((resolve) => setTimeout(resolve, 100));
      openGate();
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(t.app.caseEvents.subscriberCount(), 0, 'no subscription for a client that has gone');
      assert.equal(t.app.casePoller.watcherCount(), 0, 'no polling for a client that has gone');
    } finally {
      await t.close();
    }
  });
});
