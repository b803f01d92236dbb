import type {
  CaseStatus,
  FeedItemKind,
  FeedWindow,
  KuntaErrorCode,
  SourceState,
  ServiceChannel,
} from '@kunta-akkuna/sdk';

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
  /** Some of the source's rows did not validate and are left out (status `partial`). */
  sourcePartial: (source: string, omitted: number) => string;
  sourceUnavailableSince: (source: string, time: string) => string;
  partialAnnouncement: string;
  notConfigured: string;
  /** A time of today, e.g. fi "klo 10.42". */
  todayAt: (time: string) => string;
  caseTypeLabel: string;
  /** By `Case.type`; `other` is used for a type not listed. */
  caseType: Record<string, string>;
  /** Whose case: the child's given name, e.g. "Lapsi: Eino". */
  subjectChild: (givenName: string) => string;
  subjectChildUnnamed: string;
  /** The one-line summary read first: cases waiting for the citizen, in progress, and done. */
  casesSummary: (counts: { action: number; active: number; done: number }) => string;

  // <kunta-service-feed>
  feed: FeedStrings;

  // <kunta-notices>, and the notices inside the other widgets
  notices: NoticeStrings;
  // <kunta-notice-admin> (the staff page /admin/; fi and sv for staff, en too)
  noticeAdmin: NoticeAdminStrings;
  // <kunta-my-data>
  myData: MyDataStrings;

  caseStatus: Record<CaseStatus, string>;
  sourceState: Record<SourceState, string>;
  sourceName: Record<string, string>;
  errors: Record<KuntaErrorCode, string>;
}

/** The municipality as the consent texts name it (from its public settings). */
export interface ConsentOrganisation {
  /** Its name in the text's language (for Finnish, the nominative). */
  name: string;
  /** Finnish genitive of the name ("Sievin"), for "Sievin kunta". */
  genitive: string;
  type: 'kaupunki' | 'kunta';
}

/**
 * The strings only <kunta-case-status> shows: in src/case-status/strings/<lang>.ts, a file per language loaded with
 * that widget (its `static strings`), so that a page without it does not carry them. A widget's own part is a
 * `Pick` of `Translation`, so the widget code keeps one `Translation` and a missing key still fails the type-check.
 */
export type CaseStatusStrings = Pick<
  Translation,
  | 'casesHeading'
  | 'signedOutCases'
  | 'loadingCases'
  | 'noCases'
  | 'loadedCases'
  | 'caseChanged'
  | 'loadFailed'
  | 'status'
  | 'lastChanged'
  | 'nextStep'
  | 'actions'
  | 'showTimeline'
  | 'hideTimeline'
  | 'timeline'
  | 'sourceUnavailable'
  | 'sourceStale'
  | 'sourcePartial'
  | 'sourceUnavailableSince'
  | 'caseTypeLabel'
  | 'caseType'
  | 'subjectChildUnnamed'
  | 'casesSummary'
  | 'caseStatus'
>;

/** The strings of the staff page (src/notice-admin/strings/<lang>.ts): never on a citizen's page. */
export type NoticeAdminPart = Pick<Translation, 'noticeAdmin'>;
/** The strings of <kunta-my-data> (src/my-data/strings/<lang>.ts), loaded with that widget only. */
export type MyDataPart = Pick<Translation, 'myData'>;

/** What src/i18n/<lang>.ts holds: every string except the widgets' own parts. */
export type CommonStrings = Omit<Translation, keyof CaseStatusStrings | keyof NoticeAdminPart | keyof MyDataPart>;

/**
 * Strings of <kunta-service-feed>. The consent texts (`consent*`) are what the citizen agrees to: change them in
 * every language together and raise `CONSENT_TEXT_VERSION` in service-feed.ts, so the recorded version names them.
 */
export interface FeedStrings {
  heading: string;
  loading: string;
  loadFailed: string;
  signedOutHint: string;
  noticesHeading: string;
  featuredHeading: string;
  otherServices: string;
  generalEmpty: string;
  personalHeading: string;
  personalEmpty: string;
  /** The heading of the municipality's general services, shown to everyone. */
  generalHeading: string;
  /** Says that the general services were not chosen from the citizen's data. */
  generalNote: string;
  loaded: (count: number) => string;
  kind: Record<FeedItemKind, string>;
  /** A notice's last day. */
  validUntil: (date: string) => string;
  /** The real period of what a suggestion suggests. */
  window: {
    range: Record<FeedWindow['kind'], (from: string, to: string) => string>;
    opens: Record<FeedWindow['kind'], (date: string) => string>;
    closes: Record<FeedWindow['kind'], (date: string) => string>;
  };
  /** The accessible name of an item's list of channels. */
  channelsLabel: string;
  /** What each kind of channel is, before its link, number or address. */
  channel: Record<ServiceChannel['type'], string>;
  alwaysOpen: string;
  closed: string;
  why: string;
  dataUsed: string;
  legalBasis: string;
  notRelevant: string;
  dismissed: (title: string) => string;
  dismissFailed: (title: string) => string;
  consentHeading: string;
  /** Who asks for consent: the municipality by its own name and type, or a generic word before its settings load. */
  consentIntro: (who: ConsentOrganisation | undefined) => string;
  consentData: (who: ConsentOrganisation | undefined) => string[];
  consentPurpose: string;
  consentWithdrawInfo: string;
  allow: string;
  consentSaving: string;
  consentGranted: string;
  consentFailed: string;
  withdraw: string;
  withdrawInfo: string;
  withdrawing: string;
  consentWithdrawn: string;
  withdrawFailed: string;
  sourceUnavailable: (source: string) => string;
  sourceStale: (source: string, time: string) => string;
  /** Some of the source's rows did not validate and are left out (status `partial`). */
  sourcePartial: (source: string, omitted: number) => string;
  sourceUnavailableSince: (source: string, time: string) => string;
  /** PTV life events (ptvelti), by top-level code. */
  lifeEvent: Record<string, string>;
}

