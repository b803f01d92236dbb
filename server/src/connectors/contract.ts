import type { Case, CaseStatus } from '../schemas/case.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import type { SourceResilience } from '../tenants/source-config.js';
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
  /** An HTTP client for one source: own pool, outbound allow-list, no redirects, size cap, retry policy. */
  http(sourceId: string, options: OutboundOptions): OutboundHttp;
}

/** A connector: builds the municipality's source from its config, or null when it is not configured. */
export interface CaseConnector {
  readonly id: string;
  create(municipality: MunicipalityConfig, context: ConnectorContext): CaseSource | null;
  /** For sources that push: turns a verified webhook body into an event, or null when it is not one of ours. */
  parseWebhook?(body: unknown): WebhookCaseEvent | null;
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
