/**
 * eVaka's citizen answers (a guardian's children, applications and decisions) → unified Cases. Pure; tested in
 * test/evaka.test.ts against fixtures of eVaka's own types.
 *
 * Status mapping, and why (eVaka's citizen UI, frontend/src/citizen-frontend/applications/ChildApplicationsBlock.tsx,
 * and its citizen i18n `applicationsList.status`):
 * - CREATED → draft: not sent yet. SENT → submitted: received, nobody has started.
 * - WAITING_PLACEMENT, WAITING_UNIT_CONFIRMATION, WAITING_DECISION, WAITING_MAILING → in_progress: eVaka shows the
 *   citizen all four as "being processed" (a decision waiting to be mailed has not reached the guardian).
 * - WAITING_CONFIRMATION → action_required: the guardian must accept or reject the offered place. So is ACTIVE while
 *   the application is still in `decidableApplications` (eVaka's UI then shows it as WAITING_CONFIRMATION too).
 * - ACTIVE → decided: the place was accepted. REJECTED → closed: the guardian turned the place down.
 * - CANCELLED → left out: eVaka's own query (ApplicationQueries.kt fetchApplicationSummariesForCitizen) never
 *   gives cancelled applications to a citizen, so none is shown here either.
 */
import type { Case, CaseStatus } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import { helsinkiMidnight } from '../../lib/calendar.js';
import type { SkippedRow, SourceCases } from '../contract.js';
import type { EVAKA_DECISION_STATUSES } from './evaka.schemas.js';
import {
  LOCAL_DATE,
  applicationsOfChildCheck,
  citizenApplicationSummaryCheck,
  citizenChildrenCheck,
  decisionSummaryCheck,
  type ApplicationDecisions,
  type ApplicationsOfChild,
  type CitizenApplicationSummary,
  type CitizenChildren,
  type DecisionSummary,
  type EvakaApplicationStatus,
} from './evaka.schemas.js';
import { EVAKA_ACTIONS, EVAKA_DECISION_LABELS, EVAKA_LABELS, EVAKA_NEXT_STEPS, EVAKA_TITLES } from './evaka.strings.js';

export const EVAKA_SOURCE_ID = 'evaka';

const STATUS: Readonly<Record<Exclude<EvakaApplicationStatus, 'CANCELLED'>, CaseStatus>> = {
  CREATED: 'draft',
  SENT: 'submitted',
  WAITING_PLACEMENT: 'in_progress',
  WAITING_UNIT_CONFIRMATION: 'in_progress',
  WAITING_DECISION: 'in_progress',
  WAITING_MAILING: 'in_progress',
  WAITING_CONFIRMATION: 'action_required',
  ACTIVE: 'decided',
  REJECTED: 'closed',
};

export interface EvakaAnswers {
  /** `GET /citizen/applications/children`: the guardian's children, with their identity codes. */
  children: readonly unknown[];
  /** `GET /citizen/applications/by-guardian`. */
  byGuardian: readonly unknown[];
  /** `GET /citizen/decisions`. */
  decisions: ApplicationDecisions;
}

export interface EvakaMapperOptions {
  /** This municipality's eVaka citizen UI, for deep links. */
  publicUrl: string;
  /** Child identity code → pseudonymous ref (the same one the population data gives the child). */
  childRef: (identityCode: string) => string;
}

/** The unified status of an application, as eVaka's citizen UI presents it. */
export function evakaStatus(status: EvakaApplicationStatus, decidable = false): CaseStatus | null {
  if (status === 'CANCELLED') return null;
  if (status === 'ACTIVE' && decidable) return 'action_required';
  return STATUS[status];
}

/** A fixed reason code for a row that did not validate; never a value from the row. */
function reasonOf(check: typeof citizenApplicationSummaryCheck | typeof decisionSummaryCheck, row: unknown): string {
  const first = check.Errors(row).First();
  const field = first?.path.split('/')[1] ?? '';
  const value = (row as Record<string, unknown> | null)?.[field];
  if ((field === 'applicationStatus' || field === 'status') && typeof value === 'string') return 'unknown_state';
  if (/date|Date|resolved/.test(field) && typeof value === 'string') return 'bad_date';
  return 'missing_field';
}

