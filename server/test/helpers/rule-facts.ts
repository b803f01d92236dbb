// Facts for rule tests: a Nivala resident, a child, and the rule clock (noon in Helsinki on a calendar day).
import type { LifeSituationFacts } from '../../src/rules/facts.js';

export const NIVALA = { code: '535', name: { fi: 'Nivala', sv: 'Nivala', en: 'Nivala' } };

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
