import type { FastifyBaseLogger } from 'fastify';
import type { Case, CaseStatus, SourceStatus } from '../schemas/case.js';
import type { LifeSituationFacts } from '../schemas/life-situation.js';
import type { Service } from '../schemas/service.js';
import type { Db } from '../store/database.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import type { SourceResilience } from './config-common.js';
import type { OutboundHttp, OutboundOptions } from './outbound-http.js';

/** One call's share of the response budget, handed to a connector by the aggregate layer (source-guard.ts). */
export interface CallContext {
  /** Aborted when the source's time budget runs out; connectors pass it down to the socket. */
  signal: AbortSignal;
  /** performance.now() at which the budget runs out; a retry is only tried if it fits before it. */
  deadline: number;
}

/** What a source needs for one citizen's request. */
export interface SourceRequest extends CallContext {
  /** The data subject. Goes into back-end request bodies or headers only, never into URLs or errors. */
  identityCode: string;
}

/** One back-end system that holds cases; a connector creates one per municipality that configures it. */
export interface CaseSource {
  readonly id: string;
  /** This source's share of the response budget (default 1.5 s). */
  readonly timeoutMs: number | undefined;
  /** Per-source resilience overrides (bulkhead, breaker, stale TTL, allow-list); defaults when absent. */
  readonly resilience?: SourceResilience | undefined;
  /** Sources that cannot push changes are polled for citizens with an open live-update stream. */
  readonly pollIntervalMs?: number | undefined;
  /** The citizen's cases; rows that did not validate are left out and named in `skipped` (never the whole answer). */
  fetchCases(request: SourceRequest): Promise<SourceCases>;
  close?(): Promise<void>;
}

/**
 * A row of a back end's answer that was left out because it did not validate (an unknown state, a missing field).
 * `reason` is a short fixed code such as `unknown_state` or `missing_field`: it goes into a metric and a log line,
 * so it never carries personal data or a value from the row.
 */
export interface SkippedRow {
  reason: string;
}

/** One source's answer: the rows that mapped, and the ones left out. A source with skipped rows is `partial`. */
export interface SourceCases {
  cases: Case[];
  skipped: SkippedRow[];
}

/** What a pushed webhook event means for us, once verified (routes/webhooks.ts). */
export interface WebhookCaseEvent {
  /** The data subject's identity code from the signed body; pseudonymised at once, never stored. */
  identityCode: string;
  /** Unified case id, e.g. `lupapiste:LP-535-2026-00012`. */
  caseId: string;
  status: CaseStatus;
  /** The official code (kuntanumero, e.g. `535`) of the municipality the case belongs to. */
  municipalityCode: string;
}

/** Services the aggregate layer offers connectors when it builds their sources. */
export interface ConnectorContext {
  /** The pseudonymous, stable reference of a child, from the child's identity code (never reversible). */
  childRef(identityCode: string): string;
  /** The child's own access-log pseudonym (audit/pseudonym.ts), from the child's identity code. */
  childPseudonym?(identityCode: string): string;
  /** An HTTP client for one source: own pool, outbound allow-list, no redirects, size cap, retry policy. */
  http(sourceId: string, options: OutboundOptions): OutboundHttp;
}

/** Whose data a call is about. The identity code goes to back ends only; everything stored uses the pseudonym. */
export interface CitizenScope {
  municipalityId: string;
  /** HMAC of the identity code (audit/pseudonym.ts): the key of saved copies and of live-update streams. */
  subjectPseudonym: string;
  identityCode: string;
}

/** One guarded call's outcome for one citizen: the data (or the saved copy) and the source's status. */
export interface PersonalResult<T> {
  data: T | null;
  status: SourceStatus;
  /** While `caller.fresh.now()` is below this, the same answer would be given again (aggregate/fresh-answers.ts). */
  freshUntil?: number;
}

/** A source's guard (time budget, breaker, bulkhead) as a connector sees it; aggregate/source-guard.ts is one. */
export interface CallGuard {
  readonly sourceId: string;
  run<T>(work: (context: CallContext) => Promise<T>, options?: { budgetMs?: number }): Promise<T>;
}

/**
 * A guarded call for one citizen with the stale-if-error fallback and the freshness window
 * (aggregate/aggregate-cases.ts PersonalSourceCaller is the one implementation).
 */
export interface PersonalCaller {
  call<T>(
    scope: CitizenScope,
    guard: CallGuard,
    resilience: SourceResilience | undefined,
    work: (context: CallContext) => Promise<T>,
    log: FastifyBaseLogger,
    options?: { fresh?: boolean },
  ): Promise<PersonalResult<T>>;
}

/** A connector: builds the municipality's source from its config, or null when it is not configured. */
export interface CaseConnector {
  readonly id: string;
  create(municipality: MunicipalityConfig, context: ConnectorContext): CaseSource | null;
  /** For sources that push: turns a verified webhook body into an event, or null when it is not one of ours. */
  parseWebhook?(body: unknown): WebhookCaseEvent | null;
}

/**
 * What the aggregate layer offers the connectors that are not case sources (population data, the service
 * catalogue) when they build their service for every municipality at start.
 */
export interface ServiceContext {
  municipalities: readonly MunicipalityConfig[];
  /** The same per-municipality services case connectors get. */
  context(municipalityId: string): ConnectorContext;
  /** The guard of one source of one municipality (one per pair; a second one is a configuration error). */
  guard(
    municipalityId: string,
    sourceId: string,
    timeoutMs: number | undefined,
    resilience: SourceResilience | undefined,
  ): CallGuard;
  caller: PersonalCaller;
  /** The subject pseudonym of an identity code (audit/pseudonym.ts). */
  pseudonym(identityCode: string): string;
  db: Db;
  now: () => Date;
  log: FastifyBaseLogger;
}

/** The life-situation facts of every municipality that configures them (used by the rules and for authorization). */
export interface FactsService {
  configured(municipalityId: string): boolean;
  /** A personal-data read: the caller audits it. `facts` is null when the source is down and nothing is saved. */
  facts(
    citizen: { municipalityId: string; identityCode: string },
    log?: FastifyBaseLogger,
  ): Promise<{ facts: LifeSituationFacts | null; source: SourceStatus; freshUntil?: number }>;
  factsFor(
    scope: CitizenScope,
    log?: FastifyBaseLogger,
  ): Promise<{ facts: LifeSituationFacts | null; source: SourceStatus; freshUntil?: number }>;
}

/** The public service catalogue of every municipality that configures one, refreshed in the background. */
export interface CatalogueService {
  configured(municipalityId: string): boolean;
  services(municipalityId: string): Promise<{ services: Service[]; source: SourceStatus }>;
  /** Starts the background refresh (on the server's `onReady`). */
  start(): Promise<void> | void;
  close(): void;
}

/** The population-data connector: one FactsService over every municipality's configuration. */
export interface FactsConnector {
  readonly id: string;
  create(services: ServiceContext): FactsService;
}

/** The service-catalogue connector: one CatalogueService over every municipality's configuration. */
export interface CatalogueConnector {
  readonly id: string;
  create(services: ServiceContext): CatalogueService;
}

/**
 * A source failed in a way the citizen should see as "unavailable". The message is for the log and must not
 * contain personal data or back-end payloads.
 */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
  readonly reason:
    | 'timeout'
    | 'network'
    | 'http_status'
    | 'malformed'
    | 'breaker_open'
    | 'bulkhead_full'
    | 'not_allowed'
    | 'not_configured';

  constructor(reason: SourceUnavailableError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
