/**
 * Rule evaluation: a pure function of (facts, rules, clock). No I/O, no global time; the same input always gives
 * the same matches, so every boundary can be unit-tested by moving the clock.
 */
import { createHash } from 'node:crypto';
import type { Case, CaseStatus } from '../schemas/case.js';
import type { LocalizedText } from '../schemas/common.js';
import { addToDate, ageOn, calendarDate, helsinkiDate, parseIsoDate, type IsoDate } from '../lib/calendar.js';
import type { LifeSituationFacts, RuleFacts } from './facts.js';
import type { EffectiveRule } from './overrides.js';
import type { CaseFilter, DateRef, Trigger } from './rule-pack.schema.js';
import { render, type TemplateVars } from './templates.js';

export interface RuleMatch {
  /** Stable and opaque: the same rule, subject and cycle always give the same id; no personal data in it. */
  itemId: string;
  rule: EffectiveRule;
  phaseId: string;
  title: LocalizedText;
  body: LocalizedText;
  explanation: LocalizedText;
  /** The first day the item's wording no longer applies (exclusive), or null when open-ended. */
  validUntil: IsoDate | null;
  /** The real period of what is suggested: first and last day (inclusive), or null. */
  window: { kind: 'enrolment' | 'application'; opens: IsoDate | null; closes: IsoDate | null } | null;
  /** The case the item is about (case rules). */
  case: Case | null;
}

interface Subject {
  key: string;
  birthDate: IsoDate | null;
  vars: TemplateVars;
  case: Case | null;
}

export function evaluateRules(facts: RuleFacts, rules: readonly EffectiveRule[], now: Date): RuleMatch[] {
  const today = helsinkiDate(now);
  return rules.flatMap((rule) => evaluateRule(rule, facts, today));
}

function evaluateRule(rule: EffectiveRule, facts: RuleFacts, today: IsoDate): RuleMatch[] {
  const person = facts.person;
  const needsPerson = rule.subject !== 'case' || rule.conditions.homeMunicipality !== undefined;
  if (needsPerson && !person) return [];
  if (rule.conditions.homeMunicipality === 'current' && person?.homeMunicipalityCode !== facts.municipality.code) {
    return [];
  }
  const caseFilter = rule.conditions.cases;
  if (caseFilter && rule.subject !== 'case' && !(facts.cases ?? []).some((c) => caseMatches(c, caseFilter))) {
    return [];
  }
  const noCases = rule.conditions.noCases;
  // Unknown or incomplete cases (a source down, rows left out) count as possibly under way: better no suggestion
  // than a wrong one.
  if (
    noCases &&
    (facts.cases === null || facts.casesComplete === false || facts.cases.some((c) => caseMatches(c, noCases)))
  ) {
    return [];
  }

  const matches: RuleMatch[] = [];
  for (const subject of subjectsOf(rule, facts, person)) {
    const trigger = rule.trigger ? triggerDate(rule.trigger, subject, person) : null;
    if (rule.trigger && !trigger) continue;
    const resolve = (ref: DateRef | undefined) => (ref ? resolveDate(ref, trigger, today) : null);
    const from = resolve(rule.window?.from);
    const until = resolve(rule.window?.until);
    if ((from && today < from) || (until && today >= until)) continue;

    const phase = rule.phases.find((p) => {
      const pFrom = resolve(p.from);
      const pUntil = resolve(p.until);
      return (!pFrom || today >= pFrom) && (!pUntil || today < pUntil);
    });
    if (!phase) continue;
    const phaseUntil = resolve(phase.until);
    const offerOpens = resolve(phase.window?.opens);
    const offerUntil = resolve(phase.window?.until);
    // Never announce an offer the subject will no longer qualify for when it opens (e.g. turns 18 before it).
    if (until && offerOpens && offerOpens >= until) continue;
    const validUntil = [until, phaseUntil, offerUntil].filter((d): d is IsoDate => d !== null).sort()[0] ?? null;
    const window = phase.window
      ? {
          kind: phase.window.kind,
          opens: offerOpens,
          closes: offerUntil ? addToDate(offerUntil, { days: -1 }) : null,
        }
      : null;

    const vars: TemplateVars = {
      ...subject.vars,
      municipality: { municipality: facts.municipality },
    };
    if (subject.birthDate) vars.age = { text: String(ageOn(subject.birthDate, today)) };
    if (trigger) vars.trigger = { date: trigger };
    if (validUntil) vars.validUntil = { date: addToDate(validUntil, { days: -1 }) };
    for (const [name, ref] of Object.entries(rule.dates ?? {})) vars[name] = { date: resolveDate(ref, trigger, today) };

    matches.push({
      itemId: itemId(rule.id, subject.key, trigger ?? ''),
      rule,
      phaseId: phase.id,
      title: render(phase.title, vars),
      body: render(phase.body, vars),
      explanation: render(rule.explanation, vars),
      validUntil,
      window,
      case: subject.case,
    });
  }
  return matches;
}