const validDate = (date: string) => LOCAL_DATE.test(date) && !Number.isNaN(Date.parse(`${date}T12:00:00Z`));

/**
 * The timeline, in the order things happened: created, sent, then per decision sent and answered. eVaka gives
 * `sentDate` and decision dates as calendar days only, so a day-only event is placed at the start of its Helsinki
 * day, but never before the event it follows (an application created and sent the same day is created first).
 */
function timelineOf(summary: CitizenApplicationSummary, created: number, decisions: readonly DecisionSummary[]) {
  const timeline: Case['timeline'] = [];
  let last = created;
  const push = (at: number, status: CaseStatus, label: LocalizedText) => {
    last = Math.max(at, last);
    timeline.push({ at: new Date(last).toISOString(), status, label: { ...label } });
  };
  const day = (date: string) => helsinkiMidnight(date).getTime();
  push(created, 'draft', EVAKA_LABELS.created);
  if (summary.sentDate) push(day(summary.sentDate), 'submitted', EVAKA_LABELS.sent);
  const ordered = [...decisions].sort((a, b) => a.sentDate.localeCompare(b.sentDate));
  const answers: Array<{ at: string; decision: DecisionSummary }> = [];
  for (const decision of ordered) {
    push(day(decision.sentDate), 'decided', EVAKA_DECISION_LABELS.sent[decision.type]);
    if (decision.resolved && decision.status !== 'PENDING') answers.push({ at: decision.resolved, decision });
  }
  for (const { at, decision } of answers.sort((a, b) => a.at.localeCompare(b.at))) {
    const status = decision.status as Exclude<(typeof EVAKA_DECISION_STATUSES)[number], 'PENDING'>;
    push(day(at), status === 'ACCEPTED' ? 'decided' : 'closed', EVAKA_DECISION_LABELS[status]);
  }
  return timeline;
}

function link(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}

/** The links eVaka's own application list offers for this application (ChildApplicationsBlock.tsx). */
function actionsOf(
  summary: CitizenApplicationSummary,
  permitted: readonly string[],
  decidable: boolean,
  hasDecisions: boolean,
  publicUrl: string,
): Case['actions'] {
  const actions: Case['actions'] = [];
  const id = summary.applicationId;
  if (decidable && permitted.includes('READ_DECISIONS')) {
    actions.push({ label: { ...EVAKA_ACTIONS.confirm }, href: link(publicUrl, '/decisions/pending') });
  } else if (hasDecisions) {
    actions.push({ label: { ...EVAKA_ACTIONS.decisions }, href: link(publicUrl, '/decisions') });
  }
  const status = summary.applicationStatus;
  if (status === 'CREATED' || (status === 'SENT' && permitted.includes('UPDATE'))) {
    const label = status === 'CREATED' ? EVAKA_ACTIONS.continue : EVAKA_ACTIONS.edit;
    actions.push({ label: { ...label }, href: link(publicUrl, `/applications/${id}/edit`) });
  } else if (permitted.includes('READ')) {
    actions.push({ label: { ...EVAKA_ACTIONS.open }, href: link(publicUrl, `/applications/${id}`) });
  }
  return actions;
}

function givenNameOf(child: CitizenChildren): string {
  return child.firstName.trim().split(/\s+/)[0] || child.firstName;
}

