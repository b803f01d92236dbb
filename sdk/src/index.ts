export { createClient, Api } from './client.js';
export type { ClientOptions, KuntaClient, RequestInit } from './client.js';
export { oidcAuth, staticTokenAuth, deferredAuth, resetOidcRegistry, DEFAULT_SCOPE } from './auth.js';
export type {
  AuthStrategy,
  AuthListener,
  AuthorizeRequest,
  OidcAuthOptions,
  SessionUser,
  SignInOptions,
  StaticTokenAuthOptions,
} from './auth.js';
export type { DpopKeyPair } from './dpop.js';
export { getPageClient, resetPageClients } from './page-client.js';
export type { PageClientOptions } from './page-client.js';
export {
  KuntaError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  UnavailableError,
  NetworkError,
  TimeoutError,
  isKuntaError,
  redact,
} from './errors.js';
export type { KuntaErrorCode, KuntaErrorInit } from './errors.js';
export { CASE_STATUSES } from './types.js';
export type {
  Case,
  CaseList,
  CaseStatus,
  ChannelPhone,
  CaseAction,
  CaseListParams,
  CaseRetrieveParams,
  Consent,
  ConsentGrant,
  Feed,
  FeedItem,
  FeedItemKind,
  FeedListParams,
  FeedPublicParams,
  FeedReason,
  FeedWindow,
  LocalizedText,
  Municipality,
  MunicipalityAuthSettings,
  Notice,
  NoticeChange,
  NoticeChangeList,
  NoticeInput,
  NoticeList,
  NoticeSeverity,
  StaffNotice,
  StaffNoticeList,
  StaffSession,
  NoParams,
  Problem,
  ProblemCode,
  RequestOptions,
  Service,
  ServiceChannel,
  ServiceHours,
  ServiceList,
  ServiceSearchParams,
  SourceState,
  SourceStatus,
  TimelineEntry,
  AccessLogEntry,
  AccessLogPage,
  AccessLogParams,
  MyData,
  MyDataExport,
  RemovableDataKind,
  RemovalResult,
  RetentionInfo,
} from './types.js';
export { CasesResource } from './resources/cases.js';
export type { CaseChangedEvent, CaseChangeListener, SubscribeOptions } from './resources/cases.js';
export type { LiveStatus, LiveOptions } from './live.js';
export { SseParser } from './sse.js';
export type { SseEvent, SseHandlers } from './sse.js';
export { MunicipalityResource } from './resources/municipality.js';
export { FeedResource } from './resources/feed.js';
export { ConsentResource } from './resources/consent.js';
export { ServicesResource } from './resources/services.js';
export { NoticesResource } from './resources/notices.js';
export { StaffResource } from './resources/staff.js';
export { MyDataResource } from './resources/my-data.js';