/** Strings of the municipality's notices (<kunta-notices> and the notices inside the other widgets). */
export interface NoticeStrings {
  /** The accessible name of the notices region. */
  label: string;
  loading: string;
  loadFailed: string;
  severity: Record<'info' | 'warning' | 'critical', string>;
  /** The button that hides an info or warning notice for this visit. */
  dismiss: (title: string) => string;
  dismissed: (title: string) => string;
  readMore: string;
  /** A notice that has not started yet (a planned break). */
  upcoming: (start: string, end: string) => string;
  /** A notice that is in force. */
  until: (end: string) => string;
  /** An outage notice: the source, what its data is, and when it last answered (a time, or '' when unknown). */
  outage: (source: string, data: string, time: string) => string;
  /** What each source's data is, in the outage sentence ("rakennuslupien tiedot"). */
  sourceData: Record<string, string>;
  /** The API did not answer: the copy saved in this browser is shown, with its time. */
  asOf: (time: string) => string;
  /** The heading above the services a critical notice links to. */
  linkedServices: string;
}

/** Strings of the staff page for notices. */
export interface NoticeAdminStrings {
  heading: string;
  signIn: string;
  signOut: string;
  signedInAs: (name: string) => string;
  signedOutIntro: string;
  notAllowed: string;
  municipality: string;
  listHeading: string;
  empty: string;
  newNotice: string;
  editNotice: (title: string) => string;
  severity: string;
  titleIn: (language: string) => string;
  bodyIn: (language: string) => string;
  linkHref: string;
  linkHint: string;
  topics: string;
  topicsHint: string;
  visibleFrom: string;
  visibleFromHint: string;
  startsAt: string;
  endsAt: string;
  preview: string;
  previewHeading: string;
  publish: string;
  save: string;
  cancel: string;
  edit: (title: string) => string;
  end: (title: string) => string;
  history: (title: string) => string;
  historyHeading: string;
  status: Record<'scheduled' | 'visible' | 'active' | 'ended', string>;
  action: Record<'created' | 'updated' | 'ended', string>;
  saved: string;
  ended: string;
  saveFailed: (detail: string) => string;
  required: string;
  language: Record<'fi' | 'sv' | 'en', string>;
}

/**
 * Strings of <kunta-my-data>. The retention and legal-basis sentences say what docs/privacy.md says; change them
 * together.
 */
export interface MyDataStrings {
  heading: string;
  loading: string;
  loadFailed: string;
  signedOut: string;
  refresh: string;
  logHeading: string;
  logIntro: string;
  logEmpty: string;
  /** How many rows are shown, e.g. for the summary line and the announcement. */
  logShown: (count: number) => string;
  showMore: string;
  loadingMore: string;
  /** By access-log data category; `other` for one not listed. */
  category: Record<string, string>;
  /** Why, when the data was shown to the citizen (outcome disclosed), by purpose; `other` for one not listed. */
  purposeShown: Record<string, string>;
  /** Why, when the data was used but not shown (outcome used), by purpose; `other` for one not listed. */
  purposeUsed: Record<string, string>;
  /** The outcome `deleted`. */
  deleted: string;
  /** Some of the systems did not answer (outcome disclosed_partial). */
  partly: string;
  /** The service itself, when no back end was read. */
  thisService: string;
  onBehalfOfGuardian: string;
  holdingsHeading: string;
  consentsHeading: string;
  consentNone: string;
  consentGranted: (version: string, date: string) => string;
  consentWithdrawn: string;
  consentHistory: string;
  historyGranted: (date: string, version: string) => string;
  historyWithdrawn: (date: string) => string;
  dismissalsHeading: string;
  dismissalsNone: string;
  dismissalsCount: (count: number) => string;
  savedCopiesHeading: string;
  savedCopiesNone: string;
  savedCopy: (source: string, until: string) => string;
  settingsHeading: string;
  settingsNone: string;
  retention: {
    accessLog: (days: number) => string;
    consent: (days: number) => string;
    dismissals: (days: number) => string;
    savedCopies: string;
  };
  actionsHeading: string;
  downloadJson: string;
  downloadSummary: string;
  downloading: string;
  downloadFailed: string;
  downloaded: string;
  removeDismissals: string;
  removeSavedCopies: string;
  withdrawConsent: string;
  removing: string;
  removed: Record<'dismissals' | 'saved_copies' | 'consent', (count: number) => string>;
  removeFailed: string;
  keptHeading: string;
  keptAccessLog: (days: number) => string;
  keptWhy: string;
  keptBackends: string;
  /** The downloaded summary's own texts. */
  summaryTitle: (date: string) => string;
  summaryIntro: string;
}
