import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// One VTJ answer as vtj.soap.ts reads it out of the SOAP message. Values are the raw strings of the answer
// (DVV's vtj-vastaus-unified.xsd: dates `vvvvkkpp` "or empty", municipality codes "3 digits or empty", flags
// "" / "0" / "1"); `null` means the element is missing. Only the bounds are checked here: what a value means
// is decided in population.mapper.ts.
const Raw = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

export const VtjDependant = Type.Object({
  henkilotunnus: Raw(20),
  syntymaaika: Raw(20),
  etunimet: Raw(200),
});
export type VtjDependant = Static<typeof VtjDependant>;

export const VtjPerson = Type.Object({
  henkilotunnus: Raw(20),
  etunimet: Raw(200),
  kotikunta: Type.Union([Type.Object({ kuntanumero: Raw(20), kuntasuhdeAlkupvm: Raw(20) }), Type.Null()]),
  turvakielto: Type.Union([Type.Object({ turvakieltoTieto: Raw(20), turvakieltoPaattymispvm: Raw(20) }), Type.Null()]),
  kuollut: Raw(20),
  /** Huoltaja-Huollettavat only: the minors in the person's custody. */
  huollettavat: Type.Array(VtjDependant, { maxItems: 50 }),
});
export type VtjPerson = Static<typeof VtjPerson>;

export const VtjAnswer = Type.Object({
  /** A SOAP fault (X-Road) or VTJ's own faultCode/faultString; only a code-like value is kept. */
  fault: Type.Union([Type.Object({ code: Type.String({ maxLength: 80 }) }), Type.Null()]),
  /** `Paluukoodi/@koodi`: 0000 found, 0001 nothing found, 0003/0004 our credentials refused, … */
  returnCode: Raw(5),
  person: Type.Union([VtjPerson, Type.Null()]),
});
export type VtjAnswer = Static<typeof VtjAnswer>;

export const vtjAnswerCheck = TypeCompiler.Compile(VtjAnswer);
