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
  /** Non-disclosure (turvakielto) or another restriction: never shown, never a suggestion. */
  restricted: boolean;
}

export interface LifeSituationFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** Kuntanumero, three digits. */
  homeMunicipalityCode: string;
  /** YYYY-MM-DD: since when the current home municipality; null when not known. */
  movedInAt: string | null;
  /** The citizen's own non-disclosure (turvakielto). */
  nonDisclosure: boolean;
  /** Minor children the citizen is guardian of. */
  children: LifeSituationChild[];
}
