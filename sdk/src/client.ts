// The client: built from checked options, resource namespaces on top of one request function. Retries only
// idempotent GETs (at most twice, with jitter, never on 4xx); every call takes an AbortSignal. Plain fetch rather
// than an HTTP library: the widgets ship this file to every page, and it needs only what is here.
import type { AuthStrategy } from './auth.js';
import { AuthenticationError, KuntaError, NetworkError, TimeoutError, isKuntaError } from './errors.js';
import { CasesResource } from './resources/cases.js';
import { ConsentResource } from './resources/consent.js';
import { FeedResource } from './resources/feed.js';
import { MunicipalityResource } from './resources/municipality.js';
import { ServicesResource } from './resources/services.js';
import type { Problem, RequestOptions } from './types.js';

export interface ClientOptions {
  /** API origin (and optional path prefix), e.g. `https://api.example.fi`. */
  baseUrl: string;
  /** Municipality id, e.g. `nivala`. */
  municipality: string;
  /** How requests are authorised; omit for public calls only. */
  auth?: AuthStrategy;
  /** A fetch implementation (tests, Node agents); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds; default 10 000. */
  timeout?: number;
  /** Retries of a failed GET (network error or 502/503/504); 0–2, default 1. */
  maxRetries?: number;
}

export interface RequestInit extends RequestOptions {
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** Send credentials from the auth strategy; default true. */
  authenticate?: boolean;
}

export interface KuntaClient {
  readonly baseUrl: string;
  /** The municipality this client speaks for. */
  readonly municipalityId: string;
  readonly auth: AuthStrategy | undefined;
  /** `GET /v1/municipalities/{id}` (public). */
  readonly municipality: MunicipalityResource;
  /** The signed-in citizen's cases. */
  readonly cases: CasesResource;
  /** Suggestions, tasks and notices: the citizen's own (with consent) or the municipality's general feed. */
  readonly feed: FeedResource;
  /** The citizen's consent to personal suggestions. */
  readonly consent: ConsentResource;
  /** The municipality's service catalogue (public). */
  readonly services: ServicesResource;
  /** A raw call relative to `baseUrl`, for routes without a resource yet. */
  request<T>(method: string, path: string, init?: RequestInit): Promise<T>;
}

const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

function checkOptions(options: ClientOptions): Required<Omit<ClientOptions, 'auth'>> & Pick<ClientOptions, 'auth'> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createClient(options): options must be an object');
  }
  const { baseUrl, municipality, auth, timeout = 10_000, maxRetries = 1 } = options;
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) {
    throw new TypeError('createClient(options): baseUrl must be an absolute http(s) URL');
  }
  const parsed = new URL(baseUrl);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError('createClient(options): baseUrl must be an absolute http(s) URL');
  }
  if (parsed.username || parsed.password) {
    throw new TypeError('createClient(options): baseUrl must not carry credentials');
  }
  if (typeof municipality !== 'string' || !MUNICIPALITY_ID.test(municipality)) {
    throw new TypeError('createClient(options): municipality must be a lower-case id such as "nivala"');
  }
  if (auth !== undefined && (typeof auth !== 'object' || auth === null || typeof auth.authorize !== 'function')) {
    throw new TypeError('createClient(options): auth must be an AuthStrategy (oidcAuth(...) or staticTokenAuth(...))');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('createClient(options): fetch must be a function');
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new TypeError('createClient(options): timeout must be a positive number of milliseconds');
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 2) {
    throw new TypeError('createClient(options): maxRetries must be 0, 1 or 2');
  }
  const base = parsed.href.replace(/\/+$/, '');
  return { baseUrl: base, municipality, auth, fetch: fetchImpl, timeout, maxRetries };
}

/** Creates a client. Throws a TypeError naming the bad option. */
export function createClient(options: ClientOptions): KuntaClient {
  const config = checkOptions(options);
  const api = new Api(config);
  const client: KuntaClient = {
    baseUrl: config.baseUrl,
    municipalityId: config.municipality,
    auth: config.auth,
    municipality: new MunicipalityResource(api, config.municipality),
    cases: new CasesResource(api),
    feed: new FeedResource(api, config.municipality),
    consent: new ConsentResource(api),
    services: new ServicesResource(api, config.municipality),
    request: (method, path, init) => api.request(method, path, init),
  };
  return Object.freeze(client);
}

/** Statuses after which an idempotent GET is tried again: the gateway or a back end was briefly unavailable. */
const RETRY_STATUSES = [502, 503, 504];
/** A 503's Retry-After is honoured up to this long; a longer wait is not worth holding the widget for. */
const MAX_RETRY_AFTER = 3_000;
const ACCEPT = 'application/json, application/problem+json';

/** The single place that talks HTTP. Resources call `request`. */
export class Api {
  private dpopNonce: string | undefined;

  constructor(private readonly config: ReturnType<typeof checkOptions>) {}

