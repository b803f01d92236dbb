import { FormatRegistry, Type, type Static } from '@sinclair/typebox';
import { EvakaSourceConfig, GenericSourceConfig, PopulationSourceConfig, PtvSourceConfig } from './source-config.js';
import { LupapisteSourceConfig } from '../connectors/lupapiste/config.js';
import { ThemeConfig } from './theme.js';

// Formats TypeBox checks for us; registered once, globally (TypeBox's registry is process-wide).
if (!FormatRegistry.Has('url')) {
  FormatRegistry.Set('url', (value) => parseHttpUrl(value) !== null);
}
if (!FormatRegistry.Has('origin')) {
  // An origin is scheme://host[:port] with nothing after it: that is what browsers send in `Origin`.
  FormatRegistry.Set('origin', (value) => parseHttpUrl(value)?.origin === value);
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const Url = Type.String({ format: 'url' });
const NonEmpty = Type.String({ minLength: 1 });
const Lang = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')]);

// Lupapiste's schema lives beside its connector; re-exported for the callers that import it from here.
export { LupapisteSourceConfig } from '../connectors/lupapiste/config.js';

/** The widgets a municipality may enable; the configurator and the docs list the same tags. */
export const WIDGET_TAGS = ['kunta-login', 'kunta-case-status', 'kunta-service-feed'] as const;
export type WidgetTag = (typeof WIDGET_TAGS)[number];
if (!FormatRegistry.Has('kunta-widget')) {
  FormatRegistry.Set('kunta-widget', (value) => (WIDGET_TAGS as readonly string[]).includes(value));
}

/**
 * A municipality's changes to one proactive-feed rule. The rules engine owns the meaning of each field; the
 * shape is fixed here so a typo in a file is caught at start.
 */
export const RuleOverride = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    /** When the rule applies, in days relative to its trigger date (e.g. a birthday), both ends inclusive. */
    window: Type.Optional(
      Type.Object(
        {
          fromDays: Type.Optional(Type.Integer({ minimum: -3660, maximum: 3660 })),
          toDays: Type.Optional(Type.Integer({ minimum: -3660, maximum: 3660 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** The municipality's own page for the suggested service. */
    link: Type.Optional(Url),
    /** Replaces the suggestion's text, per language. */
    text: Type.Optional(
      Type.Object(
        { fi: Type.Optional(NonEmpty), sv: Type.Optional(NonEmpty), en: Type.Optional(NonEmpty) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RuleOverride = Static<typeof RuleOverride>;

export const RulesConfig = Type.Object(
  {
    overrides: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9._-]{0,80}$' }), RuleOverride)),
  },
  { additionalProperties: false },
);
export type RulesConfig = Static<typeof RulesConfig>;

const IsoDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const LocalizedConfigText = Type.Object({ fi: NonEmpty, sv: NonEmpty, en: NonEmpty }, { additionalProperties: false });

/** A notice the municipality publishes in its feeds (general and personal), shown from `from` to `until` inclusive. */
export const NoticeConfig = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,60}$' }),
    title: LocalizedConfigText,
    body: LocalizedConfigText,
    link: Type.Optional(Type.Object({ href: Url, label: LocalizedConfigText }, { additionalProperties: false })),
    from: Type.Optional(IsoDay),
    until: Type.Optional(IsoDay),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type NoticeConfig = Static<typeof NoticeConfig>;

export const MunicipalityConfig = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }),
    code: Type.String({ pattern: '^[0-9]{3}$' }),
    businessId: Type.String({ pattern: '^[0-9]{7}-[0-9]$' }),
    name: Type.Object({ fi: NonEmpty, sv: NonEmpty }, { additionalProperties: false }),
    languages: Type.Array(Lang, { minItems: 1, uniqueItems: true }),
    defaultLanguage: Lang,
    /** Origins of the municipality's own web pages that may call the API with this municipality's tokens. */
    origins: Type.Array(Type.String({ format: 'origin' }), { minItems: 1 }),
    auth: Type.Object(
      {
        issuer: Url,
        clientId: NonEmpty,
        audience: NonEmpty,
        scope: NonEmpty,
        redirectUris: Type.Array(Url, { minItems: 1 }),
        /** Claim names differ between identity providers; these name ours. */
        claims: Type.Object({ identityCode: NonEmpty }, { additionalProperties: false }),
        /** When set, an access token must carry exactly this `acr` (level of assurance). */
        requiredAcr: Type.Union([Type.Null(), NonEmpty]),
      },
      { additionalProperties: false },
    ),
    sources: Type.Object(
      {
        lupapiste: Type.Optional(LupapisteSourceConfig),
        evaka: Type.Optional(EvakaSourceConfig),
        generic: Type.Optional(GenericSourceConfig),
        population: Type.Optional(PopulationSourceConfig),
        ptv: Type.Optional(PtvSourceConfig),
      },
      { additionalProperties: false },
    ),
    /** Appearance-style theme mapped to --kunta-* tokens (tenants/theme.ts); checked for contrast at start. */
    theme: Type.Optional(ThemeConfig),
    /** Widgets offered on this municipality's pages; default all. */
    widgets: Type.Optional(Type.Array(Type.String({ format: 'kunta-widget' }), { uniqueItems: true })),
    /** Proactive-feed rule overrides. */
    rules: Type.Optional(RulesConfig),
    /** Notices published in the municipality's feeds. */
    notices: Type.Optional(Type.Array(NoticeConfig, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type MunicipalityConfig = Static<typeof MunicipalityConfig>;
