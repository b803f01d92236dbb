/**
 * What the population data tells us about a citizen's life situation (docs/contracts.md "Population data"): a
 * domain type of its own, so the rules and the aggregate layer read it without importing a connector.
 * No identity codes: children are referred to by a pseudonymous, stable `ref`.
 */
export interface LifeSituationChild {
  /** Pseudonymous stable reference (HMAC of the child's identity code); equals Case.subject.ref. */
  ref: string;
  givenName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /**
   * Never shown, never a suggestion: the child's own record has a non-disclosure (turvakielto) in force, or it
   * could not be read or made sense of (a flag missing or unknown, the answer of someone else): fail closed.
   */
  restricted: boolean;
  /**
   * The child's own access-log pseudonym (audit/pseudonym.ts, the one they will have when they sign in
   * themselves): rows about the child are written under it. Absent in copies saved before it existed.
   */
  subjectPseudonym?: string;
}

export interface LifeSituationFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** Kuntanumero, three digits; null when the population register leaves it empty (nothing is inferred then). */
  homeMunicipalityCode: string | null;
  /** YYYY-MM-DD: since when the current home municipality; null when not known (or the municipality is not). */
  movedInAt: string | null;
  /** The citizen's own non-disclosure (turvakielto); true also when the register's flag is missing or unknown. */
  nonDisclosure: boolean;
  /** Minor children the citizen is guardian of. */
  children: LifeSituationChild[];
}
