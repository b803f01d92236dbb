/**
 * eVaka applications (as a guardian sees them) → unified Cases. Pure; unit-tested in test/evaka-mapper.test.ts.
 *
 * Status mapping (eVaka ApplicationStatus, reference/backends.md §6.1–6.2), and why:
 * - CREATED → draft: not sent yet.
 * - SENT → submitted: received; nobody has started.
 * - WAITING_PLACEMENT, WAITING_UNIT_CONFIRMATION, WAITING_DECISION → in_progress: the municipality is working on it.
 * - WAITING_MAILING → decided: the decision is made and on its way.
 * - WAITING_CONFIRMATION → action_required: the guardian must accept or reject the offered place.
 * - ACTIVE → decided: the place was accepted.
 * - REJECTED → closed: the guardian turned the place down; CANCELLED → cancelled.
 */
import type { Case, CaseStatus } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import type {
  ApplicationsOfChild,
  CitizenApplicationSummary,
  DecisionSummary,
  EvakaApplicationStatus,
  EvakaChild,
} from './evaka.schemas.js';

export const EVAKA_SOURCE_ID = 'evaka';

const STATUS: Readonly<Record<EvakaApplicationStatus, CaseStatus>> = {
  CREATED: 'draft',
  SENT: 'submitted',
  WAITING_PLACEMENT: 'in_progress',
  WAITING_UNIT_CONFIRMATION: 'in_progress',
  WAITING_DECISION: 'in_progress',
  WAITING_MAILING: 'decided',
  WAITING_CONFIRMATION: 'action_required',
  ACTIVE: 'decided',
  REJECTED: 'closed',
  CANCELLED: 'cancelled',
};

export function evakaStatus(status: EvakaApplicationStatus): CaseStatus {
  return STATUS[status];
}

const STATUS_LABELS: Readonly<Record<EvakaApplicationStatus, LocalizedText>> = {
  CREATED: { fi: 'Luonnos', sv: 'Utkast', en: 'Draft' },
  SENT: { fi: 'Lähetetty', sv: 'Skickad', en: 'Sent' },
  WAITING_PLACEMENT: { fi: 'Käsittelyssä', sv: 'Under behandling', en: 'Being processed' },
  WAITING_UNIT_CONFIRMATION: { fi: 'Käsittelyssä', sv: 'Under behandling', en: 'Being processed' },
  WAITING_DECISION: { fi: 'Odottaa päätöstä', sv: 'Väntar på beslut', en: 'Awaiting decision' },
  WAITING_MAILING: { fi: 'Päätös postitetaan', sv: 'Beslutet postas', en: 'Decision being mailed' },
  WAITING_CONFIRMATION: {
    fi: 'Vahvistettavana huoltajalla',
    sv: 'Väntar på vårdnadshavarens bekräftelse',
    en: 'Awaiting your confirmation',
  },
  ACTIVE: { fi: 'Paikka vastaanotettu', sv: 'Platsen mottagen', en: 'Place accepted' },
  REJECTED: { fi: 'Paikka hylätty', sv: 'Platsen avvisad', en: 'Place declined' },
  CANCELLED: { fi: 'Peruttu', sv: 'Annullerad', en: 'Cancelled' },
};

const TITLES: Readonly<Record<CitizenApplicationSummary['type'], LocalizedText>> = {
  DAYCARE: {
    fi: 'Varhaiskasvatushakemus',
    sv: 'Ansökan om småbarnspedagogik',
    en: 'Early childhood education application',
  },
  PRESCHOOL: {
    fi: 'Esiopetukseen ilmoittautuminen',
    sv: 'Anmälan till förskoleundervisning',
    en: 'Pre-school enrolment',
  },
  CLUB: { fi: 'Kerhohakemus', sv: 'Ansökan om klubbverksamhet', en: 'Club application' },
};

const NEXT_STEPS: Partial<Record<EvakaApplicationStatus, LocalizedText>> = {
  CREATED: {
    fi: 'Täydennä hakemus ja lähetä se.',
    sv: 'Fyll i ansökan och skicka den.',
    en: 'Complete the application and send it.',
  },
  SENT: {
    fi: 'Hakemus on vastaanotettu. Sinun ei tarvitse tehdä mitään.',
    sv: 'Ansökan har tagits emot. Du behöver inte göra något.',
    en: 'The application has been received. You do not need to do anything.',
  },
  WAITING_PLACEMENT: {
    fi: 'Varhaiskasvatuksen palveluohjaus etsii lapselle paikkaa.',
    sv: 'Servicehandledningen söker en plats för barnet.',
    en: 'The service guidance is looking for a place for your child.',
  },
  WAITING_UNIT_CONFIRMATION: {
    fi: 'Yksikkö vahvistaa paikkaa. Sinun ei tarvitse tehdä mitään.',
    sv: 'Enheten bekräftar platsen. Du behöver inte göra något.',
    en: 'The unit is confirming the place. You do not need to do anything.',
  },
  WAITING_DECISION: {
    fi: 'Päätös tehdään pian. Saat sen eVakaan ja Suomi.fi-viesteihin.',
    sv: 'Beslutet fattas snart. Du får det i eVaka och i Suomi.fi-meddelanden.',
    en: 'The decision will be made soon. You will receive it in eVaka and in Suomi.fi Messages.',
  },
  WAITING_MAILING: {
    fi: 'Päätös on tehty ja se lähetetään sinulle.',
    sv: 'Beslutet är fattat och skickas till dig.',
    en: 'The decision has been made and is being sent to you.',
  },
  WAITING_CONFIRMATION: {
    fi: 'Ota paikka vastaan tai hylkää se kahden viikon kuluessa.',
    sv: 'Ta emot eller avvisa platsen inom två veckor.',
    en: 'Accept or decline the place within two weeks.',
  },
};