/** One application → a Case; `null` when eVaka would not show it (cancelled). */
export function mapEvakaApplication(
  summary: CitizenApplicationSummary,
  child: CitizenChildren & { socialSecurityNumber: string },
  group: Pick<ApplicationsOfChild, 'permittedActions' | 'decidableApplications'>,
  decisions: readonly DecisionSummary[],
  options: EvakaMapperOptions,
): Case | null {
  const decidable = group.decidableApplications.includes(summary.applicationId);
  const status = evakaStatus(summary.applicationStatus, decidable);
  if (!status) return null;
  const shownStatus = status === 'action_required' ? 'WAITING_CONFIRMATION' : summary.applicationStatus;
  const givenName = givenNameOf(child);
  const base = EVAKA_TITLES[summary.type];
  const title: LocalizedText = {
    fi: `${base.fi}, ${givenName}`,
    sv: `${base.sv}, ${givenName}`,
    en: `${base.en}, ${givenName}`,
  };
  const timeline = timelineOf(summary, Date.parse(summary.createdDate), decisions);
  const permitted = group.permittedActions[summary.applicationId] ?? [];
  const nextStep = EVAKA_NEXT_STEPS[shownStatus as keyof typeof EVAKA_NEXT_STEPS];
  return {
    id: `${EVAKA_SOURCE_ID}:${summary.applicationId}`,
    source: EVAKA_SOURCE_ID,
    type: 'early_childhood_education',
    title,
    status,
    sourceStatus: summary.applicationStatus,
    timeline,
    nextStep: nextStep ? { ...nextStep } : null,
    actions: actionsOf(summary, permitted, decidable, decisions.length > 0, options.publicUrl),
    subject: { kind: 'child', ref: options.childRef(child.socialSecurityNumber), givenName },
    updatedAt: timeline.at(-1)!.at,
  };
}

/**
 * Every application of every child, newest first. Rows are validated one by one: a bad row (an unknown state, a
 * missing field, a bad date, a child eVaka gives no identity code for) is left out and named in `skipped`.
 */
export function mapEvakaCases(answers: EvakaAnswers, options: EvakaMapperOptions): SourceCases {
  const skipped: SkippedRow[] = [];
  const children = new Map<string, CitizenChildren & { socialSecurityNumber: string }>();
  for (const row of answers.children) {
    // A child row that does not validate is not counted here: its applications are, as `unknown_child`.
    if (citizenChildrenCheck.Check(row) && row.socialSecurityNumber) {
      children.set(row.id, row as CitizenChildren & { socialSecurityNumber: string });
    }
  }
  const decisionsByApplication = new Map<string, DecisionSummary[]>();
  for (const row of answers.decisions.decisions) {
    if (!decisionSummaryCheck.Check(row) || !validDate(row.sentDate) || (row.resolved && !validDate(row.resolved))) {
      skipped.push({ reason: decisionSummaryCheck.Check(row) ? 'bad_date' : reasonOf(decisionSummaryCheck, row) });
      continue;
    }
    decisionsByApplication.set(row.applicationId, [...(decisionsByApplication.get(row.applicationId) ?? []), row]);
  }

  const cases: Case[] = [];
  for (const group of answers.byGuardian) {
    if (!applicationsOfChildCheck.Check(group)) {
      skipped.push({ reason: 'missing_field' });
      continue;
    }
    for (const row of group.applicationSummaries) {
      if (!citizenApplicationSummaryCheck.Check(row)) {
        skipped.push({ reason: reasonOf(citizenApplicationSummaryCheck, row) });
        continue;
      }
      if (row.applicationStatus === 'CANCELLED') continue;
      if (
        Number.isNaN(Date.parse(row.createdDate)) ||
        (row.sentDate !== null && !validDate(row.sentDate)) ||
        (row.startDate !== null && !validDate(row.startDate))
      ) {
        skipped.push({ reason: 'bad_date' });
        continue;
      }
      const child = children.get(row.childId);
      if (!child) {
        skipped.push({ reason: 'unknown_child' });
        continue;
      }
      const decisions = decisionsByApplication.get(row.applicationId) ?? [];
      const mapped = mapEvakaApplication(row, child, group, decisions, options);
      if (mapped) cases.push(mapped);
    }
  }
  cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { cases, skipped };
}
