// Public model types are aliases of the OpenAPI schemas (generated/api.ts), so regenerating that file from
// server/openapi.json updates the SDK without hand edits. Nested types are derived from the top-level
// schemas rather than named schemas, because the generator may inline them.
import type { components } from './generated/api.js';

type Schemas = components['schemas'];

export type Case = Schemas['Case'];
export type CaseList = Schemas['CaseList'];
export type SourceStatus = Schemas['SourceStatus'];
export type Municipality = Schemas['PublicMunicipality'];
export type Problem = Schemas['Problem'];

export type CaseStatus = Case['status'];
export type TimelineEntry = Case['timeline'][number];
export type CaseAction = Case['actions'][number];
export type LocalizedText = Case['title'];
export type SourceState = SourceStatus['status'];
export type MunicipalityAuthSettings = Municipality['auth'];

/** Every case status in the unified model, in lifecycle order. */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'in_progress',
  'action_required',
  'decided',
  'closed',
  'cancelled',
] as const satisfies readonly CaseStatus[];

/** Options every call accepts. */
export interface RequestOptions {
  /** Aborts the request (and any retry waiting for its turn). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call, in milliseconds. */
  timeout?: number;
}

/** Query parameters of `cases.list`; none are defined by the API yet. */
export type CaseListParams = Record<string, string | number | boolean | undefined>;
/** Query parameters of `cases.retrieve`; none are defined by the API yet. */
export type CaseRetrieveParams = Record<string, string | number | boolean | undefined>;
