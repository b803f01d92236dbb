/**
 * Lupapiste `applications-search` rows → unified Cases. Pure: no I/O, no clock; tested in test/lupapiste-*.test.ts.
 *
 * - Rows are validated one by one: a bad row is skipped with a fixed reason, the others are shown.
 * - Only rows the municipality controls are kept (municipality code and organization); the others are not ours
 *   to show on this municipality's pages, and are not counted as skipped either.
 * - Information requests (neuvontapyyntö) are questions to the authority, not permit cases: left out.
 * - The timeline comes from what a search row has: `submitted`, `verdictDate` and the current state at
 *   `modified` (the row's last change). When an answer carries `history` (the application itself does), its state
 *   changes are used instead; entries without a state (an authority assigned as handler) are not steps.
 * - Statuses and labels: lupapiste.states.ts. A verdict is "decided", never "granted": it can be a refusal.
 */
import type { SkippedRow } from '../contract.js';
import type { Case } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import { validateRow, type LupapisteApplicationRow } from './lupapiste.schemas.js';
import { isLupapisteState, stateLabel, unifiedStatus, type LupapisteState } from './lupapiste.states.js';

export const LUPAPISTE_SOURCE_ID = 'lupapiste';

type CaseAction = Case['actions'][number];
type TimelineEntry = Case['timeline'][number];

export interface LupapisteMapperOptions {
  /** Lupapiste's public address, for deep links (config `sources.lupapiste.publicUrl`). */
  publicUrl: string;
  /** The municipality whose pages ask: its official code and the Lupapiste organizations acting for it. */
  controller: { municipalityCode: string; organizations: readonly string[] };
}

// Lupapiste's own operation names (lupapiste/commons resources/shared_translations.txt, `operations.<name>`).
const OPERATION_LABELS: Readonly<Record<string, LocalizedText>> = {
  pientalo: {
    fi: 'Asuinpientalon rakentaminen',
    sv: 'Byggande av småhus',
    en: 'Construction of a detached house',
  },
  'vapaa-ajan-asuinrakennus': {
    fi: 'Vapaa-ajan asunnon, saunarakennuksen tai vierasmajan rakentaminen',
    sv: 'Byggande av fritidsbostadshus, bastubyggnad eller gästhus',
    en: 'Construction of a leisure home, sauna building or guesthouse',
  },
  'kerrostalo-rivitalo': {
    fi: 'Asuinkerrostalon tai rivitalon rakentaminen',
    sv: 'Byggande av flervåningshus eller radhus',
    en: 'Construction of a residential block of flats or terraced house',
  },
  'sisatila-muutos': {
    fi: 'Rakennuksen sisätilojen muutos',
    sv: 'Ändring inomhus',
    en: 'Modification to the interior of a building',
  },
  aloitusoikeus: {
    fi: 'Aloittamisoikeuden hakeminen',
    sv: 'Sökande om rätt att påbörja byggnadsarbete',
    en: 'Applying for the right to start construction work',
  },
  purkaminen: {
    fi: 'Purkamislupa (rakennuksen purkaminen)',
    sv: 'Rivningslov (rivning av byggnad)',
    en: 'Demolition permit (building demolition)',
  },
  purkamisilmoitus: { fi: 'Purkamisilmoitus', sv: 'Rivningsanmälan', en: 'Demolition notification' },
  'tyonjohtajan-nimeaminen-v2': {
    fi: 'Työnjohtajan nimeäminen',
    sv: 'Utnämning av arbetsledare',
    en: 'Appointment of a supervisor',
  },
};
const GENERIC_OPERATION: LocalizedText = { fi: 'Lupahakemus', sv: 'Ansökan om lov', en: 'Permit application' };

/** Operations that take a building down: nothing about construction inspections for them. */
const DEMOLITIONS: ReadonlySet<string> = new Set(['purkaminen', 'purkamisilmoitus']);

const text = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

