import { Type, type Static } from '@sinclair/typebox';
import { ref, stringEnum } from './common.js';

// The citizen's own data (docs/contracts.md, "My data"; docs/privacy.md): who used it, what is held, export, removal.

export const DATA_KINDS = ['access_log', 'consent_history', 'saved_copies', 'dismissals'] as const;
/** What the citizen may remove themselves; the access log is kept for its legal period. */
export const REMOVABLE_KINDS = ['consent', 'saved_copies', 'dismissals'] as const;

export const AccessLogEntry = Type.Object(
  {
    id: Type.String({ description: 'Stable id of the row.' }),
    at: Type.String({ format: 'date-time' }),
    subject: Type.Union(
      [
        Type.Object({ kind: Type.Literal('self') }, { additionalProperties: false }),
        Type.Object(
          {
            kind: Type.Literal('child'),
            givenName: Type.String({ description: 'As the population data gives it to the guardian.' }),
          },
          { additionalProperties: false },
        ),
      ],
      { description: 'Whose data: yours, or that of a child you are the guardian of.' },
    ),
    onBehalfOf: stringEnum(['you', 'guardian'], {
      description: '`you`: your own request; `guardian`: a request of a guardian of the subject (never named).',
    }),
    sources: Type.Array(Type.String(), { description: 'The systems read, by source id (e.g. `lupapiste`).' }),
    controller: Type.String({ description: 'The municipality (id) that controls the records read.' }),
    dataCategory: Type.String({ description: 'What kind of data, e.g. `cases`, `life_situation`, `consent`.' }),
    purpose: Type.String({ description: 'Why, e.g. `citizen_own_data`, `proactive_feed`, `data_subject_rights`.' }),
    outcome: stringEnum(['disclosed', 'disclosed_partial', 'used', 'deleted'], {
      description: '`disclosed`: shown to you; `used`: read to act on your request, nothing shown; `deleted`: removed.',
    }),
  },
  {
    $id: 'AccessLogEntry',
    additionalProperties: false,
    description: 'One use of your data, from the access log (906/2019 §17). Never an identity code or another person.',
  },
);
export type AccessLogEntry = Static<typeof AccessLogEntry>;

export const AccessLogPage = Type.Object(
  {
    items: Type.Array(ref(AccessLogEntry), { description: 'Newest first.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description:
        'Pass as `cursor` for the next (older) page; null on the last page. Rows written meanwhile do not move it.',
    }),
  },
  { $id: 'AccessLogPage', additionalProperties: false },
);
export type AccessLogPage = Static<typeof AccessLogPage>;

export const AccessLogQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);

const ConsentHistoryEntry = Type.Object(
  {
    action: stringEnum(['granted', 'withdrawn']),
    textVersion: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const RetentionInfo = Type.Object(
  {
    accessLogDays: Type.Integer({ description: 'Access-log rows are kept this many days, then purged.' }),
    consentHistoryDays: Type.Integer({
      description: 'A consent history that ended in withdrawal is kept this many days after it.',
    }),
    dismissalDays: Type.Integer({ description: 'A dismissal is kept this many days.' }),
  },
  {
    $id: 'RetentionInfo',
    additionalProperties: false,
    description: 'Saved copies carry their own `expiresAt`; the rest are kept as long as these say.',
  },
);

export const MyData = Type.Object(
  {
    consents: Type.Array(
      Type.Object(
        {
          municipality: Type.String(),
          granted: Type.Boolean(),
          textVersion: Type.Union([Type.String(), Type.Null()]),
          grantedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
          history: Type.Array(ConsentHistoryEntry, { description: 'Oldest first; kept after a withdrawal.' }),
        },
        { additionalProperties: false },
      ),
    ),
    dismissals: Type.Array(
      Type.Object(
        { itemId: Type.String(), dismissedAt: Type.String({ format: 'date-time' }) },
        { additionalProperties: false },
      ),
    ),
    savedCopies: Type.Array(
      Type.Object(
        {
          municipality: Type.String(),
          source: Type.String(),
          fetchedAt: Type.String({ format: 'date-time' }),
          expiresAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Last good answers of back ends, kept (encrypted) to serve you while a system is down.' },
    ),
    settings: Type.Array(Type.Object({ name: Type.String(), value: Type.String() }, { additionalProperties: false }), {
      description: 'Stream and notification settings; none are stored by this version.',
    }),
    accessLog: Type.Object(
      {
        rows: Type.Integer({ description: 'How many access-log rows are about you.' }),
        removable: Type.Literal(false),
      },
      { additionalProperties: false },
    ),
    retention: ref(RetentionInfo),
  },
  { $id: 'MyData', additionalProperties: false, description: 'What Kunta-Akkuna itself holds about you.' },
);
export type MyData = Static<typeof MyData>;

export const MyDataExport = Type.Object(
  {
    generatedAt: Type.String({ format: 'date-time' }),
    data: ref(MyData),
    accessLog: Type.Array(ref(AccessLogEntry), {
      description: "Every access-log row about you, newest first (not your wards' rows).",
    }),
  },
  {
    $id: 'MyDataExport',
    additionalProperties: false,
    description: 'Everything in `GET /v1/me/data` and the whole access log, for download (GDPR arts. 15 and 20).',
  },
);
export type MyDataExport = Static<typeof MyDataExport>;

export const DataKindParams = Type.Object(
  {
    kind: stringEnum(REMOVABLE_KINDS, {
      description:
        '`consent`: withdraws every consent (the history stays, as the law requires); `saved_copies`, `dismissals`: deleted. The access log cannot be removed.',
    }),
  },
  { additionalProperties: false },
);

export const RemovalResult = Type.Object(
  { kind: Type.String(), removed: Type.Integer({ description: 'How many entries were removed or withdrawn.' }) },
  { $id: 'RemovalResult', additionalProperties: false },
);
