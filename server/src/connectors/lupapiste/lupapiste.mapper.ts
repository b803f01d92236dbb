/**
 * Lupapiste rows → unified Cases. Pure: no I/O, no clock; unit-tested in test/lupapiste-mapper.test.ts.
 *
 * Status mapping (Lupapiste state graph, reference/backends.md §5.1), and why:
 * - draft, open → draft: the citizen is still preparing the application.
 * - submitted → submitted: handed in, the authority has not started.
 * - sent, underReview → in_progress: the authority is processing.
 * - complementNeeded → action_required: the citizen must add documents.
 * - verdictGiven (and the verdict-like states of other permit graphs) → decided: there is a decision; the
 *   next step (start notice) is the citizen's, shown in `nextStep`.
 * - constructionStarted, inUse, onHold → in_progress: the permit is being used; inspections are pending and the
 *   case is not over until the final inspection closes it.
 * - appealed → in_progress: the decision has been appealed and is not final.
 * - closed, extinct, finished, archived → closed; canceled → cancelled.
 * - anything unknown → in_progress (the raw state stays visible in `sourceStatus`).
 */
import type { Case, CaseStatus } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import type { LupapisteApplicationRow } from './lupapiste.schemas.js';

export const LUPAPISTE_SOURCE_ID = 'lupapiste';

export interface LupapisteMapperOptions {
  /** Lupapiste's public address, for deep links (config `sources.lupapiste.publicUrl`). */
  publicUrl: string;
}

const STATUS_BY_STATE: Readonly<Record<string, CaseStatus>> = {
  draft: 'draft',
  open: 'draft',
  submitted: 'submitted',
  sent: 'in_progress',
  underReview: 'in_progress',
  complementNeeded: 'action_required',
  verdictGiven: 'decided',
  foremanVerdictGiven: 'decided',
  acknowledged: 'decided',
  agreementPrepared: 'decided',
  agreementSigned: 'decided',
  ready: 'decided',
  final: 'decided',
  constructionStarted: 'in_progress',
  inUse: 'in_progress',
  onHold: 'in_progress',
  appealed: 'in_progress',
  closed: 'closed',
  extinct: 'closed',
  finished: 'closed',
  archived: 'closed',
  canceled: 'cancelled',
};

export function unifiedStatus(state: string): CaseStatus {
  return STATUS_BY_STATE[state] ?? 'in_progress';
}

// Labels follow Lupapiste's own UI texts where they exist (resources/i18n/common.txt, verdict.txt).
const STATE_LABELS: Readonly<Record<string, LocalizedText>> = {
  draft: { fi: 'Luonnos', sv: 'Utkast', en: 'Draft' },
  open: { fi: 'Näkyy viranomaiselle', sv: 'Synlig för myndigheten', en: 'Visible to the authority' },
  submitted: { fi: 'Jätetty', sv: 'Inlämnad', en: 'Submitted' },
  sent: { fi: 'Käsittelyssä', sv: 'Under behandling', en: 'Being processed' },
  underReview: { fi: 'Käsittelyssä', sv: 'Under behandling', en: 'Being processed' },
  complementNeeded: { fi: 'Täydennettävä', sv: 'Komplettering begärd', en: 'Complement requested' },
  verdictGiven: { fi: 'Päätös annettu', sv: 'Beslut givet', en: 'Verdict given' },
  constructionStarted: { fi: 'Rakennustyöt aloitettu', sv: 'Byggarbetet påbörjat', en: 'Construction started' },
  inUse: { fi: 'Otettu käyttöön', sv: 'Tagen i bruk', en: 'Taken into use' },
  onHold: { fi: 'Keskeytetty', sv: 'Avbruten', en: 'On hold' },
  appealed: { fi: 'Päätöksestä valitettu', sv: 'Beslutet överklagat', en: 'Decision appealed' },
  closed: { fi: 'Valmistunut', sv: 'Slutförd', en: 'Completed' },
  extinct: { fi: 'Rauennut', sv: 'Förfallen', en: 'Lapsed' },
  finished: { fi: 'Valmis', sv: 'Klar', en: 'Finished' },
  canceled: { fi: 'Peruutettu', sv: 'Återkallad', en: 'Cancelled' },
};

export function stateLabel(state: string): LocalizedText {
  return STATE_LABELS[state] ?? { fi: state, sv: state, en: state };
}

const OPERATION_LABELS: Readonly<Record<string, LocalizedText>> = {
  pientalo: {
    fi: 'Asuinpientalon rakentaminen',
    sv: 'Uppförande av småhus',
    en: 'Building a detached house',
  },
  'vapaa-ajan-asuinrakennus': {
    fi: 'Vapaa-ajan asuinrakennuksen rakentaminen',
    sv: 'Uppförande av fritidsbostad',
    en: 'Building a holiday home',
  },
  aloitusoikeus: {
    fi: 'Aloitusoikeus',
    sv: 'Rätt att påbörja arbetet',
    en: 'Right to start work',
  },
  purkaminen: {
    fi: 'Rakennuksen purkaminen',
    sv: 'Rivning av byggnad',
    en: 'Demolishing a building',
  },
  'kerrostalo-rivitalo': {
    fi: 'Kerros- tai rivitalon rakentaminen',
    sv: 'Uppförande av flervåningshus eller radhus',
    en: 'Building a block of flats or terraced house',
  },
  'sisatila-muutos': {
    fi: 'Sisätilojen muutos',
    sv: 'Ändring av inomhusutrymmen',
    en: 'Interior alteration',
  },
};
const GENERIC_OPERATION: LocalizedText = { fi: 'Rakennuslupa', sv: 'Bygglov', en: 'Building permit' };

