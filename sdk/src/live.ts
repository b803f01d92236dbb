// Live updates: one Server-Sent Events stream read over an authenticated fetch, kept open across network
// failures (exponential backoff with jitter, resuming with Last-Event-ID) and closed for good on abort or when
// the API refuses the session, so a signed-out page never reconnects in a loop.
import type { Api } from './client.js';
import { NetworkError, RateLimitError, isKuntaError } from './errors.js';
import type { KuntaError } from './errors.js';
import { SseParser } from './sse.js';
import type { SseEvent } from './sse.js';

/** Where a live subscription stands; `stopped` and `closed` are final. */
export type LiveStatus =
  /** Opening a connection. */
  | { state: 'connecting' }
  /** Connected; events flow. `resumed` is true when this is a reconnection (events may have been missed). */
  | { state: 'open'; resumed: boolean }
  /** The connection failed or ended; the next attempt starts after `delay` milliseconds. */
  | { state: 'reconnecting'; delay: number; error: KuntaError | null }
  /** The API refused the subscription (401 not signed in, 403, 404, …); it will not reconnect by itself. */
  | { state: 'stopped'; error: KuntaError }
  /** Unsubscribed or aborted. */
  | { state: 'closed' };

export interface LiveOptions {
  /** Ends the subscription, like calling the returned function. */
  signal?: AbortSignal;
  /** Reports the connection state; useful for "live updates paused" notes. */
  onStatus?: (status: LiveStatus) => void;
  /**
   * Reconnects when nothing (not even the server's keep-alive comment, sent every 25 s) arrived for this many
   * milliseconds: a proxy may keep a dead connection open. Default 60 000.
   */
  idleTimeout?: number;
  /** The first reconnection delay in milliseconds, doubled per failure up to 60 s; default 1000. A `retry:` field
   * from the server replaces it. */
  retryDelay?: number;
}

export interface StreamOptions extends LiveOptions {
  onEvent: (event: SseEvent) => void;
}

const INITIAL_DELAY = 1_000;
const MAX_DELAY = 60_000;
/** A connection counts as healthy (backoff starts again from the beginning) after this long, or one event. */
const HEALTHY_AFTER = 30_000;

/** Errors after which reconnecting cannot help until something else changes (sign-in, configuration). */
function isFinal(error: KuntaError): boolean {
  const status = error.status ?? 0;
  if (error.code === 'KA_UNAUTHENTICATED' || error.code === 'KA_FORBIDDEN') return true;
  // A 2xx that is not an event stream (a proxy's HTML page): the standard fails such a connection for good.
  if (status >= 200 && status < 300) return true;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Opens `path` as an event stream and keeps it open. Returns a function that closes it. */
export function openLiveStream(api: Api, path: string, options: StreamOptions): () => void {
  const controller = new AbortController();
  const stop = () => controller.abort(new DOMException('The subscription was closed', 'AbortError'));
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  void run(api, path, options, controller.signal).finally(() => options.signal?.removeEventListener('abort', stop));
  return stop;
}

function report(options: LiveOptions, status: LiveStatus) {
  try {
    options.onStatus?.(status);
  } catch (error) {
    console.error(error);
  }
}

async function run(api: Api, path: string, options: StreamOptions, signal: AbortSignal): Promise<void> {
  const idleTimeout = options.idleTimeout ?? 60_000;
  let lastEventId = '';
  let baseDelay = options.retryDelay ?? INITIAL_DELAY;
  let failures = 0;
  let opened = false;

  while (!signal.aborted) {
    report(options, { state: 'connecting' });
    const connection = new AbortController();
    const abortConnection = () => connection.abort(signal.reason);
    signal.addEventListener('abort', abortConnection, { once: true });
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => connection.abort(new NetworkError({ code: 'KA_NETWORK', message: 'The event stream went silent' })),
        idleTimeout,
      );
    };
    let failure: KuntaError | null = null;
    let healthy = false;
    try {
      touch();
      const response = await api.openStream(path, {
        signal: connection.signal,
        ...(lastEventId ? { headers: { 'Last-Event-ID': lastEventId } } : {}),
      });
      touch();
      report(options, { state: 'open', resumed: opened });
      opened = true;
      const openedAt = Date.now();
      const parser = new SseParser(
        {
          onEvent: (event) => {
            healthy = true;
            try {
              options.onEvent(event);
            } catch (error) {
              console.error(error);
            }
          },
          onRetry: (ms) => {
            baseDelay = Math.min(Math.max(ms, 0), MAX_DELAY);
          },
        },
        { lastEventId },
      );
      try {
        await readStream(response, connection.signal, (text) => {
          touch();
          parser.push(text);
          lastEventId = parser.lastEventId;
        });
      } finally {
        lastEventId = parser.lastEventId;
        parser.end();
        if (Date.now() - openedAt >= HEALTHY_AFTER) healthy = true;
      }
    } catch (error) {
      if (signal.aborted) break;
      const reason = connection.signal.aborted ? connection.signal.reason : error;
      failure = isKuntaError(reason)
        ? reason
        : new NetworkError({ code: 'KA_NETWORK', message: 'The event stream broke off', cause: reason });
      if (isFinal(failure)) {
        report(options, { state: 'stopped', error: failure });
        return;
      }
    } finally {
      clearTimeout(idleTimer);
      signal.removeEventListener('abort', abortConnection);
      connection.abort();
    }
    if (signal.aborted) break;

    failures = healthy ? 1 : failures + 1;
    const delay = backoff(baseDelay, failures, failure);
    report(options, { state: 'reconnecting', delay, error: failure });
    await sleep(delay, signal);
  }
  report(options, { state: 'closed' });
}

