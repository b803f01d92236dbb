/**
 * What the citizen reads about an eVaka application, fi/sv/en. Status words are eVaka's own, from its citizen UI
 * (espoon-voltti/evaka frontend/src/lib-customizations/defaults/citizen/i18n/{fi,sv,en}.tsx,
 * `applicationsList` and `decisions.applicationDecisions`), so the citizen reads the same word here and in eVaka.
 */
import type { LocalizedText } from '../../schemas/common.js';
import type { CitizenApplicationSummary, DecisionSummary, EvakaApplicationStatus } from './evaka.schemas.js';

export const EVAKA_TITLES: Readonly<Record<CitizenApplicationSummary['type'], LocalizedText>> = {
  DAYCARE: {
    fi: 'Varhaiskasvatushakemus',
    sv: 'Ansökan om småbarnspedagogik',
    en: 'Early childhood education application',
  },
  PRESCHOOL: { fi: 'Esiopetushakemus', sv: 'Ansökan om förskoleundervisning', en: 'Pre-school application' },
  CLUB: { fi: 'Kerhohakemus', sv: 'Ansökan till klubbverksamhet', en: 'Club application' },
};

export const EVAKA_LABELS = {
  created: { fi: 'Hakemus luotu', sv: 'Ansökan skapad', en: 'Application created' },
  sent: { fi: 'Lähetetty', sv: 'Skickat', en: 'Sent' },
} as const satisfies Record<string, LocalizedText>;

const decisionSent = (fi: string, sv: string, en: string): LocalizedText => ({
  fi: `Päätös lähetetty: ${fi}`,
  sv: `Beslut skickat: ${sv}`,
  en: `Decision sent: ${en}`,
});

export const EVAKA_DECISION_LABELS: {
  sent: Readonly<Record<DecisionSummary['type'], LocalizedText>>;
  ACCEPTED: LocalizedText;
  REJECTED: LocalizedText;
} = {
  sent: {
    CLUB: decisionSent('kerho', 'klubbverksamhet', 'club'),
    DAYCARE: decisionSent('varhaiskasvatus', 'småbarnspedagogik', 'early childhood education'),
    DAYCARE_PART_TIME: decisionSent(
      'osa-aikainen varhaiskasvatus',
      'småbarnspedagogik på deltid',
      'part-time early childhood education',
    ),
    PRESCHOOL: decisionSent('esiopetus', 'förskoleundervisning', 'pre-school education'),
    PRESCHOOL_DAYCARE: decisionSent(
      'liittyvä varhaiskasvatus',
      'kompletterande småbarnspedagogik',
      'connected early childhood education',
    ),
    PRESCHOOL_CLUB: decisionSent('esiopetuksen kerho', 'förskolans klubbverksamhet', 'pre-school club'),
    PREPARATORY_EDUCATION: decisionSent('valmistava opetus', 'förberedande undervisning', 'preparatory education'),
  },
  ACCEPTED: { fi: 'Paikka vahvistettu', sv: 'Platsen bekräftad', en: 'Place confirmed' },
  REJECTED: { fi: 'Paikasta kieltäydytty', sv: 'Platsen avvisad', en: 'Place rejected' },
};

export const EVAKA_NEXT_STEPS: Partial<Record<EvakaApplicationStatus, LocalizedText>> = {
  CREATED: {
    fi: 'Hakemus on luonnos. Täydennä se ja lähetä.',
    sv: 'Ansökan är ett utkast. Fyll i den och skicka den.',
    en: 'The application is a draft. Complete it and send it.',
  },
  SENT: {
    fi: 'Hakemus on lähetetty. Sinun ei tarvitse tehdä mitään.',
    sv: 'Ansökan har skickats. Du behöver inte göra något.',
    en: 'The application has been sent. You do not need to do anything.',
  },
  WAITING_PLACEMENT: {
    fi: 'Hakemus on käsiteltävänä. Saat päätöksen eVakaan.',
    sv: 'Ansökan bearbetas. Du får beslutet i eVaka.',
    en: 'The application is being processed. You will receive the decision in eVaka.',
  },
  WAITING_UNIT_CONFIRMATION: {
    fi: 'Hakemus on käsiteltävänä. Saat päätöksen eVakaan.',
    sv: 'Ansökan bearbetas. Du får beslutet i eVaka.',
    en: 'The application is being processed. You will receive the decision in eVaka.',
  },
  WAITING_DECISION: {
    fi: 'Hakemus on käsiteltävänä. Saat päätöksen eVakaan.',
    sv: 'Ansökan bearbetas. Du får beslutet i eVaka.',
    en: 'The application is being processed. You will receive the decision in eVaka.',
  },
  WAITING_MAILING: {
    fi: 'Hakemus on käsiteltävänä. Saat päätöksen eVakaan.',
    sv: 'Ansökan bearbetas. Du får beslutet i eVaka.',
    en: 'The application is being processed. You will receive the decision in eVaka.',
  },
  WAITING_CONFIRMATION: {
    fi: 'Vahvista paikka tai kieltäydy siitä viimeistään kahden viikon kuluessa päätöksestä.',
    sv: 'Bekräfta eller avvisa platsen senast två veckor från beslutet.',
    en: 'Accept or reject the place no later than two weeks from the decision.',
  },
};

export const EVAKA_ACTIONS = {
  continue: { fi: 'Jatka hakemusta', sv: 'Fortsätt med ansökan', en: 'Continue the application' },
  edit: { fi: 'Muokkaa hakemusta', sv: 'Uppdatera ansökan', en: 'Edit application' },
  open: { fi: 'Näytä hakemus', sv: 'Visa ansökan', en: 'Open application' },
  confirm: { fi: 'Lue ja vahvista', sv: 'Gå vidare för att bekräfta', en: 'Review and confirm the decision' },
  decisions: { fi: 'Näytä päätökset', sv: 'Visa besluten', en: 'Show the decisions' },
} as const satisfies Record<string, LocalizedText>;