const NEXT_STEPS: Readonly<Record<string, LocalizedText>> = {
  draft: {
    fi: 'Täydennä hakemus ja jätä se käsiteltäväksi.',
    sv: 'Fyll i ansökan och lämna in den för behandling.',
    en: 'Complete the application and submit it for processing.',
  },
  open: {
    fi: 'Täydennä hakemus ja jätä se käsiteltäväksi.',
    sv: 'Fyll i ansökan och lämna in den för behandling.',
    en: 'Complete the application and submit it for processing.',
  },
  submitted: {
    fi: 'Rakennusvalvonta ottaa hakemuksen käsittelyyn. Sinun ei tarvitse tehdä mitään.',
    sv: 'Byggnadstillsynen tar upp ansökan till behandling. Du behöver inte göra något.',
    en: 'The building control office will take up the application. You do not need to do anything.',
  },
  sent: {
    fi: 'Rakennusvalvonta käsittelee hakemusta. Sinun ei tarvitse tehdä mitään.',
    sv: 'Byggnadstillsynen behandlar ansökan. Du behöver inte göra något.',
    en: 'The building control office is processing the application. You do not need to do anything.',
  },
  complementNeeded: {
    fi: 'Lisää puuttuvat asiakirjat hakemukseen.',
    sv: 'Lägg till de handlingar som saknas i ansökan.',
    en: 'Add the missing documents to the application.',
  },
  verdictGiven: {
    fi: 'Tee aloitusilmoitus ennen rakennustöiden aloittamista.',
    sv: 'Lämna in anmälan om påbörjande innan byggarbetet inleds.',
    en: 'Submit the start notice before construction begins.',
  },
  constructionStarted: {
    fi: 'Tilaa lupapäätöksessä määrätyt katselmukset töiden edetessä.',
    sv: 'Beställ de syner som bestämts i lovbeslutet när arbetet framskrider.',
    en: 'Book the inspections required by the permit as the work progresses.',
  },
  inUse: {
    fi: 'Tilaa loppukatselmus, kun rakennustyöt ovat valmiit.',
    sv: 'Beställ slutsyn när byggarbetet är klart.',
    en: 'Book the final inspection when the construction work is complete.',
  },
  onHold: {
    fi: 'Rakennustyöt on keskeytetty. Ota yhteyttä rakennusvalvontaan.',
    sv: 'Byggarbetet har avbrutits. Kontakta byggnadstillsynen.',
    en: 'The construction work has been halted. Contact the building control office.',
  },
  appealed: {
    fi: 'Päätöksestä on valitettu. Odota valituksen käsittelyä ennen töiden aloittamista.',
    sv: 'Beslutet har överklagats. Vänta på att besvären behandlas innan du inleder arbetet.',
    en: 'The decision has been appealed. Wait for the appeal to be decided before starting work.',
  },
};

const COMPLEMENT_ACTION_LABEL: LocalizedText = {
  fi: 'Täydennä hakemusta',
  sv: 'Komplettera ansökan',
  en: 'Complete the application',
};

/** Information requests (neuvontapyyntö) are questions to the authority, not permit cases. */
export function isPermitApplication(row: LupapisteApplicationRow): boolean {
  return row.infoRequest !== true;
}

export function mapLupapisteApplication(row: LupapisteApplicationRow, options: LupapisteMapperOptions): Case {
  const operation = OPERATION_LABELS[row.primaryOperation] ?? GENERIC_OPERATION;
  const address = row.address.trim();
  const title: LocalizedText = address
    ? { fi: `${operation.fi}, ${address}`, sv: `${operation.sv}, ${address}`, en: `${operation.en}, ${address}` }
    : { ...operation };

  const timeline = [...row.history]
    .sort((a, b) => a.ts - b.ts)
    .map((entry) => ({
      at: new Date(entry.ts).toISOString(),
      status: unifiedStatus(entry.state),
      label: stateLabel(entry.state),
    }));

  const actions =
    row.state === 'complementNeeded'
      ? [{ label: { ...COMPLEMENT_ACTION_LABEL }, href: applicationDeepLink(options.publicUrl, row.id) }]
      : [];

  const nextStep = NEXT_STEPS[row.state];
  return {
    id: `${LUPAPISTE_SOURCE_ID}:${row.id}`,
    source: LUPAPISTE_SOURCE_ID,
    type: 'building_permit',
    title,
    status: unifiedStatus(row.state),
    sourceStatus: row.state,
    timeline,
    nextStep: nextStep ? { ...nextStep } : null,
    actions,
    subject: { kind: 'self' },
    updatedAt: new Date(row.modified).toISOString(),
  };
}

/** The applicant's view of one application in Lupapiste. */
export function applicationDeepLink(publicUrl: string, applicationId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/app/fi/applicant#!/application/${encodeURIComponent(applicationId)}`;
}

/** Newest first: what the citizen touched or was told about last is what they look for first. */
export function mapLupapisteApplications(rows: LupapisteApplicationRow[], options: LupapisteMapperOptions): Case[] {
  return rows
    .filter(isPermitApplication)
    .map((row) => mapLupapisteApplication(row, options))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
