/**
 * The one HTTP client of every connector (security.md checks 14, 23, 25): its own undici connection pool per
 * source; only hosts on the source's allow-list; redirects are never followed (a 3xx is a failure); a cap on
 * the response size; the call's AbortSignal reaches the socket; bodies are parsed and schema-checked here, so a
 * malformed answer is a SourceUnavailableError('malformed'), never a 500. At most one retry, for idempotent
 * GETs only, on a network error or a 5xx (never on a 4xx), after a jittered pause, and only inside the budget.
 */
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { SourceTransport } from './config-common.js';
import type { CallContext } from './contract.js';
import { SourceUnavailableError } from './contract.js';
import { createTransport, type Transport } from './transport.js';

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
  /** The source's `auth` / `tls` (or older `token`) settings: how every request proves who we are (transport.ts). */
  transport?: SourceTransport | undefined;
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
  check: BodyCheck<T>;
}

/** A request whose body is already text (XML, a form) and whose answer is read as text. */
export interface OutboundTextRequest {
  method: 'GET' | 'POST';
  /** Path (and query) under baseUrl. Never personal data. */
  path: string;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
  /** Of the body (default text/plain; charset=utf-8). */
  contentType?: string | undefined;
  /** Default any. */
  accept?: string | undefined;
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
  readonly #transport: Transport;

  constructor(sourceId: string, options: OutboundOptions, retries?: RetryCounter) {
    this.sourceId = sourceId;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#allowed = new Set([this.baseUrl.host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
    this.#retries = retries;
    this.#municipalityId = options.municipalityId ?? '';
    this.#transport = createTransport(sourceId, options.transport);
    const tls = this.#transport.tls;
    this.#agent = new Agent({
      connections: options.connections ?? 32,
      maxResponseSize: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      keepAliveTimeout: 10_000,
      // Mutual TLS: the municipality's client certificate on every connection of this pool.
      ...(tls ? { connect: { ...tls } } : {}),
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

  /** How this source authenticates (`none`, `bearer`, `api-key`, `oauth2-client-credentials`, `x-road`). */
  get authKind(): Transport['kind'] {
    return this.#transport.kind;
  }

  async json<T>(context: CallContext, req: OutboundRequest<T>): Promise<T> {
    return this.#withRetry(context, req.method, async () => {
      const response = await this.#send(context, {
        method: req.method,
        path: req.path,
        headers: req.headers,
        accept: 'application/json',
        ...(req.body !== undefined ? { body: JSON.stringify(req.body), contentType: 'application/json' } : {}),
      });
      let body: unknown;
      try {
        body = await response.body.json();
      } catch (error) {
        throw unreadable(context, error);
      }
      if (!req.check.Check(body)) {
        const first = req.check.Errors(body).First();
        throw new SourceUnavailableError('malformed', `unexpected response shape at ${first?.path || '/'}`);
      }
      return body;
    });
  }

  /**
   * The same client for back ends that do not speak JSON (the population register's XML over X-Road, say): the
   * body is sent as given and the answer returned as text, for the connector's own parser and checks.
   */
  async text(context: CallContext, req: OutboundTextRequest): Promise<string> {
    return this.#withRetry(context, req.method, async () => {
      const response = await this.#send(context, req);
      try {
        return await response.body.text();
      } catch (error) {
        throw unreadable(context, error);
      }
    });
  }

  /** At most one retry, for idempotent GETs only, on a network error or a 5xx, and only inside the budget. */
  async #withRetry<T>(context: CallContext, method: 'GET' | 'POST', once: () => Promise<T>): Promise<T> {
    try {
      return await once();
    } catch (error) {
      if (method !== 'GET' || !retryable(error) || context.signal.aborted) throw error;
      const pause = 20 + Math.random() * 60;
      if (context.deadline - performance.now() < pause + MIN_TIME_FOR_RETRY_MS) throw error;
      await sleep(pause, context.signal);
      this.#retries?.inc({ source: this.sourceId, municipality: this.#municipalityId });
      return await once();
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

  /** One request; resolves with a 200 answer whose body is still to be read, or throws SourceUnavailableError. */
  async #send(context: CallContext, req: OutboundTextRequest): Promise<Dispatcher.ResponseData> {
    const { signal } = context;
    this.#resolve(req.path);
    // Per request: an X-Road message id of its own, an OAuth token that may have been renewed.
    const prepared = await this.#transport.prepare(req.path, context, this.#agent);
    const url = this.#resolve(prepared.path);
    const headers = mergeHeaders(
      this.sourceId,
      {
        accept: req.accept ?? '*/*',
        ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'text/plain; charset=utf-8' } : {}),
        ...req.headers,
      },
      prepared.headers,
    );
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: req.method,
        dispatcher: this.#agent,
        signal,
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
    } catch (error) {
      throw new SourceUnavailableError(signal.aborted ? 'timeout' : 'network', `request failed: ${errorCode(error)}`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      if (response.statusCode === 401) this.#transport.rejected();
      // 3xx included: redirects are not followed (an allow-listed host must not send us elsewhere).
      throw new SourceUnavailableError('http_status', `HTTP ${response.statusCode}`, {
        cause: { status: response.statusCode },
      });
    }
    return response;
  }
}

/**
 * The connector's headers with the transport's (credentials, X-Road identifiers) added, by lower-case name. A header
 * both set is a mistake in the configuration or the connector: refused, so that neither silently replaces the other
 * (a configured credential the connector's own API key, or a header that carries the identity code).
 */
function mergeHeaders(
  sourceId: string,
  own: Record<string, string>,
  transport: Readonly<Record<string, string>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(own)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(transport)) {
    const key = name.toLowerCase();
    if (key in headers)
      throw new SourceUnavailableError('not_allowed', `${sourceId}: both the connector and its transport set ${key}`);
    headers[key] = value;
  }
  return headers;
}

function unreadable({ signal }: CallContext, error: unknown): SourceUnavailableError {
  return new SourceUnavailableError(
    signal.aborted ? 'timeout' : 'malformed',
    `response body unreadable: ${errorCode(error)}`,
  );
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
