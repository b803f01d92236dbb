/**
 * The VTJ-like person record → LifeSituationFacts. Pure; unit-tested in test/population-mapper.test.ts.
 * Identity codes stop here: children leave as pseudonymous refs.
 */
import type { LifeSituationFacts } from './population.types.js';
import type { VtjPersonResponse } from './population.schemas.js';

/** `YYYYMMDD` → `YYYY-MM-DD`. */
export function vtjDate(value: string): string {
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

export function mapPopulationRecord(
  response: VtjPersonResponse,
  childRef: (identityCode: string) => string,
): LifeSituationFacts {
  const person = response.henkilo;
  return {
    birthDate: vtjDate(person.syntymaaika),
    homeMunicipalityCode: person.kotikunta.kuntanumero,
    movedInAt: person.kotikunta.kuntasuhdeAlkupvm ? vtjDate(person.kotikunta.kuntasuhdeAlkupvm) : null,
    nonDisclosure: person.turvakielto.turvakieltoTieto,
    children: person.huollettavat.map((child) => ({
      ref: childRef(child.henkilotunnus),
      givenName: child.kutsumanimi?.trim() || child.etunimet.trim().split(/\s+/)[0] || child.etunimet,
      birthDate: vtjDate(child.syntymaaika),
      // Either flag hides the child: a non-disclosure order, or a restriction on the guardian's right to know.
      restricted: child.turvakielto || Boolean(child.huoltosuhteenRajoitus),
    })),
  };
}
