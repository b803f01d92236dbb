import { Type, type Static } from '@sinclair/typebox';
import { Language, ref } from './common.js';

export const PublicMunicipality = Type.Object(
  {
    id: Type.String(),
    code: Type.String({ description: 'Statistics Finland municipality code, e.g. `535`.' }),
    name: Type.Object({ fi: Type.String(), sv: Type.String() }, { additionalProperties: false }),
    languages: Type.Array(ref(Language)),
    defaultLanguage: ref(Language),
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

export const MunicipalityParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }) },
  { additionalProperties: false },
);
