/**
 * eVaka's own types, as its generated TypeScript names them (espoon-voltti/evaka
 * frontend/src/lib-common/generated/api-types/{application,decision}.ts; see test/fixtures/evaka/SOURCE.md).
 *
 * Two levels: the envelope of each answer is checked whole (a wrong envelope is a malformed answer), each row on
 * its own (a bad row is skipped and counted, the rest is shown). Unknown fields are allowed: eVaka adds fields.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

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
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
/** eVaka's LocalDate: `YYYY-MM-DD`. */
export const LOCAL_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const LocalDate = Type.String({ pattern: LOCAL_DATE.source });
/** eVaka's HelsinkiDateTime: an ISO 8601 instant with its offset, e.g. `2026-10-12T17:20:00.123+03:00`. */
const HelsinkiDateTime = Type.String({ minLength: 20, maxLength: 40 });
const Name = Type.String({ maxLength: 300 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** `CitizenApplicationSummary` (application.ts): no `modifiedDate`, eVaka hides modification info from citizens. */
export const CitizenApplicationSummary = Type.Object({
  allPreferredUnitNames: Type.Array(Name, { maxItems: 20 }),
  applicationId: Uuid,
  applicationStatus: literals(EVAKA_APPLICATION_STATUSES),
  childId: Uuid,
  childName: Nullable(Name),
  createdDate: HelsinkiDateTime,
  preferredUnitName: Nullable(Name),
  sentDate: Nullable(LocalDate),
  startDate: Nullable(LocalDate),
  transferApplication: Type.Boolean(),
  type: literals(EVAKA_APPLICATION_TYPES),
});
export type CitizenApplicationSummary = Static<typeof CitizenApplicationSummary>;
export const citizenApplicationSummaryCheck = TypeCompiler.Compile(CitizenApplicationSummary);

/** `ApplicationsOfChild` (application.ts): one per child of the guardian, with or without applications. */
export const ApplicationsOfChild = Type.Object({
  applicationSummaries: Type.Array(Type.Unknown(), { maxItems: 200 }),
  childId: Uuid,
  childName: Name,
  decidableApplications: Type.Array(Uuid, { maxItems: 200 }),
  duplicateOf: Nullable(Uuid),
  permittedActions: Type.Record(Type.String(), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
});
export type ApplicationsOfChild = Static<typeof ApplicationsOfChild>;
/** `GET /citizen/applications/by-guardian`: a bare array; each child group is checked on its own. */
export const applicationsByGuardianCheck = TypeCompiler.Compile(Type.Array(Type.Unknown(), { maxItems: 50 }));
export const applicationsOfChildCheck = TypeCompiler.Compile(ApplicationsOfChild);

/** `CitizenChildren` (application.ts): the one citizen answer that carries the child's identity code. */
export const CitizenChildren = Type.Object({
  dateOfBirth: LocalDate,
  duplicateOf: Nullable(Uuid),
  firstName: Name,
  id: Uuid,
  lastName: Name,
  socialSecurityNumber: Nullable(Type.String({ maxLength: 20 })),
});
export type CitizenChildren = Static<typeof CitizenChildren>;
/** `GET /citizen/applications/children`: a bare array. */
export const applicationChildrenCheck = TypeCompiler.Compile(Type.Array(Type.Unknown(), { maxItems: 50 }));
export const citizenChildrenCheck = TypeCompiler.Compile(CitizenChildren);

/** `DecisionSummary` (application.ts). */
export const DecisionSummary = Type.Object({
  applicationId: Uuid,
  childId: Uuid,
  id: Uuid,
  resolved: Nullable(LocalDate),
  sentDate: LocalDate,
  status: literals(EVAKA_DECISION_STATUSES),
  type: literals(EVAKA_DECISION_TYPES),
});
export type DecisionSummary = Static<typeof DecisionSummary>;
export const decisionSummaryCheck = TypeCompiler.Compile(DecisionSummary);

/** `ApplicationDecisions` (application.ts), the answer of `GET /citizen/decisions`. */
export const ApplicationDecisions = Type.Object({
  decidableApplications: Type.Array(Uuid, { maxItems: 500 }),
  decisions: Type.Array(Type.Unknown(), { maxItems: 500 }),
  permittedActions: Type.Record(Type.String(), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
});
export type ApplicationDecisions = Static<typeof ApplicationDecisions>;
export const applicationDecisionsCheck = TypeCompiler.Compile(ApplicationDecisions);

/** `CitizenUserIdentity` (service PersonQueries.kt), the answer of `POST /system/citizen-login`. */
export const CitizenUserIdentity = Type.Object({ id: Uuid });
export const citizenUserIdentityCheck = TypeCompiler.Compile(CitizenUserIdentity);
