import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulators } from '../emulators/app.js';
import { loadSecrets, type ServerSecrets } from '../src/config/secrets.js';
import type { IssuerKeyResolver } from '../src/auth/issuer-keys.js';
import { signWebhook } from '../src/routes/webhooks.js';
import { buildTestApp, TESTILA_ORIGIN, type TestApp } from './helpers/app.js';
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

function signedPost(
  t: TestApp,
  secret: string,
  body: unknown,
  options: { timestamp?: number; signature?: string } = {},
) {
  const text = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return t.app.inject({
    method: 'POST',
    url: '/v1/webhooks/lupapiste',
    headers: {
      'content-type': 'application/json',
      'x-kunta-signature': options.signature ?? signWebhook(secret, text, timestamp),
    },
    payload: text,
  });
}

const event = (personId: string, eventId: string, state = 'sent') => ({
  eventId,
  type: 'application-state-changed',
  applicationId: 'LP-535-2026-00012',
  state,
  previousState: 'complementNeeded',
  municipality: '535',
  modified: Date.now(),
  personId,
});

describe('webhooks', () => {
  let t: TestApp;
  let secrets: ServerSecrets;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ka-webhooks-'));
    secrets = await loadSecrets({ env: {}, dataDir });
    t = await buildTestApp({}, { secrets });
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const secret = () => secrets.webhookSecrets!.lupapiste!;

  test('a correctly signed event is accepted once; the same eventId again is a 200 duplicate', async () => {
    const body = event(t.hetu.maija, 'evt-1');
    const first = await signedPost(t, secret(), body);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { status: 'accepted' });
    const again = await signedPost(t, secret(), body);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { status: 'duplicate' });
    const rows = await t.database.db.selectFrom('webhook_events').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.source_id, r.event_id]),
      [['lupapiste', 'evt-1']],
    );
    assert.ok(!JSON.stringify(rows).includes(t.hetu.maija), 'no identity code is stored');
  });

  test('a bad signature, a missing one, or another secret is refused with 401', async () => {
    const body = event(t.hetu.maija, 'evt-2');
    const wrongSecret = await signedPost(t, 'not-the-shared-secret-at-all', body);
    assert.equal(wrongSecret.statusCode, 401);
    assert.equal(wrongSecret.json().code, 'KA_UNAUTHENTICATED');
    const tampered = signWebhook(secret(), JSON.stringify(body), Math.floor(Date.now() / 1000)).replace(
      /v1=(.)/,
      (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`,
    );
    assert.equal((await signedPost(t, secret(), body, { signature: tampered })).statusCode, 401);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks/lupapiste',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    assert.equal(missing.statusCode, 401);
  });

  test('a replay with an old timestamp is refused (±300 s window)', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    const replay = await signedPost(t, secret(), event(t.hetu.maija, 'evt-3'), { timestamp: old });
    assert.equal(replay.statusCode, 401);
    const future = Math.floor(Date.now() / 1000) + 301;
    assert.equal((await signedPost(t, secret(), event(t.hetu.maija, 'evt-3'), { timestamp: future })).statusCode, 401);
    const inWindow = Math.floor(Date.now() / 1000) - 200;
    assert.equal(
      (await signedPost(t, secret(), event(t.hetu.maija, 'evt-3'), { timestamp: inWindow })).statusCode,
      200,
    );
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
      url: '/v1/webhooks/lupapiste',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(text.statusCode, 415);
    const notAnEvent = await signedPost(t, secret(), { eventId: 'evt-4', type: 'something-else' });
    assert.equal(notAnEvent.statusCode, 400);
  });
});

const STREAMS_PER_CITIZEN = 3;

describe('live updates over SSE', () => {
  let t: TestApp;
  let secrets: ServerSecrets;
  let dataDir: string;
  let apiUrl: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ka-sse-'));
    secrets = await loadSecrets({ env: {}, dataDir });
    t = await buildTestApp(
      { rateLimits: { streamsPerCitizen: STREAMS_PER_CITIZEN } },
      {
        secrets,
        nivala: (config) => {
          config.sources.evaka.pollIntervalMs = 200;
          delete config.sources.ptv;
          return config;
        },
      },
    );
    apiUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a change for Maija reaches Maija's stream and not Matti's; Last-Event-ID resumes", async () => {
    const maija = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    const matti = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.matti));
    try {
      assert.equal(maija.response.status, 200);
      assert.match(String(maija.response.headers.get('content-type')), /^text\/event-stream/);
      assert.equal(maija.response.headers.get('cache-control'), 'no-store');

      const audited = (await t.auditRows()).length;
      assert.equal(
        (await signedPost(t, secrets.webhookSecrets!.lupapiste!, event(t.hetu.maija, 'sse-1'))).statusCode,
        200,
      );
      assert.ok(await until(() => maija.events.length === 1, 2000), 'Maija got the event');
      const [first] = maija.events;
      assert.equal(first?.event, 'case-changed');
      assert.deepEqual(JSON.parse(first!.data), {
        caseId: 'lupapiste:LP-535-2026-00012',
        source: 'lupapiste',
        status: 'in_progress',
      });
      assert.match(first!.id, /^[0-9]+$/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(matti.events.length, 0, 'Matti got nothing');
      const rows = (await t.auditRows()).slice(audited);
      assert.equal(rows.length, 1, 'the delivery was logged once');
      assert.equal(rows[0]?.data_category, 'case_events');
      assert.deepEqual(JSON.parse(rows[0]!.object_refs), ['lupapiste:LP-535-2026-00012']);

      // Maija's widget goes away; a change happens; she comes back with the last id she saw.
      await maija.close();
      await until(() => t.app.caseEvents.subscriberCount() === 1, 2000);
      assert.equal(
        (await signedPost(t, secrets.webhookSecrets!.lupapiste!, event(t.hetu.maija, 'sse-2', 'verdictGiven')))
          .statusCode,
        200,
      );
      const resumed = await openStream(`${apiUrl}/v1/me/events`, {
        ...(await bearer(t, t.hetu.maija)),
        'last-event-id': first!.id,
      });
      try {
        assert.ok(await until(() => resumed.events.length === 1, 2000), 'the missed event was replayed');
        assert.equal(JSON.parse(resumed.events[0]!.data).status, 'decided');
        assert.ok(Number(resumed.events[0]!.id) > Number(first!.id));
      } finally {
        await resumed.close();
      }
    } finally {
      await maija.close();
      await matti.close();
    }
  });

  test("a Nivala change reaches Maija's stream on Nivala's pages, not her stream on another municipality's", async () => {
    const onNivala = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    const onTestila = await openStream(`${apiUrl}/v1/me/events`, {
      ...(await bearer(t, t.hetu.maija, { client_id: 'kunta-akkuna-testila' })),
      origin: TESTILA_ORIGIN,
    });
    try {
      assert.equal(onTestila.response.status, 200);
      const post = (body: unknown) => signedPost(t, secrets.webhookSecrets!.lupapiste!, body);
      assert.deepEqual((await post(event(t.hetu.maija, 'tenant-1'))).json(), { status: 'accepted' });
      assert.ok(await until(() => onNivala.events.length === 1, 2000), 'the Nivala stream got it');
      // Testilä (code 999) does not take Lupapiste through us; 000 is no municipality of ours.
      for (const [id, code] of [
        ['tenant-2', '999'],
        ['tenant-3', '000'],
      ] as const) {
        const ignored = await post({ ...event(t.hetu.maija, id), municipality: code });
        assert.equal(ignored.statusCode, 200);
        assert.deepEqual(ignored.json(), { status: 'ignored' });
      }
      assert.equal((await post({ ...event(t.hetu.maija, 'tenant-4'), municipality: undefined })).statusCode, 400);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(onTestila.events.length, 0, "nothing reached the stream on Testilä's pages");
      assert.equal(onNivala.events.length, 1);
    } finally {
      await onNivala.close();
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
    } finally {
      await stream.close();
    }
  });

  test('the Lupapiste emulator pushes a signed webhook when its control API changes a state', async () => {
    const pusher = await startEmulators({
      port: 0,
      lupapisteWebhookUrl: `${apiUrl}/v1/webhooks/lupapiste`,
      lupapisteWebhookSecret: secrets.webhookSecrets!.lupapiste!,
    });
    const stream = await openStream(`${apiUrl}/v1/me/events`, await bearer(t, t.hetu.maija));
    try {
      const all = (await (await fetch(`${pusher.url}/__control/lupapiste/applications`)).json()) as {
        applications: Array<{ id: string; state: string }>;
      };
      const complement = all.applications.find((a) => a.state === 'complementNeeded')!;
      const moved = await fetch(`${pusher.url}/__control/lupapiste/applications/${complement.id}/state`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'sent' }),
      });
      assert.equal(moved.status, 200);
      await pusher.app.lupapisteWebhooks.idle();
      assert.equal(pusher.app.lupapisteWebhooks.deliveries.at(-1)?.status, 200);
      assert.ok(await until(() => stream.events.some((e) => e.data.includes(complement.id)), 2000));
      const delivered = stream.events.find((e) => e.data.includes(complement.id))!;
      assert.deepEqual(JSON.parse(delivered.data), {
        caseId: `lupapiste:${complement.id}`,
        source: 'lupapiste',
        status: 'in_progress',
      });
      assert.ok(!delivered.data.includes(t.hetu.maija));
    } finally {
      await stream.close();
      await pusher.close();
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
