import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// The population-data service's answer (a VTJ-like JSON format, documented in emulators/population/index.ts).
// Dates are VTJ-style `YYYYMMDD`; unknown extra fields are allowed and ignored.
const VtjDate = Type.String({ pattern: '^[0-9]{8}$' });
const Hetu = Type.String({ minLength: 11, maxLength: 11 });

export const VtjDependant = Type.Object({
  henkilotunnus: Hetu,
  etunimet: Type.String({ minLength: 1, maxLength: 200 }),
  kutsumanimi: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  syntymaaika: VtjDate,
  turvakielto: Type.Boolean(),
  huoltosuhteenRajoitus: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
export type VtjDependant = Static<typeof VtjDependant>;

export const VtjPersonResponse = Type.Object({
  henkilo: Type.Object({
    henkilotunnus: Hetu,
    syntymaaika: VtjDate,
    kotikunta: Type.Object({
      kuntanumero: Type.String({ pattern: '^[0-9]{3}$' }),
      kuntasuhdeAlkupvm: Type.Union([VtjDate, Type.Null()]),
    }),
    turvakielto: Type.Object({ turvakieltoTieto: Type.Boolean() }),
    huollettavat: Type.Array(VtjDependant, { maxItems: 50 }),
  }),
});
export type VtjPersonResponse = Static<typeof VtjPersonResponse>;

export const vtjPersonResponseCheck = TypeCompiler.Compile(VtjPersonResponse);