function subjectsOf(rule: EffectiveRule, facts: RuleFacts, person: LifeSituationFacts | null): Subject[] {
  switch (rule.subject) {
    case 'self':
      return person ? [{ key: 'self', birthDate: person.birthDate, vars: {}, case: null }] : [];
    case 'child':
      // A child under a non-disclosure or restriction flag is never a subject: not shown, not suggested for.
      return (person?.children ?? [])
        .filter((child) => !child.restricted)
        .map((child) => ({
          key: `child:${child.ref}`,
          birthDate: child.birthDate,
          vars: { childName: { text: child.givenName } },
          case: null,
        }));
    case 'case':
      return (facts.cases ?? [])
        .filter((c) => !rule.conditions.cases || caseMatches(c, rule.conditions.cases))
        .filter((c) => !isRestrictedChildCase(c, person))
        .map((c) => ({
          key: `case:${c.id}:${c.sourceStatus}`,
          birthDate: null,
          vars: {
            caseTitle: { localized: c.title },
            caseStatus: { localized: STATUS_LABELS[c.status] },
            ...(c.nextStep ? { nextStep: { localized: c.nextStep } } : {}),
          },
          case: c,
        }));
  }
}

/** A case about a child whom the population data flags as restricted is not turned into an item either. */
function isRestrictedChildCase(c: Case, person: LifeSituationFacts | null): boolean {
  const subject = c.subject as { kind: string; ref?: string };
  if (subject.kind !== 'child' || !person) return false;
  return person.children.some((child) => child.ref === subject.ref && child.restricted);
}

export function caseMatches(c: Case, filter: CaseFilter): boolean {
  return (
    (!filter.sources || filter.sources.includes(c.source)) &&
    (!filter.types || filter.types.includes(c.type)) &&
    (!filter.statuses || filter.statuses.includes(c.status)) &&
    (!filter.sourceStatuses || filter.sourceStatuses.includes(c.sourceStatus))
  );
}

function triggerDate(trigger: Trigger, subject: Subject, person: LifeSituationFacts | null): IsoDate | null {
  let base: IsoDate | null;
  switch (trigger.fact) {
    case 'birthDate':
      base = subject.birthDate;
      break;
    case 'movedInAt':
      base = person?.movedInAt ?? null;
      break;
    case 'caseUpdatedAt':
      base = subject.case ? helsinkiDate(new Date(subject.case.updatedAt)) : null;
      break;
  }
  if (!base) return null;
  const moved = addToDate(base, { years: trigger.years, months: trigger.months, days: trigger.days });
  if (!trigger.align) return moved;
  return calendarDate(parseIsoDate(moved).year, trigger.align.month, trigger.align.day);
}

export function resolveDate(ref: DateRef, trigger: IsoDate | null, today: IsoDate): IsoDate {
  const year = parseIsoDate(today).year;
  switch (ref.ref) {
    case 'trigger':
      return addToDate(trigger ?? today, { years: ref.years, months: ref.months, days: ref.days });
    case 'triggerYear':
      return calendarDate(parseIsoDate(trigger ?? today).year + (ref.yearOffset ?? 0), ref.month ?? 1, ref.day ?? 1);
    case 'thisYear':
      return calendarDate(year, ref.month ?? 1, ref.day ?? 1);
    case 'next': {
      const thisYear = calendarDate(year, ref.month ?? 1, ref.day ?? 1);
      const next = thisYear >= today ? thisYear : calendarDate(year + 1, ref.month ?? 1, ref.day ?? 1);
      return addToDate(next, { years: ref.years, months: ref.months, days: ref.days });
    }
  }
}

function itemId(ruleId: string, subjectKey: string, cycle: string): string {
  const digest = createHash('sha256').update(`${ruleId}\u0000${subjectKey}\u0000${cycle}`).digest('base64url');
  return `${ruleId}.${digest.slice(0, 16)}`;
}

export const STATUS_LABELS: Record<CaseStatus, LocalizedText> = {
  draft: { fi: 'luonnos', sv: 'utkast', en: 'draft' },
  submitted: { fi: 'lähetetty', sv: 'skickad', en: 'submitted' },
  in_progress: { fi: 'käsittelyssä', sv: 'under behandling', en: 'being processed' },
  action_required: { fi: 'odottaa toimiasi', sv: 'väntar på dina åtgärder', en: 'waiting for you' },
  decided: { fi: 'päätetty', sv: 'avgjord', en: 'decided' },
  closed: { fi: 'päättynyt', sv: 'avslutad', en: 'closed' },
  cancelled: { fi: 'peruttu', sv: 'återkallad', en: 'cancelled' },
};