  async request<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    // One deadline for the call, retries included; the caller's signal cancels it too.
    const controller = new AbortController();
    const timeout = init.timeout ?? this.config.timeout;
    const timer = setTimeout(
      () => controller.abort(new TimeoutError({ code: 'KA_TIMEOUT', message: 'The API did not answer in time' })),
      timeout,
    );
    const cancel = () => controller.abort(init.signal?.reason);
    init.signal?.addEventListener('abort', cancel, { once: true });
    try {
      init.signal?.throwIfAborted();
      let response = await this.send(method, path, init, controller.signal);
      // RFC 9449 §8: the resource server may ask for a nonce once; repeat with it (safe: the request was refused).
      if (isNonceChallenge(response) && init.authenticate !== false) {
        await discard(response);
        response = await this.send(method, path, init, controller.signal);
      }
      if (!response.ok) throw await errorFromResponse(response);
      if (response.status === 204) return undefined as T;
      // A 200/201 without a body (some state-changing routes) is not a JSON error.
      const body = await response.text();
      return (body === '' ? undefined : JSON.parse(body)) as T;
    } catch (error) {
      throw this.toKuntaError(controller.signal.aborted ? controller.signal.reason : error, init.signal);
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', cancel);
    }
  }

  /** One call with its retries: only a GET, only after a network error or 502/503/504, with jittered backoff. */
  private async send(method: string, path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    const url = new URL(`${this.config.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(init.searchParams ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const auth = init.authenticate === false ? undefined : this.config.auth;
    const retries = method.toUpperCase() === 'GET' ? this.config.maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: ACCEPT };
      if (init.json !== undefined) headers['Content-Type'] = 'application/json';
      // Before every attempt, so each retry gets a fresh DPoP proof.
      Object.assign(headers, await this.credentials(auth, url.href, method));
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.fetch(url.href, {
          method,
          headers,
          signal,
          // A change the user made (a dismissal, a consent) still reaches the API if they leave the page at once.
          ...(method.toUpperCase() === 'GET' ? {} : { keepalive: true }),
          ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        });
      } catch (error) {
        failure = error;
      }
      const delay = attempt < retries && !signal.aborted ? retryDelay(response, attempt) : undefined;
      if (delay === undefined) {
        if (response) return response;
        throw failure;
      }
      if (response) await discard(response);
      await sleep(delay, signal);
    }
  }

  /**
   * Opens a long-lived authenticated GET (Server-Sent Events; EventSource cannot send DPoP headers): a fresh
   * authorisation (DPoP proof) per call, a nonce challenge answered once, no timeout and no retry (the caller
   * reconnects). Resolves once an `text/event-stream` answer has started; rejects with a KuntaError, or with
   * the abort reason.
   */
  async openStream(path: string, init: { signal: AbortSignal; headers?: Record<string, string> }): Promise<Response> {
    const url = `${this.config.baseUrl}/${path.replace(/^\/+/, '')}`;
    try {
      let response = await this.fetchStream(url, init);
      if (response.status === 401 && isNonceChallenge(response)) {
        await discard(response);
        response = await this.fetchStream(url, init);
      }
      if (!response.ok) throw await errorFromResponse(response);
      if (!/^text\/event-stream\b/i.test(response.headers.get('Content-Type') ?? '')) {
        await discard(response);
        throw new KuntaError({
          code: 'KA_UNKNOWN',
          status: response.status,
          message: 'The API did not answer with an event stream',
        });
      }
      return response;
    } catch (error) {
      throw this.toKuntaError(error, init.signal);
    }
  }

  private async fetchStream(url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) {
    const auth = this.config.auth;
    const credentials = await this.credentials(auth, url, 'GET');
    if (auth && !credentials)
      throw new AuthenticationError({ code: 'KA_UNAUTHENTICATED', message: 'Nobody is signed in' });
    init.signal.throwIfAborted();
    return this.fetch(url, {
      method: 'GET',
      headers: { Accept: 'text/event-stream', ...init.headers, ...credentials },
      signal: init.signal,
      cache: 'no-store',
    });
  }

  /** Headers that authorise one call: a DPoP proof is for one request, with the last nonce the API sent. */
  private async credentials(auth: AuthStrategy | undefined, url: string, method: string) {
    return (await auth?.authorize({ url, method, ...(this.dpopNonce ? { nonce: this.dpopNonce } : {}) })) ?? null;
  }

  /** fetch, remembering a DPoP nonce the API sends. */
  private async fetch(url: string, init: globalThis.RequestInit): Promise<Response> {
    // Called unbound: the browser's fetch throws "Illegal invocation" when `this` is not the window.
    const fetchImpl = this.config.fetch;
    const response = await fetchImpl(url, init);
    const nonce = response.headers.get('DPoP-Nonce');
    if (nonce) this.dpopNonce = nonce;
    return response;
  }

  private toKuntaError(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason ?? error;
    if (isKuntaError(error)) return error;
    if (error instanceof Error && error.name === 'AbortError') return error;
    return new NetworkError({ code: 'KA_NETWORK', message: 'The API could not be reached', cause: error });
  }
}

/**
 * Milliseconds before the next attempt, or undefined when the answer is final. Backoff 0.3 s, 0.6 s, … at most
 * 2 s, with full jitter so that widgets on many pages do not retry in step; a 503's Retry-After up to 3 s wins.
 */
function retryDelay(response: Response | undefined, attempt: number): number | undefined {
  if (response && !RETRY_STATUSES.includes(response.status)) return undefined;
  const retryAfter = response?.status === 503 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
  if (retryAfter !== undefined) return retryAfter * 1000 <= MAX_RETRY_AFTER ? retryAfter * 1000 : undefined;
  return Math.random() * Math.min(2_000, 300 * 2 ** attempt);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Frees the connection of an answer that will not be read. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function isNonceChallenge(response: Response): boolean {
  return (
    response.status === 401 &&
    response.headers.has('DPoP-Nonce') &&
    /use_dpop_nonce/.test(response.headers.get('WWW-Authenticate') ?? '')
  );
}

async function errorFromResponse(response: Response): Promise<KuntaError> {
  const problem = await readProblem(response);
  const requestId = problem?.instance ?? response.headers.get('X-Request-Id') ?? undefined;
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return KuntaError.fromProblem(problem, response.status, {
    ...(requestId ? { requestId } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
