// The strings only <kunta-case-status> shows, in English: loaded with that widget, so other pages do not carry them.
import type { CaseStatusStrings } from '../../i18n/translation.js';

const en: CaseStatusStrings = {
  casesHeading: 'My cases',
  signedOutCases: 'Sign in to see where your applications and cases stand.',
  loadingCases: 'Loading your cases…',
  noCases: 'You have no open cases.',
  loadedCases: (count) => (count === 1 ? '1 case loaded.' : `${count} cases loaded.`),
  caseChanged: (title, status) => `The status of “${title}” changed: ${status}.`,
  loadFailed: 'Your cases could not be loaded.',
  status: 'Status',
  lastChanged: 'Last changed',
  nextStep: 'Next step',
  actions: 'Actions',
  showTimeline: (count) => `Show processing steps (${count})`,
  hideTimeline: 'Hide processing steps',
  timeline: 'Processing steps',
  sourceUnavailable: (source) => `${source}: the service is not answering right now, so its cases are not shown.`,
  sourceStale: (source, time) => `${source}: showing information from ${time}; the service is not answering right now.`,
  sourcePartial: (source, omitted) =>
    `${source}: ${omitted === 1 ? 'one case' : `${omitted} cases`} cannot be shown because the data is incomplete. The other cases are shown.`,
  sourceUnavailableSince: (source, time) =>
    `${source}: the service is not answering right now, so its cases are not shown. Last successful update ${time}.`,
  caseTypeLabel: 'Type of case',
  caseType: {
    building_permit: 'Building permit',
    early_childhood_education: 'Early childhood education',
    home_care: 'Home care',
    other: 'Other case',
  },
  subjectChildUnnamed: 'Your child’s case',
  casesSummary: ({ action, active, done }) =>
    [
      action === 0
        ? 'No case needs your action'
        : action === 1
          ? '1 case needs your action'
          : `${action} cases need your action`,
      active ? `${active} in progress` : '',
      done ? `${done} ended` : '',
    ]
      .filter(Boolean)
      .join(', ') + '.',
  caseStatus: {
    draft: 'Draft',
    submitted: 'Submitted',
    in_progress: 'In progress',
    action_required: 'Needs your action',
    decided: 'Decided',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
};

export default en;
