import type { Api } from '../client.js';
import { NetworkError } from '../errors.js';
import type { LiveOptions } from '../live.js';
import type { CaseLive } from '../live-cases.js';
import type { Case, CaseList, CaseListParams, CaseRetrieveParams, CaseStatus, RequestOptions } from '../types.js';

/** `event: case-changed` of `GET /v1/me/events`: one of the citizen's cases changed in its back end. */
export interface CaseChangedEvent {
  type: 'case-changed';
  /** The stream's event id (what a reconnection resumes from); '' when the server sent none. */
  eventId: string;
  /** The case's id, as in `Case.id`. */
  caseId: string;
  /** The source (back end) id, as in `Case.source`. */
  source: string;
  /** The new status; a status this SDK version does not know is passed on as it came. */
  status: CaseStatus | (string & {});
}

export type CaseChangeListener = (event: CaseChangedEvent) => void;

/** Options of `cases.subscribe`. */
export type SubscribeOptions = LiveOptions;

/** `client.cases`: the signed-in citizen's cases across back ends. */
export class CasesResource {
  private live: CaseLive | undefined;
  private loadingLive: Promise<CaseLive> | undefined;

  constructor(private readonly api: Api) {}

  /** `GET /v1/me/cases`: every case plus the status of each source (ok, stale, unavailable). */
  list(params: CaseListParams = {}, options: RequestOptions = {}): Promise<CaseList> {
    return this.api.request<CaseList>('GET', 'v1/me/cases', { ...options, searchParams: params });
  }

  /** `GET /v1/me/cases/{id}`. Someone else's case and a missing one both give NotFoundError. */
  retrieve(id: string, params: CaseRetrieveParams = {}, options: RequestOptions = {}): Promise<Case> {
    if (typeof id !== 'string' || id === '') throw new TypeError('cases.retrieve(id): id must be a non-empty string');
    return this.api.request<Case>('GET', `v1/me/cases/${encodeURIComponent(id)}`, { ...options, searchParams: params });
  }

  /**
   * Live updates from `GET /v1/me/events` (Server-Sent Events over an authenticated fetch): calls `listener` for
   * every `case-changed` event; other event types and malformed events are skipped. Reconnects after a network
   * failure with exponential backoff and jitter, resuming with `Last-Event-ID`; stops for good (reported as
   * `stopped` through `onStatus`) when the API refuses the session. Subscribers of one client share one
   * connection. Returns a function that unsubscribes.
   */
  subscribe(listener: CaseChangeListener, options: SubscribeOptions = {}): () => void {
    if (typeof listener !== 'function') throw new TypeError('cases.subscribe(listener): listener must be a function');
    if (this.live) return this.live.join(listener, options);
    // The live-update code (live-cases.ts, live.ts, sse.ts) is imported with the first subscription: most pages
    // never subscribe.
    this.loadingLive ??= import('../live-cases.js').then(
      ({ CaseLive }) => (this.live = new CaseLive(this.api)),
      (error: unknown) => {
        this.loadingLive = undefined;
        throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not load the live-update code', cause: error });
      },
    );
    let leave: (() => void) | undefined;
    let left = false;
    this.loadingLive.then(
      (live) => {
        if (!left) leave = live.join(listener, options);
      },
      (error: NetworkError) => {
        if (!left) options.onStatus?.({ state: 'stopped', error });
      },
    );
    return () => {
      if (left) return;
      left = true;
      if (leave) leave();
      else options.onStatus?.({ state: 'closed' });
    };
  }
}
