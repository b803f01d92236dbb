import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// Lupapiste's `applications-search` rows (reference/backends.md §5.2). Only the fields we use are required;
// Lupapiste adds fields over time, so unknown ones are allowed (and ignored by the mapper).
const EpochMs = Type.Number({ minimum: 0 });

export const LupapisteHistoryEntry = Type.Object({
  state: Type.String({ minLength: 1, maxLength: 64 }),
  ts: EpochMs,
  user: Type.Optional(
    Type.Object({
      firstName: Type.Optional(Type.String()),
      lastName: Type.Optional(Type.String()),
      role: Type.Optional(Type.String()),
    }),
  ),
});
export type LupapisteHistoryEntry = Static<typeof LupapisteHistoryEntry>;

export const LupapisteApplicationRow = Type.Object({
  id: Type.String({ pattern: '^LP-[0-9]{3}-[0-9]{4}-[0-9]{5}$' }),
  address: Type.String({ maxLength: 500 }),
  municipality: Type.String(),
  primaryOperation: Type.String({ maxLength: 200 }),
  state: Type.String({ minLength: 1, maxLength: 64 }),
  submitted: Type.Optional(Type.Union([EpochMs, Type.Null()])),
  modified: EpochMs,
  verdictDate: Type.Optional(Type.Union([EpochMs, Type.Null()])),
  infoRequest: Type.Optional(Type.Boolean()),
  history: Type.Array(LupapisteHistoryEntry, { maxItems: 1000 }),
});
export type LupapisteApplicationRow = Static<typeof LupapisteApplicationRow>;

export const LupapisteSearchResponse = Type.Object({
  ok: Type.Literal(true),
  data: Type.Object({
    applications: Type.Array(LupapisteApplicationRow, { maxItems: 10_000 }),
    totalCount: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
});
export type LupapisteSearchResponse = Static<typeof LupapisteSearchResponse>;

export const lupapisteSearchResponseCheck = TypeCompiler.Compile(LupapisteSearchResponse);

/**
 * The body of a Lupapiste webhook (signed; routes/webhooks.ts checks the signature first). `personId` is the
 * applicant's identity code: pseudonymised on receipt to find the citizen's live-update streams, never stored.
 */
export const LupapisteWebhookEvent = Type.Object({
  eventId: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Literal('application-state-changed'),
  applicationId: Type.String({ pattern: '^LP-[0-9]{3}-[0-9]{4}-[0-9]{5}$' }),
  state: Type.String({ minLength: 1, maxLength: 64 }),
  personId: Type.String({ minLength: 11, maxLength: 11 }),
  /** The municipality's code (kuntanumero), as on the application. */
  municipality: Type.String({ pattern: '^[0-9]{3}$' }),
});
export type LupapisteWebhookEvent = Static<typeof LupapisteWebhookEvent>;

export const lupapisteWebhookCheck = TypeCompiler.Compile(LupapisteWebhookEvent);
