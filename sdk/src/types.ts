// Public model types are aliases of the OpenAPI schemas (generated/api.ts), so regenerating that file from
// server/openapi.json updates the SDK without hand edits. Nested types are derived from the top-level
// schemas rather than named schemas, because the generator may inline them.
import type { components, operations } from './generated/api.js';

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

export type FeedItem = Schemas['FeedItem'];
export type Feed = Schemas['Feed'];
export type Notice = Schemas['Notice'];
export type NoticeSeverity = Schemas['NoticeSeverity'];
export type NoticeList = Schemas['NoticeList'];
export type NoticeInput = Schemas['NoticeInput'];
export type StaffNotice = Schemas['StaffNotice'];
export type StaffNoticeList = Schemas['StaffNoticeList'];
export type NoticeChange = Schemas['NoticeChange'];
export type NoticeChangeList = Schemas['NoticeChangeList'];
export type StaffSession = Schemas['StaffSession'];
export type FeedReason = Schemas['FeedReason'];
/** The real period of what a suggestion suggests (first and last day). */
export type FeedWindow = Schemas['FeedWindow'];
export type FeedItemKind = FeedItem['kind'];
export type Service = Schemas['Service'];
export type ServiceChannel = Schemas['ServiceChannel'];
export type ChannelPhone = Schemas['ChannelPhone'];
export type ServiceHours = Schemas['ServiceHours'];
export type ServiceList = Schemas['ServiceList'];
export type Consent = Schemas['Consent'];
export type AccessLogEntry = Schemas['AccessLogEntry'];
export type AccessLogPage = Schemas['AccessLogPage'];
export type MyData = Schemas['MyData'];
export type MyDataExport = Schemas['MyDataExport'];
export type RemovalResult = Schemas['RemovalResult'];
export type RetentionInfo = Schemas['RetentionInfo'];
/** The `KA_*` codes the API sends in a problem's `code` (the server's one table of problems). */
export type ProblemCode = Schemas['ProblemCode'];

/** No parameters: `{}` only, so that any key is a compile error. */
export type NoParams = Record<string, never>;
/** The query parameters of an operation, from its schema; a route without any takes `NoParams`. */
type QueryOf<Op extends keyof operations> = [NonNullable<operations[Op]['parameters']['query']>] extends [never]
  ? NoParams
  : NonNullable<operations[Op]['parameters']['query']>;

/** The JSON body of an operation, from its schema. */
type BodyOf<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends {
    content: { 'application/json': infer Body };
  }
    ? Body
    : never;

/** Body of `consent.grant` (`PUT /v1/me/consent`). */
export type ConsentGrant = BodyOf<'grantMyConsent'>;
/** Query parameters of `feed.list` (`GET /v1/me/feed`). */
export type FeedListParams = QueryOf<'getMyFeed'>;
/** Query parameters of `feed.public` (`GET /v1/municipalities/{id}/feed`). */
export type FeedPublicParams = QueryOf<'getMunicipalityFeed'>;
/** Query parameters of `services.search` (`GET /v1/municipalities/{id}/services`). */
export type ServiceSearchParams = QueryOf<'searchMunicipalityServices'>;
/** Query parameters of `cases.list` (`GET /v1/me/cases`). */
export type CaseListParams = QueryOf<'listMyCases'>;
/** Query parameters of `myData.accessLog` (`GET /v1/me/access-log`). */
export type AccessLogParams = QueryOf<'listMyAccessLog'>;
/** What `myData.remove` removes (`DELETE /v1/me/data/{kind}`). */
export type RemovableDataKind = operations['removeMyData']['parameters']['path']['kind'];
/** Query parameters of `cases.retrieve` (`GET /v1/me/cases/{id}`). */
export type CaseRetrieveParams = QueryOf<'getMyCase'>;

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
