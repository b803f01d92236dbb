import type { Api } from '../client.js';
import { NetworkError } from '../errors.js';
import type { LiveOptions, SharedLiveStream } from '../live.js';
import type { SseEvent } from '../sse.js';
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

function toCaseChanged(event: SseEvent): CaseChangedEvent | undefined {
  if (event.type !== 'case-changed') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { caseId, source, status } = body as Record<string, unknown>;
  if (typeof caseId !== 'string' || caseId === '' || typeof source !== 'string' || typeof status !== 'string') {
    return undefined;
  }
  return { type: 'case-changed', eventId: event.lastEventId, caseId, source, status };
}

/** `client.cases`: the signed-in citizen's cases across back ends. */
export class CasesResource {
  private live: SharedLiveStream | undefined;
  private loadingLive: Promise<SharedLiveStream> | undefined;

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
    const deliver = (event: SseEvent) => {
      const change = toCaseChanged(event);
      if (!change) return;
      try {
        listener(change);
      } catch (error) {
        console.error(error);
      }
    };
    if (this.live) return this.live.join(deliver, options);
    // The live-update code (live.ts, sse.ts) is imported with the first subscription: most pages never subscribe.
    this.loadingLive ??= import('../live.js').then(
      ({ SharedLiveStream }) => (this.live = new SharedLiveStream(this.api, 'v1/me/events')),
      (error: unknown) => {
        this.loadingLive = undefined;
        throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not load the live-update code', cause: error });
      },
    );
    let leave: (() => void) | undefined;
    let left = false;
    this.loadingLive.then(
      (live) => {
        if (!left) leave = live.join(deliver, options);
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