/** Exponential backoff with "equal jitter" (half fixed, half random), honouring a 429's Retry-After. */
export function backoff(base: number, failures: number, error: KuntaError | null, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY, base * 2 ** Math.max(0, failures - 1));
  const delay = ceiling / 2 + random() * (ceiling / 2);
  const retryAfter = error instanceof RateLimitError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
  return Math.round(Math.max(delay, Math.min(retryAfter, MAX_DELAY * 5)));
}

async function readStream(response: Response, signal: AbortSignal, onText: (text: string) => void) {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      onText(decoder.decode(value, { stream: true }));
    }
    onText(decoder.decode());
  } finally {
    signal.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

interface Member {
  onEvent: (event: SseEvent) => void;
  options: LiveOptions;
}

/**
 * Many subscribers, one connection: widgets on a page share a client, and browsers allow only six HTTP/1.1
 * connections per origin. The stream opens with the first subscriber (its `idleTimeout` and `retryDelay` apply)
 * and closes with the last; a late subscriber is told the current state at once.
 */
export class SharedLiveStream {
  private readonly members = new Set<Member>();
  private stop: (() => void) | undefined;
  private generation: object | undefined;
  private last: LiveStatus | undefined;

  constructor(
    private readonly api: Api,
    private readonly path: string,
  ) {}

  join(onEvent: (event: SseEvent) => void, options: LiveOptions): () => void {
    if (options.signal?.aborted) {
      report(options, { state: 'closed' });
      return () => undefined;
    }
    const member: Member = { onEvent, options };
    this.members.add(member);
    const leave = () => {
      options.signal?.removeEventListener('abort', leave);
      if (!this.members.delete(member)) return;
      report(options, { state: 'closed' });
      if (this.members.size === 0) this.close();
    };
    options.signal?.addEventListener('abort', leave, { once: true });
    if (this.stop) {
      if (this.last) report(options, this.last);
      return leave;
    }
    const generation = {};
    this.generation = generation;
    this.stop = openLiveStream(this.api, this.path, {
      ...(options.idleTimeout !== undefined ? { idleTimeout: options.idleTimeout } : {}),
      ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
      onEvent: (event) => {
        if (this.generation !== generation) return;
        for (const { onEvent: deliver } of [...this.members]) deliver(event);
      },
      onStatus: (status) => {
        // Members get their own `closed` when they leave; a closed connection's late reports are not theirs.
        if (this.generation !== generation || status.state === 'closed') return;
        this.last = status;
        const members = [...this.members];
        if (status.state === 'stopped') {
          this.members.clear();
          this.close();
        }
        for (const { options: memberOptions } of members) report(memberOptions, status);
      },
    });
    return leave;
  }

  private close() {
    const stop = this.stop;
    this.stop = undefined;
    this.generation = undefined;
    this.last = undefined;
    stop?.();
  }
}
