// The strings only <kunta-my-data> shows, in English: loaded with that widget, so other pages do not carry them.
import type { MyDataPart } from '../../i18n/translation.js';

const en: MyDataPart = {
  myData: {
    heading: 'Your data',
    loading: 'Loading your data…',
    loadFailed: 'Your data could not be loaded.',
    signedOut: 'Sign in to see who has used your data and what is stored about you.',
    refresh: 'Refresh',
    logHeading: 'Who has used your data',
    logIntro:
      'Every use of your data is logged (Act on Information Management in Public Administration 906/2019, section 17). Newest first.',
    logEmpty: 'Your data has not been used in this service yet.',
    logShown: (count) => (count === 1 ? 'Showing 1 use.' : `Showing ${count} uses.`),
    showMore: 'Show older',
    loadingMore: 'Loading older…',
    category: {
      cases: 'the status of your applications and cases',
      case_events: 'changes in your cases',
      life_situation: 'your population data (family and home municipality)',
      consent: 'your consent',
      access_log: 'this list of uses of your data',
      my_data: 'the data stored about you',
      my_data_export: 'a copy of your data',
      dismissals: 'suggestions you hid',
      saved_copies: 'saved copies',
      other: 'other data',
    },
    purposeShown: {
      citizen_own_data: 'shown to you in this service',
      proactive_feed: 'used for suggestions to you',
      data_subject_rights: 'shown to you when you checked your data',
      other: 'used',
    },
    purposeUsed: {
      live_updates: 'checked for changes while your page was open, not shown',
      citizen_own_data: 'used to handle your request, not shown',
      proactive_feed: 'used to hide a suggestion, not shown',
      data_subject_rights: 'used to handle your request, not shown',
      other: 'used, not shown',
    },
    deleted: 'deleted at your request',
    partly: 'some of the systems did not answer',
    thisService: 'Kunta-Akkuna',
    onBehalfOfGuardian: 'at a guardian’s request',
    holdingsHeading: 'What is stored about you',
    consentsHeading: 'Consents',
    consentNone: 'You have not given consent.',
    consentGranted: (version, date) => `Consent in force since ${date} (text version ${version}).`,
    consentWithdrawn: 'Consent withdrawn.',
    consentHistory: 'History of the consent',
    historyGranted: (date, version) => `${date}: given (version ${version})`,
    historyWithdrawn: (date) => `${date}: withdrawn`,
    dismissalsHeading: 'Hidden suggestions',
    dismissalsNone: 'You have not hidden any suggestions.',
    dismissalsCount: (count) => (count === 1 ? '1 hidden suggestion.' : `${count} hidden suggestions.`),
    savedCopiesHeading: 'Saved copies of the systems’ answers',
    savedCopiesNone: 'No copies are saved.',
    savedCopy: (source, until) => `${source}, kept until ${until}`,
    settingsHeading: 'Settings',
    settingsNone: 'No notification or update settings are stored.',
    retention: {
      accessLog: (days) => `The log is kept for ${days} days.`,
      consent: (days) =>
        `The history of a consent in force is kept; that of a withdrawn consent for ${days} days after the withdrawal.`,
      dismissals: (days) => `Hidden suggestions are kept for ${days} days.`,
      savedCopies:
        'Copies are kept encrypted only so that we can show your data while a system does not answer; they are deleted at the time above.',
    },
    actionsHeading: 'Take your data with you, or remove it',
    downloadJson: 'Download your data (JSON)',
    downloadSummary: 'Download a summary (text)',
    downloading: 'Preparing the download…',
    downloadFailed: 'The download could not be made.',
    downloaded: 'The download is ready.',
    removeDismissals: 'Remove hidden suggestions',
    removeSavedCopies: 'Remove saved copies',
    withdrawConsent: 'Withdraw consent',
    removing: 'Removing…',
    removed: {
      dismissals: (count) => `Hidden suggestions removed (${count}).`,
      saved_copies: (count) => `Saved copies removed (${count}).`,
      consent: () => 'Consent withdrawn. Its history is kept, as the law requires.',
    },
    removeFailed: 'The removal did not succeed.',
    keptHeading: 'What cannot be removed, and why',
    keptAccessLog: (days) =>
      `The log of uses of your data cannot be removed. It is kept for ${days} days, so that who used your data and why can be shown.`,
    keptWhy:
      'The Act on Information Management in Public Administration (906/2019, section 17) requires every use and disclosure of data to be logged. The history of a withdrawn consent is kept for the same reason: it shows what you had agreed to.',
    keptBackends:
      'Your applications and cases are in the municipality’s systems (for example Lupapiste and eVaka); the municipality decides on them, and you can ask the municipality for them.',
    summaryTitle: (date) => `Your data in Kunta-Akkuna, ${date}`,
    summaryIntro:
      'This is a summary of the data Kunta-Akkuna has stored about you and of the log of uses of your data.',
  },
};

export default en;
