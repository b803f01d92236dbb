/**
 * Configuration of the back-end sources other than Lupapiste (which lives in municipality-config.ts), and the
 * resilience settings every source may override. Validated at start with the rest of the municipality file;
 * a bad field fails the start with its path (load-municipalities.ts).
 */
import { FormatRegistry, Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { CASE_STATUSES, CASE_TYPES } from '../schemas/case.js';

// A JSON pointer (RFC 6901): "" (the whole document) or "/a/b~1c". Registered once, process-wide.
const JSON_POINTER = /^(\/([^~/]|~[01])*)*$/;
if (!FormatRegistry.Has('json-pointer')) FormatRegistry.Set('json-pointer', (value) => JSON_POINTER.test(value));

const Url = Type.String({ format: 'url' });
const NonEmpty = Type.String({ minLength: 1 });
const Pointer = Type.String({ format: 'json-pointer' });
const Timeout = Type.Integer({ minimum: 50, maximum: 60_000 });
const Localized = Type.Object({ fi: NonEmpty, sv: NonEmpty, en: NonEmpty }, { additionalProperties: false });
const literalUnion = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

/** Per-source overrides of the aggregate layer's defaults (server/src/aggregate/source-guard.ts). */
export const SourceResilience = Type.Object(
  {
    /** Bulkhead: at most this many calls in flight to the source (also the size of its connection pool). */
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    breaker: Type.Optional(
      Type.Object(
        {
          failureThreshold: Type.Integer({ minimum: 1, maximum: 10_000 }),
          windowMs: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
          resetTimeoutMs: Type.Integer({ minimum: 10, maximum: 3_600_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** How long a citizen's last good answer may be served when the source fails (0 = never). */
    staleTtlSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400 })),
    /**
     * How long a citizen's good answer is given again without asking the source (default 5 s, 0 = never);
     * a change event for that citizen and source ends it at once (aggregate/fresh-answers.ts).
     */
    freshnessSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    /** Outbound allow-list (`host` or `host:port`); default: the host of `baseUrl` only. */
    allowedHosts: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$' }))),
  },
  { additionalProperties: false },
);
export type SourceResilience = Static<typeof SourceResilience>;

// eVaka's config lives beside its connector (connectors/evaka/config.ts).

/** Population data (a VTJ-like service): facts about the citizen's life situation, guardianship. */
export const PopulationSourceConfig = Type.Object(
  {
    baseUrl: Url,
    token: NonEmpty,
    timeoutMs: Type.Optional(Timeout),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type PopulationSourceConfig = Static<typeof PopulationSourceConfig>;

/** The PTV service catalogue (v11 OUT API): public, cached per municipality and refreshed in the background. */
export const PtvSourceConfig = Type.Object(
  {
    /** e.g. https://api.palvelutietovaranto.suomi.fi/api (without /v11). */
    baseUrl: Url,
    timeoutMs: Type.Optional(Timeout),
    /** Background refresh interval (default 6 h; DVV recommends daily changes, weekly everything). */
    refreshIntervalMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 7 * 86_400_000 })),
    includeWholeCountry: Type.Optional(Type.Boolean()),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type PtvSourceConfig = Static<typeof PtvSourceConfig>;

/**
 * A generic REST/JSON case system, mapped to the unified Case by configuration only: where the list of cases is
 * in the answer, which field holds what (JSON pointers relative to one case), and a table of status values.
 */
export const GenericSourceConfig = Type.Object(
  {
    /** The source id in case ids and `sources[]` (default `generic`). */
    id: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{0,30}$' })),
    baseUrl: Url,
    /** Sent as `Authorization: Bearer <token>` when set. */
    token: Type.Optional(NonEmpty),
    timeoutMs: Type.Optional(Timeout),
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 86_400_000 })),
    resilience: Type.Optional(SourceResilience),
    request: Type.Object(
      {
        method: Type.Union([Type.Literal('GET'), Type.Literal('POST')]),
        /** Path under baseUrl; never carries the identity code. */
        path: Type.String({ pattern: '^/[A-Za-z0-9._~/-]*$' }),
        /** GET: the header that carries the identity code. */
        personIdHeader: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$' })),
        /** POST: where the identity code goes in the JSON body. */
        personIdField: Type.Optional(Pointer),
      },
      { additionalProperties: false },
    ),
    mapping: Type.Object(
      {
        caseType: literalUnion(CASE_TYPES),
        /** Where the array of cases is in the answer ("" when the answer is the array). */
        items: Pointer,
        fields: Type.Object(
          {
            id: Pointer,
            status: Pointer,
            updatedAt: Pointer,
            /** A string, or an object with fi/sv/en strings. */
            title: Type.Optional(Pointer),
            link: Type.Optional(Pointer),
            timeline: Type.Optional(Pointer),
            timelineStatus: Type.Optional(Pointer),
            timelineAt: Type.Optional(Pointer),
          },
          { additionalProperties: false },
        ),
        /** Used when `fields.title` is absent or empty. */
        defaultTitle: Localized,
        /** Source status value → unified status. Values not in the table are shown as in_progress. */
        statusTable: Type.Record(Type.String({ minLength: 1 }), literalUnion(CASE_STATUSES), { minProperties: 1 }),
        statusLabels: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Localized)),
        nextSteps: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Localized)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GenericSourceConfig = Static<typeof GenericSourceConfig>;
