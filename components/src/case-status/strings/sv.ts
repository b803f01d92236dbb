// The strings only <kunta-case-status> shows, in Swedish: loaded with that widget, so other pages do not carry them.
import type { CaseStatusStrings } from '../../i18n/translation.js';

const sv: CaseStatusStrings = {
  casesHeading: 'Mina ärenden',
  signedOutCases: 'Logga in för att se läget i dina ansökningar och ärenden.',
  loadingCases: 'Ärendena hämtas…',
  noCases: 'Du har inga pågående ärenden.',
  loadedCases: (count) => (count === 1 ? '1 ärende hämtat.' : `${count} ärenden hämtade.`),
  caseChanged: (title, status) => `Status för ärendet ”${title}” ändrades: ${status}.`,
  loadFailed: 'Ärendena kunde inte hämtas.',
  status: 'Status',
  lastChanged: 'Senast ändrat',
  nextStep: 'Nästa steg',
  actions: 'Åtgärder',
  showTimeline: (count) => `Visa handläggningens skeden (${count})`,
  hideTimeline: 'Dölj handläggningens skeden',
  timeline: 'Handläggningens skeden',
  sourceUnavailable: (source) => `${source}: tjänsten svarar inte just nu, så dess ärenden visas inte.`,
  sourceStale: (source, time) => `${source}: visar uppgifter från ${time}; tjänsten svarar inte just nu.`,
  sourcePartial: (source, omitted) =>
    `${source}: ${omitted === 1 ? 'ett ärende' : `${omitted} ärenden`} kan inte visas eftersom uppgifterna är ofullständiga. Övriga ärenden visas.`,
  sourceUnavailableSince: (source, time) =>
    `${source}: tjänsten svarar inte just nu, så dess ärenden visas inte. Senaste lyckade hämtning ${time}.`,
  caseTypeLabel: 'Typ av ärende',
  caseType: {
    building_permit: 'Bygglov',
    early_childhood_education: 'Småbarnspedagogik',
    home_care: 'Hemvård',
    other: 'Annat ärende',
  },
  subjectChildUnnamed: 'Ditt barns ärende',
  casesSummary: ({ action, active, done }) =>
    [
      action === 0
        ? 'Inget ärende väntar på dina åtgärder'
        : action === 1
          ? '1 ärende väntar på dina åtgärder'
          : `${action} ärenden väntar på dina åtgärder`,
      active ? `${active} under behandling` : '',
      done ? (done === 1 ? '1 avslutat' : `${done} avslutade`) : '',
    ]
      .filter(Boolean)
      .join(', ') + '.',
  caseStatus: {
    draft: 'Utkast',
    submitted: 'Skickat',
    in_progress: 'Under behandling',
    action_required: 'Kräver åtgärd av dig',
    decided: 'Avgjort',
    closed: 'Avslutat',
    cancelled: 'Återkallat',
  },
};

export default sv;
