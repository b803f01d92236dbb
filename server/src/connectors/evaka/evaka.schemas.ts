import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// eVaka's citizen API as a guardian sees it (reference/backends.md §6.3); only the fields we use are required,
// unknown ones are allowed (eVaka adds fields over time).
export const EVAKA_APPLICATION_TYPES = ['CLUB', 'DAYCARE', 'PRESCHOOL'] as const;
export const EVAKA_APPLICATION_STATUSES = [
  'CREATED',
  'SENT',
  'WAITING_PLACEMENT',
  'WAITING_UNIT_CONFIRMATION',
  'WAITING_DECISION',
  'WAITING_MAILING',
  'WAITING_CONFIRMATION',
  'REJECTED',
  'ACTIVE',
  'CANCELLED',
] as const;
export type EvakaApplicationStatus = (typeof EVAKA_APPLICATION_STATUSES)[number];
export const EVAKA_DECISION_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export const EVAKA_DECISION_TYPES = [
  'CLUB',
  'DAYCARE',
  'DAYCARE_PART_TIME',
  'PRESCHOOL',
  'PRESCHOOL_DAYCARE',
  'PRESCHOOL_CLUB',
  'PREPARATORY_EDUCATION',
] as const;

const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
const Uuid = Type.String({ pattern: '^[0-9a-fA-F-]{36}$' });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Instant = Type.String({ minLength: 10, maxLength: 40 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CitizenApplicationSummary = Type.Object({
  applicationId: Uuid,
  type: literals(EVAKA_APPLICATION_TYPES),
  childId: Uuid,
  childName: Nullable(Type.String({ maxLength: 300 })),
  preferredUnitName: Nullable(Type.String({ maxLength: 300 })),
  allPreferredUnitNames: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 20 }),
  startDate: Nullable(LocalDate),
  sentDate: Nullable(LocalDate),
  applicationStatus: literals(EVAKA_APPLICATION_STATUSES),
  createdDate: Instant,
  modifiedDate: Type.Optional(Instant),
  transferApplication: Type.Boolean(),
});
export type CitizenApplicationSummary = Static<typeof CitizenApplicationSummary>;

export const ApplicationsOfChild = Type.Object({
  childId: Uuid,
  childName: Type.String({ maxLength: 300 }),
  applicationSummaries: Type.Array(CitizenApplicationSummary, { maxItems: 200 }),
});
export type ApplicationsOfChild = Static<typeof ApplicationsOfChild>;

export const ApplicationsByGuardianResponse = Type.Array(ApplicationsOfChild, { maxItems: 50 });
export const applicationsByGuardianCheck = TypeCompiler.Compile(ApplicationsByGuardianResponse);

export const DecisionSummary = Type.Object({
  id: Uuid,
  childId: Uuid,
  applicationId: Uuid,
  type: literals(EVAKA_DECISION_TYPES),
  status: literals(EVAKA_DECISION_STATUSES),
  sentDate: LocalDate,
  resolved: Nullable(LocalDate),
});
export type DecisionSummary = Static<typeof DecisionSummary>;

export const DecisionsResponse = Type.Object({ decisions: Type.Array(DecisionSummary, { maxItems: 500 }) });
export const decisionsCheck = TypeCompiler.Compile(DecisionsResponse);

/**
 * The guardian's children. `socialSecurityNumber` is what eVaka's person records hold; the integration reads it to
 * match a child with the population data (it becomes a pseudonymous ref at once and goes nowhere else).
 */
export const EvakaChild = Type.Object({
  id: Uuid,
  firstName: Type.String({ maxLength: 300 }),
  lastName: Type.String({ maxLength: 300 }),
  preferredName: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  socialSecurityNumber: Nullable(Type.String({ minLength: 11, maxLength: 11 })),
});
export type EvakaChild = Static<typeof EvakaChild>;

export const ChildrenResponse = Type.Object({ children: Type.Array(EvakaChild, { maxItems: 50 }) });
export const childrenCheck = TypeCompiler.Compile(ChildrenResponse);
