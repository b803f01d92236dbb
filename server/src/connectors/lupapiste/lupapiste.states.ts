/**
 * Every state of every graph in lupapiste/commons src/lupapiste_commons/states.cljc (all-transitions-graph), with
 * its label and unified status.
 *
 * Labels are Lupapiste's own (lupapiste/commons resources/shared_translations.txt), except the two verdict states:
 * Lupapiste's English says "Permit issued", which is not true of a refusal, so they say "decision made".
 *
 * Status follows the groups of Lupapiste's applicant view (lupapiste/lupapiste application_search.clj `make-query`,
 * the applicant's `applicationType` filters):
 * - "application" (draft, open, submitted, sent, complementNeeded): draft and open are still the citizen's draft
 *   (open = visible to the authority, not yet submitted); submitted; sent = being processed; complementNeeded =
 *   the authority asks the citizen for more (action_required).
 * - "verdict" (verdictGiven, appealed, foremanVerdictGiven, acknowledged): decided. A verdict can be a refusal, so
 *   it is "decided", never "granted"; an appeal does not undo that a decision was made.
 * - "construction" (constructionStarted, inUse, onHold): in_progress: the permit is being used.
 * - "finalized" (closed, ready, finished, extinct, agreementSigned): closed. agreementPrepared is in that group too,
 *   but Lupapiste itself tells the applicant that the agreement must still be signed in Lupapiste
 *   (resources/i18n/email.txt `email.state-description.agreementPrepared`): action_required.
 * - "canceled": cancelled.
 * - States of no applicant group: plot division (hearing, proposal, proposalApproved: in_progress; final, the
 *   legally valid end: closed), digitising projects (underReview: in_progress; archived: closed), and information
 *   requests (info: submitted; answered: closed), which the connector does not show as cases.
 */
import type { CaseStatus } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';

interface StateInfo {
  status: CaseStatus;
  label: LocalizedText;
}

const DECISION_MADE: LocalizedText = { fi: 'Päätös annettu', sv: 'Beslut meddelat', en: 'Decision made' };

const STATES = {
  draft: { status: 'draft', label: { fi: 'Luonnos', sv: 'Utkast', en: 'Draft' } },
  open: { status: 'draft', label: { fi: 'Näkyy viranomaiselle', sv: 'Under beredning', en: 'Visible to authority' } },
  submitted: {
    status: 'submitted',
    label: { fi: 'Hakemus jätetty', sv: 'Ansökan inlämnad', en: 'Application submitted' },
  },
  sent: { status: 'in_progress', label: { fi: 'Käsittelyssä', sv: 'Behandlas', en: 'Being processed' } },
  complementNeeded: {
    status: 'action_required',
    label: { fi: 'Täydennettävänä', sv: 'Bör kompletteras', en: 'Being completed' },
  },
  verdictGiven: { status: 'decided', label: DECISION_MADE },
  foremanVerdictGiven: { status: 'decided', label: DECISION_MADE },
  acknowledged: {
    status: 'decided',
    label: { fi: 'Ilmoitus hyväksytty', sv: 'Anmälan godkänd', en: 'Notification accepted' },
  },
  appealed: { status: 'decided', label: { fi: 'Muutoksenhaussa', sv: 'I ändringssökan', en: 'Under appeal' } },
  constructionStarted: {
    status: 'in_progress',
    label: { fi: 'Rakennustyöt aloitettu', sv: 'Byggarbetena inledda', en: 'Construction work started' },
  },
  inUse: { status: 'in_progress', label: { fi: 'Käyttöönotettu', sv: 'Togs i bruk', en: 'In usage' } },
  onHold: { status: 'in_progress', label: { fi: 'Keskeytynyt', sv: 'Har avbrutits', en: 'On hold' } },
  closed: { status: 'closed', label: { fi: 'Valmistunut', sv: 'Färdigt', en: 'Completed' } },
  ready: { status: 'closed', label: { fi: 'Asia käsitelty', sv: 'Ärendet slutbehandlat', en: 'Case is processed' } },
  finished: { status: 'closed', label: { fi: 'Asia valmis', sv: 'Ärendet slutbehandlat', en: 'Case completed' } },
  extinct: { status: 'closed', label: { fi: 'Rauennut', sv: 'Har gått ut', en: 'Lapsed' } },
  agreementPrepared: {
    status: 'action_required',
    label: { fi: 'Sopimus laadittu', sv: 'Avtalet formulerat', en: 'Agreement prepared' },
  },
  agreementSigned: {
    status: 'closed',
    label: { fi: 'Sopimus allekirjoitettu', sv: 'Avtalet har undertecknats', en: 'Agreement signed' },
  },
  canceled: { status: 'cancelled', label: { fi: 'Peruutettu', sv: 'Avbrutet', en: 'Cancelled' } },
  hearing: {
    status: 'in_progress',
    label: { fi: 'Maanomistajien kuuleminen', sv: 'Hörande av markägare', en: 'Consultation with landowners' },
  },
  proposal: {
    status: 'in_progress',
    label: { fi: 'Tonttijakoehdotus', sv: 'Förslag på tomtdelning', en: 'Plot splitting proposal' },
  },
  proposalApproved: {
    status: 'in_progress',
    label: { fi: 'Tonttijako hyväksytty', sv: 'Tomtdelningen godkänd', en: 'Plot splitting accepted' },
  },
  final: { status: 'closed', label: { fi: 'Lainvoimainen', sv: 'Lagkraftigt', en: 'Legal' } },
  underReview: {
    status: 'in_progress',
    label: { fi: 'Tarkastettavana', sv: 'Under kontrollering', en: 'Under review' },
  },
  archived: { status: 'closed', label: { fi: 'Arkistoitu', sv: 'Arkiverat', en: 'Archived' } },
  info: { status: 'submitted', label: { fi: 'Avoin', sv: 'Öppen', en: 'Open' } },
  answered: { status: 'closed', label: { fi: 'Vastattu', sv: 'Besvarad', en: 'Answered' } },
} as const satisfies Record<string, StateInfo>;

export type LupapisteState = keyof typeof STATES;

export const LUPAPISTE_STATES = Object.keys(STATES) as LupapisteState[];

export function isLupapisteState(value: unknown): value is LupapisteState {
  return typeof value === 'string' && Object.hasOwn(STATES, value);
}

export function unifiedStatus(state: LupapisteState): CaseStatus {
  return STATES[state].status;
}

export function stateLabel(state: LupapisteState): LocalizedText {
  return { ...STATES[state].label };
}
