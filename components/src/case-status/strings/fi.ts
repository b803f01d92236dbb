// The strings only <kunta-case-status> shows, in Finnish: loaded with that widget, so other pages do not carry them.
import type { CaseStatusStrings } from '../../i18n/translation.js';

const fi: CaseStatusStrings = {
  casesHeading: 'Omat asiat',
  signedOutCases: 'Kirjaudu sisään, niin näet hakemustesi ja asioidesi tilanteen.',
  loadingCases: 'Haetaan asioita…',
  noCases: 'Sinulla ei ole vireillä olevia asioita.',
  loadedCases: (count) => (count === 1 ? '1 asia haettu.' : `${count} asiaa haettu.`),
  caseChanged: (title, status) => `Asian ”${title}” tila muuttui: ${status}.`,
  loadFailed: 'Asioiden haku epäonnistui.',
  status: 'Tila',
  lastChanged: 'Viimeksi muuttunut',
  nextStep: 'Seuraava vaihe',
  actions: 'Toiminnot',
  showTimeline: (count) => `Näytä käsittelyn vaiheet (${count})`,
  hideTimeline: 'Piilota käsittelyn vaiheet',
  timeline: 'Käsittelyn vaiheet',
  sourceUnavailable: (source) => `${source}: palvelu ei juuri nyt vastaa, joten sen asioita ei näytetä.`,
  sourceStale: (source, time) => `${source}: näytetään tiedot ajalta ${time}; palvelu ei juuri nyt vastaa.`,
  sourcePartial: (source, omitted) =>
    `${source}: ${omitted === 1 ? 'yhtä asiaa' : `${omitted} asiaa`} ei voida näyttää, koska sen tiedot ovat puutteelliset. Muut asiat näytetään.`,
  sourceUnavailableSince: (source, time) =>
    `${source}: palvelu ei juuri nyt vastaa, joten sen asioita ei näytetä. Viimeisin onnistunut haku ${time}.`,
  caseTypeLabel: 'Asian laji',
  caseType: {
    building_permit: 'Rakennuslupa',
    early_childhood_education: 'Varhaiskasvatus',
    home_care: 'Kotihoito',
    other: 'Muu asia',
  },
  subjectChildUnnamed: 'Lapsesi asia',
  casesSummary: ({ action, active, done }) =>
    [
      action === 0
        ? 'Mikään asia ei odota toimiasi'
        : action === 1
          ? '1 asia odottaa toimiasi'
          : `${action} asiaa odottaa toimiasi`,
      active ? `${active} käsittelyssä` : '',
      done ? (done === 1 ? '1 päättynyt' : `${done} päättynyttä`) : '',
    ]
      .filter(Boolean)
      .join(', ') + '.',
  caseStatus: {
    draft: 'Luonnos',
    submitted: 'Lähetetty',
    in_progress: 'Käsittelyssä',
    action_required: 'Vaatii toimiasi',
    decided: 'Päätetty',
    closed: 'Päättynyt',
    cancelled: 'Peruttu',
  },
};

export default fi;
