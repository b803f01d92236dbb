/**
 * Lupapiste's `applications-search` answer, as lupapiste/lupapiste src/lupapalvelu/application_search.clj builds it:
 * `(ok :data {:applications rows :userTotalCount n})`, each row `select-keys` of `frontend-fields` plus the
 * indicator fields. Rows carry no `history`, no `created`; `primaryOperation` is the operation object
 * `{id, name, description, created}` (application.clj `make-op`). Times are epoch milliseconds (UTC).
 *
 * The envelope is checked as a whole; rows are checked one by one (validateRow), so that one bad row is skipped
 * and the others are shown. Fields we do not use are allowed and ignored: Lupapiste adds fields over time.
 */
import { OptionalKind, Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isLupapisteState, type LupapisteState } from './lupapiste.states.js';

const EpochMs = Type.Number({ minimum: 0 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `applications-search` as a failure: `{ ok: false, text: "error.unauthorized" }` (docs/http-json-apis.md). */
export const LupapisteFailure = Type.Object({ ok: Type.Literal(false), text: Type.String({ maxLength: 200 }) });

export const LupapisteSearchEnvelope = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    data: Type.Object({
      applications: Type.Array(Type.Unknown(), { maxItems: 10_000 }),
      userTotalCount: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  }),
  LupapisteFailure,
]);
export type LupapisteSearchEnvelope = Static<typeof LupapisteSearchEnvelope>;
export const lupapisteSearchEnvelopeCheck = TypeCompiler.Compile(LupapisteSearchEnvelope);

/** `primaryOperation`: the operation object; `name` is the operation id such as `pientalo` or `purkaminen`. */
export const LupapisteOperation = Type.Object({
  id: Type.Optional(Nullable(Type.String())),
  name: Nullable(Type.String({ maxLength: 200 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  created: Type.Optional(Nullable(EpochMs)),
});

/**
 * A history entry, when an answer has them (the application itself does; search rows do not). A state change is
 * `{state, ts, user}` (application_state.clj `history-entry`); an authority assigned as handler is
 * `{handler, ts, user}` without `state` (application.clj `handler-history-entry`), and is not a step of the case.
 */
export const LupapisteHistoryEntry = Type.Object({
  state: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  ts: EpochMs,
});

const RowFields = {
  id: Type.String({ pattern: '^L[PX]-[0-9]{3}-[0-9]{4}-[0-9]{5}$' }),
  address: Nullable(Type.String({ maxLength: 500 })),
  municipality: Type.String({ pattern: '^[0-9]{3}$' }),
  organization: Type.String({ minLength: 1, maxLength: 64 }),
  primaryOperation: Type.Optional(Nullable(LupapisteOperation)),
  state: Type.String({ minLength: 1, maxLength: 64 }),
  submitted: Type.Optional(Nullable(EpochMs)),
  modified: EpochMs,
  verdictDate: Type.Optional(Nullable(EpochMs)),
  infoRequest: Type.Optional(Type.Boolean()),
  permitType: Type.Optional(Type.String({ maxLength: 16 })),
  /** `applications.application`, `applications.inforequest`, `permitSubtype.<subtype>` or `digitizedPermit`. */
  kind: Type.Optional(Type.String({ maxLength: 100 })),
  history: Type.Optional(Type.Array(LupapisteHistoryEntry, { maxItems: 1000 })),
};

export const LupapisteApplicationRow = Type.Object(RowFields);
/** A row that validated, with its state narrowed to a state of the graphs in lupapiste/commons states.cljc. */
export type LupapisteApplicationRow = Omit<Static<typeof LupapisteApplicationRow>, 'state'> & {
  state: LupapisteState;
};

const fieldChecks = Object.entries(RowFields).map(([name, schema]: [string, TSchema]) => ({
  name,
  optional: OptionalKind in schema,
  check: TypeCompiler.Compile(schema),
}));

/** Why a row was left out: a fixed code for the metric and the log line, never a value from the row. */
export type RowRejection = 'not_an_object' | 'missing_field' | 'bad_field' | 'bad_date' | 'unknown_state';

const DATE_FIELDS = new Set(['submitted', 'modified', 'verdictDate', 'history']);

/** Checks one row; the first problem found names the reason. */
export function validateRow(value: unknown): { row: LupapisteApplicationRow } | { reason: RowRejection } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'not_an_object' };
  const record = value as Record<string, unknown>;
  for (const { name, optional, check } of fieldChecks) {
    const field = record[name];
    if (field === undefined) {
      if (optional) continue;
      return { reason: 'missing_field' };
    }
    if (!check.Check(field)) return { reason: DATE_FIELDS.has(name) ? 'bad_date' : 'bad_field' };
  }
  if (!isLupapisteState(record.state)) return { reason: 'unknown_state' };
  return { row: value as LupapisteApplicationRow };
}
