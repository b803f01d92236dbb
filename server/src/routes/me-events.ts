/**
 * `GET /v1/me/events`: the citizen's case changes as Server-Sent Events (docs/contracts.md "Live updates").
 * Read with an authenticated fetch (EventSource cannot send DPoP headers). Each event is
 * `id: <n>` / `event: case-changed` / `data: {"caseId","source","status"}`; `Last-Event-ID` resumes from the
 * citizen's short event log; a comment line every 25 s keeps proxies from closing the stream. Events reach only
 * the streams of the citizen they are about, on the municipality they concern (the bus is keyed by both), and each
 * delivery is a disclosure written to the access log before it is sent. A stream ends when its access token
 * expires (the client reconnects with a fresh one and resumes), and a citizen may hold only so many at once.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { LoggedEvent } from '../aggregate/case-events.js';
import { requireCitizen } from '../auth/plugin.js';
import { ApiError } from '../http/problems.js';
import { problemResponse, tooManyRequests } from '../schemas/common.js';

const HEARTBEAT_MS = 25_000;
const NoQuery = Type.Object({}, { additionalProperties: false });
const security: Array<Record<string, string[]>> = [{ dpop: [] }, { bearer: [] }];

export interface MeEventsOptions {
  heartbeatMs?: number;
  /** Streams open at once per citizen (issuer + sub); one more is refused with 429. */
  maxStreamsPerCitizen: number;
}

/** After a refused stream, when to try again (s): an open stream ends at the latest when its token does. */
const STREAM_LIMIT_RETRY_AFTER_S = 60;

export const meEventsRoutes: FastifyPluginAsyncTypebox<MeEventsOptions> = async (app, opts) => {
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  const streams = app.metrics.gauge('ka_sse_streams', 'Open live-update streams');
  const open = new Set<() => void>();
  const openPerCitizen = new Map<string, number>();
  app.addHook('onRequest', app.authenticateCitizen);
  // An open stream is never idle: end them all before the server waits for its connections to finish.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/events',
    {
      schema: {
        tags: ['me'],
        summary: "Live updates of the citizen's cases (Server-Sent Events)",
        description:
          'Events: `case-changed` with `{ caseId, source, status }`. Send `Last-Event-ID` to resume. ' +
          'Comment lines are heartbeats.',
        operationId: 'streamMyCaseEvents',
        security,
        querystring: NoQuery,
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$' })) }),
        response: {
          200: {
            description: 'An event stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          400: problemResponse('Invalid request (KA_VALIDATION)'),
          401: problemResponse('Not signed in, or the access token or DPoP proof is not valid (KA_UNAUTHENTICATED)'),
          403: problemResponse("The token may not be used from this page's origin (KA_FORBIDDEN)"),
          429: tooManyRequests,
        },
      },
    },
    async (request, reply) => {
      const citizen = requireCitizen(request);
      const identityCode = citizen.identityCode();
      const scope = app.caseReader.scopeOf({ municipalityId: citizen.municipality.id, identityCode });
      const lastEventId = Number(request.headers['last-event-id'] ?? 0);
      const holder = `${citizen.iss}\u0000${citizen.sub}`;
      if ((openPerCitizen.get(holder) ?? 0) >= opts.maxStreamsPerCitizen) {
        request.log.info({ event: 'stream_limit', municipality: citizen.municipality.id }, 'too many open streams');
        throw new ApiError('KA_RATE_LIMITED', 'Too many live-update streams are open for this user', {
          headers: { 'Retry-After': String(STREAM_LIMIT_RETRY_AFTER_S) },
        });
      }

      reply.hijack();
      const raw = reply.raw;
      // The client may have left while its token was being checked: its 'close' has then been emitted already,
      // and a stream opened now would never be cleaned up (subscription, polling, heartbeat, identity code).
      if (raw.destroyed || request.raw.destroyed) return;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-site',
        vary: 'Origin',
      });
      raw.write(`retry: 5000\n: connected\n\n`);
      streams.add({}, 1);
      openPerCitizen.set(holder, (openPerCitizen.get(holder) ?? 0) + 1);

      let closed = false;
      let delivery = Promise.resolve();
      const deliver = (event: LoggedEvent) => {
        delivery = delivery.then(async () => {
          if (closed) return;
          // The row goes under the municipality that controls the source's records; an event of a source the
          // citizen's municipality does not have is not ours to tell (and is not sent).
          const controller = app.sources.controllerOf(citizen.municipality.id, event.source);
          if (!controller) return;
          try {
            await app.audit.recordRead({
              requestId: request.id,
              actor: { iss: citizen.iss, sub: citizen.sub, clientId: citizen.clientId },
              municipalityId: citizen.municipality.id,
              controller,
              identityCode,
              dataCategory: 'case_events',
              sources: [event.source],
              objectRefs: [event.caseId],
              purpose: 'citizen_own_data',
              outcome: 'disclosed',
            });
          } catch (error) {
            // Not logged, not sent: the client reconnects and resumes with Last-Event-ID.
            request.log.error({ err: error }, 'audit write failed; closing the event stream');
            raw.destroy();
            return;
          }
          if (closed) return;
          const data = JSON.stringify({ caseId: event.caseId, source: event.source, status: event.status });
          raw.write(`id: ${event.id}\nevent: case-changed\ndata: ${data}\n\n`);
        });
      };

      const unsubscribe = app.caseEvents.subscribe(scope, deliver);
      if (lastEventId > 0) for (const event of app.caseEvents.since(scope, lastEventId)) deliver(event);
      const unwatch = app.casePoller.watch(scope);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      // What the token allowed ends with it; events after this are replayed on the reconnection (Last-Event-ID).
      const expiry = setTimeout(() => end(), Math.max(0, citizen.expiresAt - app.clock().getTime()));
      expiry.unref();

      const cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        const held = (openPerCitizen.get(holder) ?? 1) - 1;
        if (held === 0) openPerCitizen.delete(holder);
        else openPerCitizen.set(holder, held);
        unsubscribe();
        unwatch();
        streams.add({}, -1);
      };
      const end = () => {
        cleanup();
        raw.end();
      };
      raw.on('close', cleanup);
      open.add(end);
      raw.on('close', () => open.delete(end));
    },
  );
};