const DRAFT_STEP = text(
  'Täydennä hakemus ja jätä se käsiteltäväksi Lupapisteessä.',
  'Fyll i ansökan och lämna in den för behandling i Lupapiste.',
  'Complete the application and submit it for processing in Lupapiste.',
);
const NEXT_STEPS: Partial<Record<LupapisteState, LocalizedText>> = {
  draft: DRAFT_STEP,
  open: DRAFT_STEP,
  submitted: text(
    'Viranomainen ottaa hakemuksen käsittelyyn. Sinun ei tarvitse tehdä mitään.',
    'Myndigheten tar upp ansökan till behandling. Du behöver inte göra något.',
    'The authority will take up the application. You do not need to do anything.',
  ),
  sent: text(
    'Viranomainen käsittelee hakemusta. Sinun ei tarvitse tehdä mitään.',
    'Myndigheten behandlar ansökan. Du behöver inte göra något.',
    'The authority is processing the application. You do not need to do anything.',
  ),
  complementNeeded: text(
    'Viranomainen on pyytänyt täydennyksiä. Täydennä hakemus ohjeiden mukaan ja ilmoita siitä Lupapisteen viesteillä.',
    'Myndigheten har begärt kompletteringar. Komplettera ansökan enligt anvisningarna och meddela det i Lupapiste.',
    'The authority has asked for additions. Complete the application as instructed and tell them in Lupapiste.',
  ),
  agreementPrepared: text(
    'Viranomainen on laatinut sopimuksen. Allekirjoita se Lupapisteessä.',
    'Myndigheten har upprättat ett avtal. Underteckna det i Lupapiste.',
    'The authority has prepared an agreement. Sign it in Lupapiste.',
  ),
  appealed: text(
    'Päätöksestä on haettu muutosta. Odota muutoksenhaun ratkaisua.',
    'Ändring har sökts i beslutet. Vänta på avgörandet.',
    'The decision has been appealed. Wait for the appeal to be decided.',
  ),
};

const DECISION_STEP = text(
  'Päätös on annettu. Lue päätös ja sen määräykset Lupapisteessä.',
  'Beslutet har meddelats. Läs beslutet och dess villkor i Lupapiste.',
  'A decision has been made. Read the decision and its conditions in Lupapiste.',
);
const DECISION_THEN_BUILD = text(
  'Päätös on annettu. Lue päätös ja lupamääräykset Lupapisteessä. Jos lupa myönnettiin, tee aloitusilmoitus ennen töiden aloittamista ja tilaa määrätyt katselmukset töiden edetessä.',
  'Beslutet har meddelats. Läs beslutet och lovvillkoren i Lupapiste. Om lovet beviljades, lämna in anmälan om påbörjande innan arbetet inleds och beställ de syner som krävs när arbetet framskrider.',
  'A decision has been made. Read the decision and the permit conditions in Lupapiste. If the permit was granted, submit the start notice before work begins and book the required inspections as the work progresses.',
);
const CONSTRUCTION_STEP = text(
  'Tilaa lupapäätöksessä määrätyt katselmukset töiden edetessä.',
  'Beställ de syner som bestämts i lovbeslutet när arbetet framskrider.',
  'Book the inspections required by the permit as the work progresses.',
);

const COMPLEMENT_ACTION = text('Täydennä hakemusta', 'Komplettera ansökan', 'Complete the application');
const SIGN_ACTION = text('Avaa sopimus', 'Öppna avtalet', 'Open the agreement');
const DECISION_ACTION = text('Avaa päätös', 'Öppna beslutet', 'Open the decision');
const APPLICATION_ACTION = text('Avaa hakemus', 'Öppna ansökan', 'Open the application');

/** The applicant's view of one application in Lupapiste, optionally on one of its tabs (application.js). */
export function applicationDeepLink(publicUrl: string, applicationId: string, tab?: 'verdict'): string {
  const base = `${publicUrl.replace(/\/$/, '')}/app/fi/applicant#!/application/${encodeURIComponent(applicationId)}`;
  return tab ? `${base}/${tab}` : base;
}

function isDemolition(row: LupapisteApplicationRow): boolean {
  return DEMOLITIONS.has(row.primaryOperation?.name ?? '');
}

function nextStep(row: LupapisteApplicationRow): LocalizedText | null {
  const status = unifiedStatus(row.state);
  if (row.state !== 'appealed' && status === 'decided') {
    return row.state === 'verdictGiven' && !isDemolition(row) ? DECISION_THEN_BUILD : DECISION_STEP;
  }
  if (status === 'in_progress' && ['constructionStarted', 'inUse', 'onHold'].includes(row.state)) {
    return isDemolition(row) ? null : CONSTRUCTION_STEP;
  }
  return NEXT_STEPS[row.state] ?? null;
}

