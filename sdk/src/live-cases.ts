// The live updates of \`client.cases.subscribe\`: \`case-changed\` events of \`GET /v1/me/events\`, parsed and handed to
// the listener. Imported with the first subscription (with live.ts and sse.ts), never by a page that does not
// subscribe.
import type { Api } from './client.js';
import { SharedLiveStream } from './live.js';
import type { LiveOptions } from './live.js';
import type { CaseChangedEvent, CaseChangeListener } from './resources/cases.js';
import type { SseEvent } from './sse.js';

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

/** One client's shared connection, delivering its case changes to each listener. */
export class CaseLive {
  private readonly stream: SharedLiveStream;

  constructor(api: Api) {
    this.stream = new SharedLiveStream(api, 'v1/me/events');
  }

  /** Calls `listener` for every well-formed `case-changed` event; returns a function that leaves. */
  join(listener: CaseChangeListener, options: LiveOptions): () => void {
    return this.stream.join((event) => {
      const change = toCaseChanged(event);
      if (!change) return;
      try {
        listener(change);
      } catch (error) {
        console.error(error);
      }
    }, options);
  }
}
