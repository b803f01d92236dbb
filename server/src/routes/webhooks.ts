/**
 * `POST /v1/webhooks/:source`: back ends push case changes (docs/contracts.md "Webhooks").
 * - Header `X-Kunta-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the source's shared
 *   secret (WEBHOOK_SECRET_<SOURCE>); several `v1=` are accepted (secret rotation). Outside ±300 s → 401 (replay).
 * - Body `{ eventId, type, ...source fields }`; the same eventId twice is accepted once (200 both times).
 * - The event names its municipality (by official code); it reaches only that municipality's streams. An event for
 *   a municipality that does not take this source through us is answered `ignored` (200: a retry would not help).
 * - The body carries the person's identity code (signed, in the body, never in a URL); it is pseudonymised on
 *   receipt to find that citizen's open streams and is neither stored nor logged.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { subjectPseudonym } from '../audit/pseudonym.js';
import { ApiError } from '../http/problems.js';
import { problemResponse } from '../schemas/common.js';
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from '../lib/webhook-signature.js';

export { signWebhook } from '../lib/webhook-signature.js';

export const SIGNATURE_HEADER = 'x-kunta-signature';
export { SIGNATURE_TOLERANCE_SECONDS };
const BODY_LIMIT = 64 * 1024;

export interface WebhookRoutesOptions {
  /** Shared secrets by source id; a source without one has no webhook (404). */
  secrets: Readonly<Record<string, string>>;
  pseudonymKey: Uint8Array;
}

const WebhookAck = Type.Object(
  { status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('ignored')]) },
  { additionalProperties: false },
);

export const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRoutesOptions> = async (app, opts) => {
  const received = app.metrics.counter('ka_webhook_events_total', 'Webhook requests by source and outcome');
  // The signature covers the exact bytes: keep the body as text until it is verified.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/v1/webhooks/:source',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'A back end pushes a case change (HMAC-signed)',
        description:
          'Signed with `X-Kunta-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. ' +
          'Body `{ eventId, type, ... }`; a repeated eventId is accepted once. An event for a municipality that ' +
          'does not use this source here is `ignored`.',
        operationId: 'receiveWebhook',
        params: Type.Object(
          { source: Type.String({ pattern: '^[a-z][a-z0-9-]{0,30}$' }) },
          { additionalProperties: false },
        ),
        response: {
          200: WebhookAck,
          400: problemResponse('Not a valid event (KA_VALIDATION)'),
          401: problemResponse('Missing, bad or expired signature (KA_UNAUTHENTICATED)'),
          404: problemResponse('No webhook for this source (KA_NOT_FOUND)'),
        },
      },
    },
    async (request) => {
      const { source } = request.params;
      const secret = opts.secrets[source];
      const connector = app.sources.connector(source);
      if (!secret || !connector?.parseWebhook) throw new ApiError('KA_NOT_FOUND', 'No such webhook');

      const body = typeof request.body === 'string' ? request.body : '';
      const failure = verifySignature(
        request.headers[SIGNATURE_HEADER] as string | undefined,
        secret,
        body,
        Math.floor(app.clock().getTime() / 1000),
      );
      if (failure) {
        received.inc({ source, outcome: 'unauthenticated' });
        request.log.info({ event: 'webhook_refused', source, reason: failure }, 'webhook refused');
        throw new ApiError('KA_UNAUTHENTICATED', 'The webhook signature is not valid');
      }

      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      const event = connector.parseWebhook(parsed);
      const eventId = (parsed as { eventId?: unknown } | undefined)?.eventId;
      if (!event || typeof eventId !== 'string') {
        received.inc({ source, outcome: 'invalid' });
        throw new ApiError('KA_VALIDATION', 'Not a valid event for this source');
      }
      const municipality = app.tenants.byCode(event.municipalityCode);
      if (!municipality || !app.sources.guard(municipality.id, source)) {
        received.inc({ source, outcome: 'ignored' });
        return { status: 'ignored' as const };
      }

      const inserted = await app.db
        .insertInto('webhook_events')
        .values({ source_id: source, event_id: eventId, received_at: app.clock().toISOString() })
        .onConflict((oc) => oc.columns(['source_id', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        received.inc({ source, outcome: 'duplicate' });
        return { status: 'duplicate' as const };
      }
      const audience = {
        municipalityId: municipality.id,
        subjectPseudonym: subjectPseudonym(opts.pseudonymKey, event.identityCode),
      };
      app.caseEvents.publish(audience, {
        caseId: event.caseId,
        source,
        status: event.status,
      });
      received.inc({ source, outcome: 'accepted' });
      return { status: 'accepted' as const };
    },
  );
};
