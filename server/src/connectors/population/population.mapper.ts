/**
 * VTJ answers → LifeSituationFacts. Pure; unit-tested in test/population.test.ts with the fixtures of
 * test/fixtures/population/. Identity codes stop here: children leave as pseudonymous refs.
 *
 * The real answers are sparse (evaka's recorded answers, DVV's vtj-vastaus-unified.xsd): the guardian answer
 * (Huoltaja-Huollettavat) has no birth date of the person, an empty `Syntymaaika` for each child and no
 * non-disclosure for any child; dates and municipality codes may be empty. So birth dates come from identity
 * codes, a child's non-disclosure from the child's own answer, and what cannot be told for sure counts as
 * restricted.
 */
import { hetuBirthDate, isValidHetu } from '../../identity/hetu.js';
import type { LifeSituationChild, LifeSituationFacts } from './population.types.js';
import type { VtjAnswer, VtjPerson } from './population.schemas.js';

/** Why an answer about the citizen cannot be used; a fixed code, for the log (never a value of the answer). */
export class VtjAnswerError extends Error {
  override name = 'VtjAnswerError';
}

/** `vvvvkkpp` → `YYYY-MM-DD` when it is a calendar date; null for empty or anything else. */
export function vtjDate(value: string | null): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = `${y}-${m}-${d}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Is a non-disclosure (turvakielto) in force? VTJ's flag (KieltoTietoTyyppi): "" or "0" not in force, "1" in force.
 * Fail closed: a missing `Turvakielto` or flag, or a value outside those three, counts as in force; so does an
 * end date (`TurvakieltoPaattymispvm`) that has not passed or cannot be read, beside a flag that says "not in
 * force": the two disagree, and a child is never shown on a doubt.
 */
export function nonDisclosureInForce(turvakielto: VtjPerson['turvakielto'], today: string): boolean {
  const flag = turvakielto?.turvakieltoTieto ?? null;
  if (flag === '1' || flag === null || (flag !== '' && flag !== '0')) return true;
  const end = turvakielto?.turvakieltoPaattymispvm ?? '';
  if (end === '') return false;
  const endDate = vtjDate(end);
  return endDate === null || endDate >= today;
}

/** The person of an answer about `identityCode`, or why there is none (a fixed code). */
function personOf(answer: VtjAnswer, identityCode: string): VtjPerson | string {
  if (answer.fault) return `fault ${answer.fault.code}`;
  if (answer.returnCode !== null && answer.returnCode !== '0000') return `return_code_${answer.returnCode}`;
  if (!answer.person) return 'no_person';
  // An answer about someone else is never used (Henkilotunnus is in every VTJ answer).
  if (answer.person.henkilotunnus !== identityCode) return 'other_person';
  return answer.person;
}

/** The valid identity codes of the minors in the guardian answer (to ask each child's own record). */
export function dependantIdentityCodes(guardian: VtjAnswer): string[] {
  const codes = (guardian.person?.huollettavat ?? []).map((h) => h.henkilotunnus).filter(isValidHetu);
  return [...new Set(codes)];
}

/** The first of the given names; '' when there is none or it is not plain text (a control character). */
function firstName(names: string | null): string {
  const first = names?.trim().split(/\s+/)[0] ?? '';
  return [...first].some((char) => char.charCodeAt(0) < 0x20) ? '' : first;
}

export interface PopulationAnswers {
  /** The identity code the guardian answer was asked for. */
  identityCode: string;
  /** Huoltaja-Huollettavat about the citizen. */
  guardian: VtjAnswer;
  /** Each child's own answer (Perussanoma 3) by identity code; null or absent when it could not be read. */
  children: ReadonlyMap<string, VtjAnswer | null>;
  /** YYYY-MM-DD in Europe/Helsinki, for non-disclosure end dates. */
  today: string;
}

export function mapPopulationAnswers(
  answers: PopulationAnswers,
  childRef: (identityCode: string) => string,
  childPseudonym?: (identityCode: string) => string,
): LifeSituationFacts {
  const citizen = personOf(answers.guardian, answers.identityCode);
  if (typeof citizen === 'string') throw new VtjAnswerError(citizen);
  const birthDate = hetuBirthDate(answers.identityCode);
  if (!birthDate) throw new VtjAnswerError('invalid_identity_code');

  // Kuntanumero "3 digits or empty": empty means unknown, and then no move-in date is told either.
  const code = citizen.kotikunta?.kuntanumero ?? '';
  const homeMunicipalityCode = /^\d{3}$/.test(code) ? code : null;
  const movedInAt = homeMunicipalityCode ? vtjDate(citizen.kotikunta?.kuntasuhdeAlkupvm ?? null) : null;

  const children: LifeSituationChild[] = [];
  for (const identityCode of dependantIdentityCodes(answers.guardian)) {
    const listed = citizen.huollettavat.find((h) => h.henkilotunnus === identityCode);
    const own = answers.children.get(identityCode) ?? null;
    const ownPerson = own ? personOf(own, identityCode) : 'unread';
    // VTJ's Kuollut: "" alive, "1" deceased. A deceased child is no one's to suggest anything for.
    if (typeof ownPerson !== 'string' && ownPerson.kuollut === '1') continue;
    // Syntymaaika is empty in real guardian answers: the identity code (valid: dependantIdentityCodes) tells the date.
    const childBirthDate = vtjDate(listed?.syntymaaika ?? null) ?? (hetuBirthDate(identityCode) as string);
    const givenName =
      firstName(listed?.etunimet ?? null) || firstName(typeof ownPerson === 'string' ? null : ownPerson.etunimet);
    const restricted =
      typeof ownPerson === 'string' ||
      nonDisclosureInForce(ownPerson.turvakielto, answers.today) ||
      ownPerson.kuollut !== '' ||
      // A child we cannot name cannot be shown truthfully.
      givenName === '';
    children.push({
      ref: childRef(identityCode),
      givenName,
      birthDate: childBirthDate,
      restricted,
      ...(childPseudonym ? { subjectPseudonym: childPseudonym(identityCode) } : {}),
    });
  }

  return {
    birthDate,
    homeMunicipalityCode,
    movedInAt,
    nonDisclosure: nonDisclosureInForce(citizen.turvakielto, answers.today),
    children,
  };
}
