import type { Case } from '../schemas/case.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';

/** What a source needs for one citizen's request. */
export interface SourceRequest {
  /** The data subject. Goes into back-end request bodies only, never into URLs or errors. */
  identityCode: string;
  /** Aborted when the source's time budget runs out; connectors pass it down to the socket. */
  signal: AbortSignal;
}

/** One back-end system that holds cases; a connector creates one per municipality that configures it. */
export interface CaseSource {
  readonly id: string;
  /** This source's share of the response budget. */
  readonly timeoutMs: number;
  fetchCases(request: SourceRequest): Promise<Case[]>;
  close?(): Promise<void>;
}

/** A connector: builds the municipality's source from its config, or null when it is not configured. */
export interface CaseConnector {
  readonly id: string;
  create(municipality: MunicipalityConfig): CaseSource | null;
}

/**
 * A source failed in a way the citizen should see as "unavailable". The message is for the log and must not
 * contain personal data or back-end payloads.
 */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
  readonly reason: 'timeout' | 'network' | 'http_status' | 'malformed';

  constructor(reason: SourceUnavailableError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
