/**
 * The one HTTP client of every connector (security.md checks 14, 23, 25): its own undici connection pool per
 * source; only hosts on the source's allow-list; redirects are never followed (a 3xx is a failure); a cap on
 * the response size; the call's AbortSignal reaches the socket; bodies are parsed and schema-checked here, so a
 * malformed answer is a SourceUnavailableError('malformed'), never a 500. At most one retry, for idempotent
 * GETs only, on a network error or a 5xx (never on a 4xx), after a jittered pause, and only inside the budget.
 */
import { Agent, errors as undiciErrors, request } from 'undici';
import type { CallContext } from './contract.js';
import { SourceUnavailableError } from './contract.js';
/** Where retries are counted (the aggregate layer's metrics); a structural type, so connectors import no metrics. */
export interface RetryCounter {
  inc(labels: Record<string, string>): void;
}

export interface OutboundOptions {
  baseUrl: string;
  /** `host` or `host:port`; the host of baseUrl is always allowed. */
  allowedHosts?: readonly string[] | undefined;
  /** Pool size: sockets this source may hold open. */
  connections?: number;
  maxResponseBytes?: number;
  /** The municipality, for metrics labels only. */
  municipalityId?: string;
}

/** A structural check (TypeBox TypeCheck fits): returns true when `value` has the expected shape. */
export interface BodyCheck<T> {
  Check(value: unknown): value is T;
  Errors(value: unknown): { First(): { path: string } | undefined };
}

export interface OutboundRequest<T> {
  method: 'GET' | 'POST';
  /** Path (and query) under baseUrl. Never personal data. */
  path: string;
  headers?: Record<string, string>;
  /** JSON body (POST). */
  body?: unknown;
  /** A body sent as it is instead of JSON (a SOAP envelope for X-Road), with its content type. */
  rawBody?: { contentType: string; text: string };
  /** Reads the answer as text and turns it into a value (an XML parser) instead of JSON; a throw is `malformed`. */
  decode?: (text: string) => unknown;
  check: BodyCheck<T>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/** A retry is only worth it if this much of the budget is left after the pause. */
const MIN_TIME_FOR_RETRY_MS = 150;

export class OutboundHttp {
  readonly sourceId: string;
  readonly baseUrl: URL;
  readonly #allowed: ReadonlySet<string>;
  readonly #agent: Agent;
  readonly #retries: RetryCounter | undefined;
  readonly #municipalityId: string;

  constructor(sourceId: string, options: OutboundOptions, retries?: RetryCounter) {
    this.sourceId = sourceId;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#allowed = new Set([this.baseUrl.host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
    this.#retries = retries;
    this.#municipalityId = options.municipalityId ?? '';
    this.#agent = new Agent({
      connections: options.connections ?? 32,
      maxResponseSize: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      keepAliveTimeout: 10_000,
    });
  }

  /** Sockets this source's pool holds open now (for the socket-leak test and diagnostics). */
  openSockets(): number {
    let connected = 0;
    for (const stats of Object.values(this.#agent.stats)) {
      // A pool reports a count, a single client a flag.
      connected += typeof stats.connected === 'number' ? stats.connected : stats.connected ? 1 : 0;
    }
    return connected;
  }

  async json<T>(context: CallContext, req: OutboundRequest<T>): Promise<T> {
    const url = this.#resolve(req.path);
    const idempotent = req.method === 'GET';
    try {
      return await this.#once(url, context, req);
    } catch (error) {
      if (!idempotent || !retryable(error) || context.signal.aborted) throw error;
      const pause = 20 + Math.random() * 60;
      if (context.deadline - performance.now() < pause + MIN_TIME_FOR_RETRY_MS) throw error;
      await sleep(pause, context.signal);
      this.#retries?.inc({ source: this.sourceId, municipality: this.#municipalityId });
      return await this.#once(url, context, req);
    }
  }

  /** On shutdown: in-flight requests are aborted, not waited for. */
  async close(): Promise<void> {
    await this.#agent.destroy();
  }

  #resolve(path: string): URL {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !this.#allowed.has(url.host.toLowerCase())) {
      throw new SourceUnavailableError('not_allowed', `host not on the allow-list of ${this.sourceId}`);
    }
    return url;
  }

  async #once<T>(url: URL, { signal }: CallContext, req: OutboundRequest<T>): Promise<T> {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: req.method,
        dispatcher: this.#agent,
        signal,
        headers: {
          accept: 'application/json',
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(req.rawBody ? { 'content-type': req.rawBody.contentType } : {}),
          ...req.headers,
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        ...(req.rawBody ? { body: req.rawBody.text } : {}),
      });
    } catch (error) {
      throw new SourceUnavailableError(signal.aborted ? 'timeout' : 'network', `request failed: ${errorCode(error)}`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      // 3xx included: redirects are not followed (an allow-listed host must not send us elsewhere).
      throw new SourceUnavailableError('http_status', `HTTP ${response.statusCode}`, {
        cause: { status: response.statusCode },
      });
    }
    let body: unknown;
    try {
      body = req.decode ? req.decode(await response.body.text()) : await response.body.json();
    } catch (error) {
      throw new SourceUnavailableError(
        signal.aborted ? 'timeout' : 'malformed',
        `response body unreadable: ${errorCode(error)}`,
      );
    }
    if (!req.check.Check(body)) {
      const first = req.check.Errors(body).First();
      throw new SourceUnavailableError('malformed', `unexpected response shape at ${first?.path || '/'}`);
    }
    return body;
  }
}

function retryable(error: unknown): boolean {
  if (!(error instanceof SourceUnavailableError)) return false;
  if (error.reason === 'network') return true;
  const status = (error.cause as { status?: number } | undefined)?.status;
  return error.reason === 'http_status' && status !== undefined && status >= 500;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SourceUnavailableError('timeout', 'aborted during retry pause'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A code or class name only: undici messages are safe, but a parser's could quote the body. */
export function errorCode(error: unknown): string {
  if (error instanceof undiciErrors.UndiciError) return error.code;
  if (error instanceof Error) return (error as { code?: string }).code ?? error.name;
  return 'unknown';
}
