import { hetuBirthDate } from '../identity/hetu.js';
import { ageOn, helsinkiDate } from '../lib/calendar.js';
import type { LifeSituationFacts } from '../rules/facts.js';
import type { LogScope } from './my-data.js';

/** The age at which a person's access-log rows written at a guardian's request become theirs to see. */
export const AGE_OF_MAJORITY = 18;

/**
 * Whose access-log rows a citizen sees, from the population data (reference/backends.md §4):
 * - their own requests' rows about themselves, always;
 * - rows a guardian's requests wrote about them, once they are of age (until then they are the guardian's);
 * - each minor child's rows while the population data lists them as the citizen's ward and no restriction
 *   applies (non-disclosure, or a record that could not be read: `restricted`, fail closed);
 * - no child's rows when the population data cannot be had (`facts` null).
 */
export function logScopeOf(
  viewer: { pseudonym: string; identityCode: string },
  facts: LifeSituationFacts | null,
  now: Date,
): LogScope {
  const birthDate = hetuBirthDate(viewer.identityCode);
  const ofAge = birthDate !== null && ageOn(birthDate, helsinkiDate(now)) >= AGE_OF_MAJORITY;
  const today = helsinkiDate(now);
  const children = (facts?.children ?? []).flatMap((child) =>
    !child.restricted && child.subjectPseudonym && ageOn(child.birthDate, today) < AGE_OF_MAJORITY
      ? [{ pseudonym: child.subjectPseudonym, givenName: child.givenName }]
      : [],
  );
  return { self: viewer.pseudonym, seesGuardianRowsAboutSelf: ofAge, children };
}
