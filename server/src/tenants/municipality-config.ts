import { FormatRegistry, Type, type Static } from '@sinclair/typebox';
import '../config/formats.js';
import { CONNECTORS, sourcesSchema } from '../connectors/registry.js';
import { ThemeConfig } from './theme.js';

export { LupapisteSourceConfig } from '../connectors/lupapiste/config.js';

const Url = Type.String({ format: 'url' });
const NonEmpty = Type.String({ minLength: 1 });
const Lang = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')]);

/** The widgets a municipality may enable; the configurator and the docs list the same tags. */
export const WIDGET_TAGS = [
  'kunta-login',
  'kunta-case-status',
  'kunta-service-feed',
  'kunta-notices',
  'kunta-my-data',
] as const;
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

/** kaupunki (sv stad, en City) or kunta (sv kommun, en Municipality), as the municipality calls itself. */
export const MunicipalityType = Type.Union([Type.Literal('kaupunki'), Type.Literal('kunta')]);

/** The Finnish cases our texts need: "Kalajoen kaupunki", "Kalajoella", "Kalajoelta", "Tervetuloa Kalajoelle!". */
export const FinnishCases = Type.Object(
  { genitive: NonEmpty, inessive: NonEmpty, elative: NonEmpty, illative: NonEmpty },
  { additionalProperties: false },
);

export const MunicipalityConfig = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }),
    code: Type.String({ pattern: '^[0-9]{3}$' }),
    businessId: Type.String({ pattern: '^[0-9]{7}-[0-9]$' }),
    /** `sv` is the name as used in Swedish text: the official Swedish name where one exists, else the Finnish one. */
    name: Type.Object({ fi: NonEmpty, sv: NonEmpty }, { additionalProperties: false }),
    /** Whether `name.sv` is an official Swedish name (Uleåborg); false when Swedish text uses the Finnish name. */
    swedishNameOfficial: Type.Boolean(),
    type: MunicipalityType,
    finnishCases: FinnishCases,
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
    /** One entry per back end, each with the schema its connector declares (connectors/registry.ts). */
    sources: sourcesSchema(CONNECTORS),
    /** Appearance-style theme mapped to --kunta-* tokens (tenants/theme.ts); checked for contrast at start. */
    theme: Type.Optional(ThemeConfig),
    /** Widgets offered on this municipality's pages; default all. */
    widgets: Type.Optional(Type.Array(Type.String({ format: 'kunta-widget' }), { uniqueItems: true })),
    /**
     * Staff sign-in for publishing notices (notices/, /admin/): the municipality's own staff identity provider, and the
     * claim and value that make a signed-in person this municipality's notice editor. Without it nobody can publish.
     */
    staff: Type.Optional(
      Type.Object(
        {
          issuer: Url,
          clientId: NonEmpty,
          /** The access tokens' `aud`; must differ from `auth.audience`, so a citizen token never opens staff routes. */
          audience: NonEmpty,
          scope: NonEmpty,
          /** Claim holding the person's roles or groups (a string or an array of strings). */
          roleClaim: NonEmpty,
          /** The value in `roleClaim` that lets its holder publish this municipality's notices. */
          roleValue: NonEmpty,
        },
        { additionalProperties: false },
      ),
    ),
    /** Seconds a source's breaker must stay open before the widgets show an outage notice (default 120). */
    outageNoticeAfterSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86400 })),
    /** Proactive-feed rule overrides. */
    rules: Type.Optional(RulesConfig),
    /**
     * The version of the feed's consent text shown on this municipality's pages (default `feed-consent-2`, the
     * widget's); consent is accepted for this version only.
     */
    consentTextVersion: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$' })),
    /** Notices published in the municipality's feeds. */
    notices: Type.Optional(Type.Array(NoticeConfig, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type MunicipalityConfig = Static<typeof MunicipalityConfig>;
