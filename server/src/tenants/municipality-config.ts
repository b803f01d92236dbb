import { FormatRegistry, Type, type Static } from '@sinclair/typebox';

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

export const LupapisteSourceConfig = Type.Object(
  {
    baseUrl: Url,
    token: NonEmpty,
    /** Where citizens open their application in Lupapiste (deep links). */
    publicUrl: Url,
    timeoutMs: Type.Integer({ minimum: 50, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type LupapisteSourceConfig = Static<typeof LupapisteSourceConfig>;

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
    sources: Type.Object({ lupapiste: Type.Optional(LupapisteSourceConfig) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type MunicipalityConfig = Static<typeof MunicipalityConfig>;
