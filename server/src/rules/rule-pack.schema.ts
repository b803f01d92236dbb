/**
 * The shape of the rule pack (server/rules/rule-pack.json): the proactive feed's rules as data, one file shared by
 * every municipality. Checked at start (load-rule-pack.ts); a bad field stops the start with its JSON path.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from '../schemas/case.js';

const NonEmpty = Type.String({ minLength: 1 });
const Localized = Type.Object({ fi: NonEmpty, sv: NonEmpty, en: NonEmpty }, { additionalProperties: false });
const Offset = Type.Integer({ minimum: -100_000, maximum: 100_000 });
const Month = Type.Integer({ minimum: 1, maximum: 12 });
const Day = Type.Integer({ minimum: 1, maximum: 31 });
const LifeEventCode = Type.String({ pattern: '^KE[0-9]{1,2}(\\.[0-9]{1,2})?$' });
const TargetGroupCode = Type.String({ pattern: '^KR[0-9]{1,2}(\\.[0-9]{1,2})?$' });
const ServiceClassCode = Type.String({ pattern: '^P[0-9]{1,2}(\\.[0-9]{1,2}){0,2}$' });
export const RULE_ID_PATTERN = '^[a-z][a-z0-9._-]{0,80}$';

/**
 * A day, computed per subject:
 * - `trigger`: the rule's trigger date plus `years`, `months`, `days`;
 * - `triggerYear`: `month`/`day` in the trigger's year plus `yearOffset`;
 * - `thisYear`: `month`/`day` in the current year;
 * - `next`: the next `month`/`day` on or after today (this year or next), plus `years`, `months`, `days`.
 */
export const DateRef = Type.Object(
  {
    ref: Type.Union([
      Type.Literal('trigger'),
      Type.Literal('triggerYear'),
      Type.Literal('thisYear'),
      Type.Literal('next'),
    ]),
    years: Type.Optional(Offset),
    months: Type.Optional(Offset),
    days: Type.Optional(Offset),
    yearOffset: Type.Optional(Offset),
    month: Type.Optional(Month),
    day: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type DateRef = Static<typeof DateRef>;

/** The date a rule is about, from one fact of its subject: e.g. the child's 6th birthday moved to 1 August. */
export const Trigger = Type.Object(
  {
    fact: Type.Union([Type.Literal('birthDate'), Type.Literal('movedInAt'), Type.Literal('caseUpdatedAt')]),
    years: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    months: Type.Optional(Offset),
    days: Type.Optional(Offset),
    /** Then move to this month and day of the same year (e.g. the school year starts in August). */
    align: Type.Optional(Type.Object({ month: Month, day: Day }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Trigger = Static<typeof Trigger>;

/** [from, until): `from` inclusive, `until` exclusive; either may be left open. */
export const DateWindow = Type.Object(
  { from: Type.Optional(DateRef), until: Type.Optional(DateRef) },
  { additionalProperties: false },
);
export type DateWindow = Static<typeof DateWindow>;

export const CaseFilter = Type.Object(
  {
    sources: Type.Optional(Type.Array(NonEmpty, { minItems: 1 })),
    types: Type.Optional(Type.Array(NonEmpty, { minItems: 1 })),
    statuses: Type.Optional(Type.Array(Type.Union(CASE_STATUSES.map((s) => Type.Literal(s))), { minItems: 1 })),
    sourceStatuses: Type.Optional(Type.Array(NonEmpty, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type CaseFilter = Static<typeof CaseFilter>;

/**
 * The real period of what a phase suggests ([opens, until), `until` exclusive like every range here): shown to the
 * citizen as its first and last day, e.g. pre-school enrolment 1.1.–28.2.
 */
export const OfferWindow = Type.Object(
  {
    kind: Type.Union([Type.Literal('enrolment'), Type.Literal('application')]),
    opens: Type.Optional(DateRef),
    until: Type.Optional(DateRef),
  },
  { additionalProperties: false },
);
export type OfferWindow = Static<typeof OfferWindow>;

/** How the wording changes over time; the first phase whose range holds today is used. */
export const Phase = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }),
    from: Type.Optional(DateRef),
    until: Type.Optional(DateRef),
    window: Type.Optional(OfferWindow),
    title: Localized,
    body: Localized,
  },
  { additionalProperties: false },
);
export type Phase = Static<typeof Phase>;

/** How to find the service in a municipality's PTV catalogue; the best-scoring service wins. */
export const ServiceLookup = Type.Object(
  {
    keywords: Type.Optional(Type.Array(NonEmpty, { minItems: 1 })),
    serviceClasses: Type.Optional(Type.Array(ServiceClassCode, { minItems: 1 })),
    lifeEvents: Type.Optional(Type.Array(LifeEventCode, { minItems: 1 })),
    targetGroups: Type.Optional(Type.Array(TargetGroupCode, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type ServiceLookup = Static<typeof ServiceLookup>;

export const Rule = Type.Object(
  {
    id: Type.String({ pattern: RULE_ID_PATTERN }),
    version: Type.String({ pattern: '^[0-9]+(\\.[0-9]+){0,2}$' }),
    kind: Type.Union([Type.Literal('suggestion'), Type.Literal('task')]),
    /** Whom the rule is about: the citizen, each of their children (never a restricted one), or each matching case. */
    subject: Type.Union([Type.Literal('self'), Type.Literal('child'), Type.Literal('case')]),
    lifeEvents: Type.Array(LifeEventCode),
    targetGroups: Type.Array(TargetGroupCode),
    conditions: Type.Object(
      {
        /** `current`: the citizen's home municipality is the one whose feed this is. */
        homeMunicipality: Type.Optional(Type.Literal('current')),
        /** For `case` rules: which cases; for the others: at least one such case must exist. */
        cases: Type.Optional(CaseFilter),
        /** No such case may exist: nothing is suggested that is already under way (e.g. a pending application). */
        noCases: Type.Optional(CaseFilter),
      },
      { additionalProperties: false },
    ),
    trigger: Type.Optional(Trigger),
    window: Type.Optional(DateWindow),
    /** Named days for the texts: `{name}` is the date, `{name:year}` its year. */
    dates: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,30}$' }), DateRef)),
    phases: Type.Array(Phase, { minItems: 1 }),
    service: Type.Optional(ServiceLookup),
    action: Type.Object(
      {
        /** `case`: the case's own deep link first (tasks); `service`: the PTV e-service first. */
        prefer: Type.Union([Type.Literal('service'), Type.Literal('case')]),
        label: Localized,
      },
      { additionalProperties: false },
    ),
    explanation: Localized,
    dataUsed: Type.Array(Localized, { minItems: 1 }),
    legalBasis: Localized,
    /** Higher comes first. */
    priority: Type.Integer({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type Rule = Static<typeof Rule>;

export const RulePack = Type.Object(
  {
    version: Type.String({ pattern: '^[0-9]{4}\\.[0-9]+$' }),
    /** Names of the PTV life events (ptvelti code list), for grouping the general feed. */
    lifeEvents: Type.Record(LifeEventCode, Localized),
    /** The general feed: services of these life events from each municipality's catalogue. */
    featured: Type.Object(
      {
        lifeEvents: Type.Array(LifeEventCode, { minItems: 1 }),
        perLifeEvent: Type.Integer({ minimum: 1, maximum: 20 }),
        priority: Type.Integer({ minimum: 0, maximum: 1000 }),
        action: Type.Object({ label: Localized }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    rules: Type.Array(Rule, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type RulePack = Static<typeof RulePack>;
