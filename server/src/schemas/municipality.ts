import { Type, type Static, type TObject, type TString } from '@sinclair/typebox';
import { TOKENS, type TokenName } from '../tenants/theme.js';
import { Language, ref } from './common.js';

/** Every documented --kunta-* token with this municipality's value (defaults where the theme sets nothing). */
export const ThemeTokens = Type.Object(
  Object.fromEntries(TOKENS.map((token) => [token.name, Type.String({ description: token.description })])),
  {
    $id: 'ThemeTokens',
    additionalProperties: false,
    description: 'CSS custom properties the widgets apply on their host element.',
  },
) as unknown as TObject<Record<TokenName, TString>>;

export const PublicMunicipality = Type.Object(
  {
    id: Type.String(),
    code: Type.String({ description: 'Statistics Finland municipality code, e.g. `535`.' }),
    name: Type.Object(
      { fi: Type.String(), sv: Type.String({ description: 'The name as used in Swedish text.' }) },
      { additionalProperties: false },
    ),
    swedishNameOfficial: Type.Boolean({
      description: 'Whether `name.sv` is an official Swedish name; false when Swedish text uses the Finnish name.',
    }),
    type: Type.Union([Type.Literal('kaupunki'), Type.Literal('kunta')], {
      description: 'kaupunki (sv stad, en City) or kunta (sv kommun, en Municipality).',
    }),
    finnishCases: Type.Object(
      { genitive: Type.String(), inessive: Type.String(), elative: Type.String(), illative: Type.String() },
      {
        additionalProperties: false,
        description: 'The Finnish name in the cases texts need, e.g. Kalajoen, Kalajoella, Kalajoelta, Kalajoelle.',
      },
    ),
    languages: Type.Array(ref(Language)),
    defaultLanguage: ref(Language),
    theme: Type.Object(
      { tokens: ref(ThemeTokens) },
      { additionalProperties: false, description: "The municipality's theme, resolved to tokens." },
    ),
    widgets: Type.Array(Type.String(), { description: 'Widget tags enabled for this municipality.' }),
    auth: Type.Object(
      {
        authority: Type.String({ description: 'The OpenID provider (issuer) to sign in with.' }),
        clientId: Type.String(),
        scope: Type.String(),
        resource: Type.String({ description: 'The API audience to request tokens for (RFC 8707).' }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'PublicMunicipality', additionalProperties: false },
);
export type PublicMunicipality = Static<typeof PublicMunicipality>;

export const MunicipalitySummary = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.Object({ fi: Type.String(), sv: Type.String() }, { additionalProperties: false }),
  },
  { $id: 'MunicipalitySummary', additionalProperties: false },
);

export const MunicipalityList = Type.Object(
  { items: Type.Array(ref(MunicipalitySummary)) },
  { $id: 'MunicipalityList', additionalProperties: false },
);
export type MunicipalityList = Static<typeof MunicipalityList>;

export const MunicipalityParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }) },
  { additionalProperties: false },
);