const DECISION_SENT: LocalizedText = { fi: 'Päätös lähetetty', sv: 'Beslutet skickat', en: 'Decision sent' };
const DECISION_RESOLVED: Record<'ACCEPTED' | 'REJECTED', LocalizedText> = {
  ACCEPTED: STATUS_LABELS.ACTIVE,
  REJECTED: STATUS_LABELS.REJECTED,
};

export interface EvakaMapperOptions {
  /** eVaka's citizen UI, for deep links. */
  publicUrl: string;
  /** Child identity code → pseudonymous ref. */
  childRef: (identityCode: string) => string;
}

/** `YYYY-MM-DD` as midnight in Helsinki, roughly (the hour does not matter for a date-only event). */
function dateToIso(date: string): string {
  return new Date(`${date}T00:00:00+02:00`).toISOString();
}

function instantToIso(value: string): string {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? new Date(0).toISOString() : new Date(parsed).toISOString();
}

function link(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}

export function mapEvakaApplication(
  summary: CitizenApplicationSummary,
  child: EvakaChild,
  decisions: readonly DecisionSummary[],
  options: EvakaMapperOptions,
): Case | null {
  if (!child.socialSecurityNumber) return null;
  const givenName = child.preferredName?.trim() || child.firstName.trim().split(/\s+/)[0] || child.firstName;
  const base = TITLES[summary.type];
  const title: LocalizedText = {
    fi: `${base.fi}, ${givenName}`,
    sv: `${base.sv}, ${givenName}`,
    en: `${base.en}, ${givenName}`,
  };

  const timeline: Case['timeline'] = [
    { at: instantToIso(summary.createdDate), status: 'draft', label: { ...STATUS_LABELS.CREATED } },
  ];
  if (summary.sentDate) {
    timeline.push({ at: dateToIso(summary.sentDate), status: 'submitted', label: { ...STATUS_LABELS.SENT } });
  }
  for (const decision of decisions) {
    timeline.push({ at: dateToIso(decision.sentDate), status: 'decided', label: { ...DECISION_SENT } });
    if (decision.resolved && decision.status !== 'PENDING') {
      timeline.push({
        at: dateToIso(decision.resolved),
        status: decision.status === 'ACCEPTED' ? 'decided' : 'closed',
        label: { ...DECISION_RESOLVED[decision.status] },
      });
    }
  }
  const status = evakaStatus(summary.applicationStatus);
  const covered = ['CREATED', 'SENT'].includes(summary.applicationStatus) || decisions.length > 0;
  if (!covered && summary.modifiedDate) {
    timeline.push({
      at: instantToIso(summary.modifiedDate),
      status,
      label: { ...STATUS_LABELS[summary.applicationStatus] },
    });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const actions: Case['actions'] = [];
  if (summary.applicationStatus === 'CREATED') {
    actions.push({
      label: { fi: 'Jatka hakemusta', sv: 'Fortsätt med ansökan', en: 'Continue the application' },
      href: link(options.publicUrl, `/applications/${summary.applicationId}/edit`),
    });
  }
  if (summary.applicationStatus === 'WAITING_CONFIRMATION') {
    actions.push({
      label: { fi: 'Vastaa päätökseen', sv: 'Svara på beslutet', en: 'Respond to the decision' },
      href: link(options.publicUrl, '/decisions'),
    });
  }

  const updatedAt = [summary.modifiedDate ? instantToIso(summary.modifiedDate) : '', ...timeline.map((e) => e.at)]
    .sort()
    .at(-1)!;
  const nextStep = NEXT_STEPS[summary.applicationStatus];
  return {
    id: `${EVAKA_SOURCE_ID}:${summary.applicationId}`,
    source: EVAKA_SOURCE_ID,
    type: 'early_childhood_education',
    title,
    status,
    sourceStatus: summary.applicationStatus,
    timeline,
    nextStep: nextStep ? { ...nextStep } : null,
    actions,
    subject: { kind: 'child', ref: options.childRef(child.socialSecurityNumber), givenName },
    updatedAt,
  };
}

/** Every application of every child; an application whose child eVaka cannot identify is left out. */
export function mapEvakaApplications(
  byGuardian: readonly ApplicationsOfChild[],
  children: readonly EvakaChild[],
  decisions: readonly DecisionSummary[],
  options: EvakaMapperOptions,
): Case[] {
  const childById = new Map(children.map((c) => [c.id, c]));
  const cases: Case[] = [];
  for (const group of byGuardian) {
    for (const summary of group.applicationSummaries) {
      const child = childById.get(summary.childId);
      if (!child) continue;
      const mapped = mapEvakaApplication(
        summary,
        child,
        decisions.filter((d) => d.applicationId === summary.applicationId),
        options,
      );
      if (mapped) cases.push(mapped);
    }
  }
  return cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
