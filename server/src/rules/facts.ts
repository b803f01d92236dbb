import type { LifeSituationFacts } from '../schemas/life-situation.js';
import type { Case } from '../schemas/case.js';
import type { MunicipalityNaming } from '../tenants/municipality-names.js';

/**
 * What the population connector tells about the citizen (docs/contracts.md, "Aggregation core"). A child's `ref`
 * is pseudonymous; `restricted` covers non-disclosure and restriction flags, and such a child never produces a
 * suggestion.
 */
export type { LifeSituationFacts, LifeSituationChild } from '../schemas/life-situation.js';

/** Everything one evaluation may look at. `person`/`cases` are null when not read (no consent, source down). */
export interface RuleFacts {
  /** Its code, and how texts name it (`{municipality:illative}` → "Kalajoelle"). */
  municipality: MunicipalityNaming & { code: string };
  person: LifeSituationFacts | null;
  cases: readonly Case[] | null;
  /**
   * False when a case system did not answer, or answered only in part (rows left out): a case may be missing, so
   * "nothing like this under way" cannot be said. Absent means complete.
   */
  casesComplete?: boolean;
}