function actions(row: LupapisteApplicationRow, publicUrl: string): CaseAction[] {
  const status = unifiedStatus(row.state);
  if (row.state === 'complementNeeded') {
    return [{ label: { ...COMPLEMENT_ACTION }, href: applicationDeepLink(publicUrl, row.id) }];
  }
  if (row.state === 'agreementPrepared') {
    return [{ label: { ...SIGN_ACTION }, href: applicationDeepLink(publicUrl, row.id) }];
  }
  // Whatever follows a decision keeps the way to it: the verdict tab of the application.
  if (status === 'decided' || (row.verdictDate != null && status !== 'cancelled')) {
    return [{ label: { ...DECISION_ACTION }, href: applicationDeepLink(publicUrl, row.id, 'verdict') }];
  }
  return [{ label: { ...APPLICATION_ACTION }, href: applicationDeepLink(publicUrl, row.id) }];
}

const entry = (ts: number, state: LupapisteState): TimelineEntry => ({
  at: new Date(ts).toISOString(),
  status: unifiedStatus(state),
  label: stateLabel(state),
});

/** The verdict state of this row's graph: a foreman's application has its own. */
function verdictState(row: LupapisteApplicationRow): LupapisteState {
  return row.state === 'foremanVerdictGiven' || row.kind === 'permitSubtype.tyonjohtaja-hakemus'
    ? 'foremanVerdictGiven'
    : 'verdictGiven';
}

function timeline(row: LupapisteApplicationRow): TimelineEntry[] {
  const changes = (row.history ?? [])
    .filter((h): h is { state: LupapisteState; ts: number } => isLupapisteState(h.state))
    .sort((a, b) => a.ts - b.ts);
  if (changes.length > 0) return changes.map((h) => entry(h.ts, h.state));

  // A search row: the moments it names, in the order the state graph passes them.
  const points: Array<{ ts: number; state: LupapisteState }> = [];
  if (row.submitted != null && row.state !== 'draft' && row.state !== 'open') {
    points.push({ ts: row.submitted, state: 'submitted' });
  }
  if (row.verdictDate != null) points.push({ ts: row.verdictDate, state: verdictState(row) });
  const last = points.at(-1);
  if (last?.state !== row.state) points.push({ ts: Math.max(row.modified, last?.ts ?? 0), state: row.state });
  return points.map((p) => entry(p.ts, p.state));
}

function title(row: LupapisteApplicationRow): LocalizedText {
  const operation = OPERATION_LABELS[row.primaryOperation?.name ?? ''] ?? GENERIC_OPERATION;
  const address = (row.address ?? '').trim();
  if (!address) return { ...operation };
  return { fi: `${operation.fi}, ${address}`, sv: `${operation.sv}, ${address}`, en: `${operation.en}, ${address}` };
}

export function mapLupapisteApplication(row: LupapisteApplicationRow, options: LupapisteMapperOptions): Case {
  return {
    id: `${LUPAPISTE_SOURCE_ID}:${row.id}`,
    source: LUPAPISTE_SOURCE_ID,
    type: 'building_permit',
    title: title(row),
    status: unifiedStatus(row.state),
    sourceStatus: row.state,
    timeline: timeline(row),
    nextStep: nextStep(row),
    actions: actions(row, options.publicUrl),
    subject: { kind: 'self' },
    updatedAt: new Date(row.modified).toISOString(),
  };
}

/** Whether the municipality asking controls this row: its code, and one of its Lupapiste organizations. */
export function controlledBy(row: { municipality: string; organization: string }, options: LupapisteMapperOptions) {
  return (
    row.municipality === options.controller.municipalityCode &&
    options.controller.organizations.includes(row.organization)
  );
}

/** All rows of an answer: the municipality's permit cases, newest first, and the rows that did not validate. */
export function mapLupapisteApplications(
  rows: readonly unknown[],
  options: LupapisteMapperOptions,
): { cases: Case[]; skipped: SkippedRow[] } {
  const cases: Case[] = [];
  const skipped: SkippedRow[] = [];
  for (const value of rows) {
    // Another municipality's row is not ours to show, nor to count here, even when it would not validate.
    const claimed = value as { municipality?: unknown; organization?: unknown } | null;
    if (typeof claimed?.municipality === 'string' && typeof claimed.organization === 'string') {
      if (!controlledBy({ municipality: claimed.municipality, organization: claimed.organization }, options)) continue;
    }
    const checked = validateRow(value);
    if ('reason' in checked) {
      skipped.push({ reason: checked.reason });
      continue;
    }
    const { row } = checked;
    if (!controlledBy(row, options) || row.infoRequest === true) continue;
    cases.push(mapLupapisteApplication(row, options));
  }
  cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { cases, skipped };
}
