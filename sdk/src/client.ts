// The client: built from checked options, resource namespaces on top of one request function. Retries only
// idempotent GETs (at most twice, with jitter, never on 4xx); every call takes an AbortSignal.
import ky, { HTTPError, TimeoutError as KyTimeoutError } from 'ky';
import type { KyInstance } from 'ky';
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

/** The single place that talks HTTP. Resources call `request`. */
export class Api {
  private readonly http: KyInstance;
  private dpopNonce: string | undefined;

  constructor(private readonly config: ReturnType<typeof checkOptions>) {
    const fetchImpl = config.fetch;
    this.http = ky.create({
      prefixUrl: `${config.baseUrl}/`,
      timeout: config.timeout,
      // Bind: some fetch implementations throw "Illegal invocation" when called as a method of another object.
      fetch: (input, init) => fetchImpl(input, init),
      headers: { Accept: 'application/json, application/problem+json' },
      retry: {
        limit: config.maxRetries,
        methods: ['get'],
        statusCodes: [502, 503, 504],
        afterStatusCodes: [503],
        maxRetryAfter: 3_000,
        backoffLimit: 2_000,
        jitter: true,
        retryOnTimeout: false,
      },
      hooks: {
        afterResponse: [
          (_request, _options, response) => {
            const nonce = response.headers.get('DPoP-Nonce');
            if (nonce) this.dpopNonce = nonce;
          },
        ],
      },
    });
  }

  async request<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    try {
      return await this.send<T>(method, path, init);
    } catch (error) {
      // RFC 9449 §8: the resource server may ask for a nonce once; repeat with it (safe: the request was refused).
      if (error instanceof HTTPError && isNonceChallenge(error.response) && init.authenticate !== false) {
        try {
          return await this.send<T>(method, path, init);
        } catch (again) {
          throw await this.toKuntaError(again, init.signal);
        }
      }
      throw await this.toKuntaError(error, init.signal);
    }
  }

  private async send<T>(method: string, path: string, init: RequestInit): Promise<T> {
    const auth = init.authenticate === false ? undefined : this.config.auth;
    const response = await this.http(path.replace(/^\/+/, ''), {
      method,
      ...(init.signal ? { signal: init.signal } : {}),
      ...(init.timeout ? { timeout: init.timeout } : {}),
      ...(init.json !== undefined ? { json: init.json } : {}),
      ...(init.searchParams ? { searchParams: definedParams(init.searchParams) } : {}),
      hooks: auth
        ? {
            beforeRequest: [
              async (request) => {
                // Runs before every attempt, so each retry gets a fresh DPoP proof.
                const headers = await auth.authorize({
                  url: request.url,
                  method: request.method,
                  ...(this.dpopNonce ? { nonce: this.dpopNonce } : {}),
                });
                for (const [name, value] of Object.entries(headers ?? {})) request.headers.set(name, value);
              },
            ],
          }
        : {},
    });
    if (response.status === 204) return undefined as T;
    // A 200/201 without a body (some state-changing routes) is not a JSON error.
    const body = await response.text();
    return (body === '' ? undefined : JSON.parse(body)) as T;
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
        await response.body?.cancel().catch(() => undefined);
        response = await this.fetchStream(url, init);
      }
      if (!response.ok) throw await errorFromResponse(response);
      if (!/^text\/event-stream\b/i.test(response.headers.get('Content-Type') ?? '')) {
        await response.body?.cancel().catch(() => undefined);
        throw new KuntaError({
          code: 'KA_UNKNOWN',
          status: response.status,
          message: 'The API did not answer with an event stream',
        });
      }
      return response;
    } catch (error) {
      throw await this.toKuntaError(error, init.signal);
    }
  }

  private async fetchStream(url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) {
    const auth = this.config.auth;
    let credentials: Record<string, string> | null = {};
    if (auth) {
      credentials = await auth.authorize({ url, method: 'GET', ...(this.dpopNonce ? { nonce: this.dpopNonce } : {}) });
      if (!credentials) throw new AuthenticationError({ code: 'KA_UNAUTHENTICATED', message: 'Nobody is signed in' });
    }
    init.signal.throwIfAborted();
    // Called unbound: the browser's fetch throws "Illegal invocation" when `this` is not the window.
    const fetchImpl = this.config.fetch;
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { Accept: 'text/event-stream', ...init.headers, ...credentials },
      signal: init.signal,
      cache: 'no-store',
    });
    const nonce = response.headers.get('DPoP-Nonce');
    if (nonce) this.dpopNonce = nonce;
    return response;
  }

  private async toKuntaError(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal?.aborted) return signal.reason ?? error;
    if (isKuntaError(error)) return error;
    if (error instanceof HTTPError) return errorFromResponse(error.response);
    if (error instanceof KyTimeoutError) {
      return new TimeoutError({ code: 'KA_TIMEOUT', message: 'The API did not answer in time', cause: error });
    }
    if (error instanceof Error && error.name === 'AbortError') return error;
    return new NetworkError({ code: 'KA_NETWORK', message: 'The API could not be reached', cause: error });
  }
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

function definedParams(params: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = String(value);
  return out;
}
