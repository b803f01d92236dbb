import type { CaseStatus, KuntaErrorCode, SourceState } from '@kunta-akkuna/sdk';

export type LanguageCode = 'fi' | 'sv' | 'en';

/** Every string the widgets show. Each language file implements this whole interface, so a missing key fails the type-check. */
export interface Translation {
  $code: LanguageCode;
  /** BCP 47 locale used with Intl. */
  $locale: string;
  /** The language's own name. */
  $name: string;

  // <kunta-login>
  loginGroup: string;
  signIn: string;
  signOut: string;
  redirecting: string;
  signingOut: string;
  signedInAs: (name: string) => string;
  signedInNoName: string;
  checkingSession: string;

  // <kunta-case-status>
  casesHeading: string;
  signedOutCases: string;
  loadingCases: string;
  noCases: string;
  loadedCases: (count: number) => string;
  caseChanged: (title: string, status: string) => string;
  loadFailed: string;
  retry: string;
  status: string;
  lastChanged: string;
  nextStep: string;
  actions: string;
  showTimeline: (count: number) => string;
  hideTimeline: string;
  timeline: string;
  sourceUnavailable: (source: string) => string;
  sourceStale: (source: string, time: string) => string;
  sourceUnavailableSince: (source: string, time: string) => string;
  partialAnnouncement: string;
  notConfigured: string;

  caseStatus: Record<CaseStatus, string>;
  sourceState: Record<SourceState, string>;
  sourceName: Record<string, string>;
  errors: Record<KuntaErrorCode, string>;
}
