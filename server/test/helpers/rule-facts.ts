// Facts for rule tests: a Nivala resident, a child, and the rule clock (noon in Helsinki on a calendar day).
import type { LifeSituationFacts, RuleFacts } from '../../src/rules/facts.js';
import { loadMunicipalities } from '../../src/tenants/load-municipalities.js';

const MUNICIPALITIES = new Map(loadMunicipalities({ env: {} }).map((m) => [m.id, m]));

/** A municipality as the rules see it, from its own file (name, official code, type and Finnish cases). */
export function municipalityFacts(id: string): RuleFacts['municipality'] {
  const m = MUNICIPALITIES.get(id);
  if (!m) throw new Error(`no municipality ${id}`);
  return { code: m.code, name: m.name, type: m.type, finnishCases: m.finnishCases };
}

export const NIVALA = municipalityFacts('nivala');

/** Noon in Helsinki on a calendar day: the rule clock. */
export const on = (day: string) => new Date(`${day}T12:00:00+02:00`);

export function person(fields: Partial<LifeSituationFacts> = {}): LifeSituationFacts {
  return {
    birthDate: '1990-05-05',
    homeMunicipalityCode: '535',
    movedInAt: '2015-01-01',
    nonDisclosure: false,
    children: [],
    ...fields,
  };
}

export const child = (birthDate: string, restricted = false) => ({
  ref: `ref-${birthDate}`,
  givenName: 'Eino',
  birthDate,
  restricted,
});
