// The client: built from checked options, resource namespaces on top of one ky instance. ky retries only
// idempotent GETs (at most twice, with jitter, never on 4xx); its hooks add the credentials, answer a DPoP nonce
// challenge and turn problem+json into typed errors. Every call takes an AbortSignal.
import ky, { HTTPError } from 'ky';
import type { AfterResponseHook, BeforeErrorHook, BeforeRequestHook, KyInstance, Options as KyOptions } from 'ky';
import type { AuthStrategy } from './auth.js';
import { AuthenticationError, KuntaError, NetworkError, TimeoutError, isKuntaError } from './errors.js';
import { CasesResource } from './resources/cases.js';
import { ConsentResource } from './resources/consent.js';
import { FeedResource } from './resources/feed.js';
import { MunicipalityResource } from './resources/municipality.js';
import { NoticesResource } from './resources/notices.js';
import { StaffResource } from './resources/staff.js';
import { MyDataResource } from './resources/my-data.js';
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
  /** Time a call may take, retries included, in milliseconds; default 10 000. */
  timeout?: number;
  /** Retries of a failed GET (network error or 502/503/504); 0–2, default 1. */
  maxRetries?: number;
}

export interface RequestInit extends RequestOptions {
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** Send credentials from the auth strategy; default true. */
  authenticate?: boolean;
  /** Extra request headers (e.g. `If-Match`). */
  headers?: Record<string, string>;
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
  /** The municipality's current notices (public). */
  readonly notices: NoticesResource;
  /** Staff: write, schedule, edit and end notices (a staff sign-in, the /admin/ page). */
  readonly staff: StaffResource;
  /** The citizen's own data: who has used it, what is held, export and removal. */
  readonly myData: MyDataResource;
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
    notices: new NoticesResource(api, config.municipality),
    staff: new StaffResource(api),
    myData: new MyDataResource(api),
    request: (method, path, init) => api.request(method, path, init),
  };
  return Object.freeze(client);
}

/** Statuses after which an idempotent GET is tried again: the gateway or a back end was briefly unavailable. */
const RETRY_STATUSES = [502, 503, 504];
/** A 503's Retry-After is honoured up to this long; a longer wait is not worth holding the widget for. */
const MAX_RETRY_AFTER = 3_000;
const ACCEPT = 'application/json, application/problem+json';

/** What one call tells the hooks (ky's per-request `context`). */
interface CallContext {
  /** Send the auth strategy's credentials. */
  authenticate?: boolean;
  /** No credentials is an AuthenticationError before any request (the event stream). */
  requireSession?: boolean;
  /** This is the repetition with the server's DPoP nonce: do not repeat again. */
  nonceRetry?: boolean;
}

/**
 * The typed error built by the beforeError hook, by ky's HTTPError. The hook must hand ky an HTTPError back:
 * ky decides a retry after the hook, by the HTTPError's status and Retry-After.
 */
const typedErrors = new WeakMap<HTTPError, KuntaError>();

/** The single place that talks HTTP. Resources call `request`. */
export class Api {
  private readonly http: KyInstance;
  private dpopNonce: string | undefined;

  constructor(private readonly config: ReturnType<typeof checkOptions>) {
    const fetchImpl = config.fetch;
    this.http = ky.create({
      prefixUrl: `${config.baseUrl}/`,
      // ky 1's timeout is per attempt; `request` gives each call one deadline (its signal) instead.
      timeout: false,
      // Called unbound: the browser's fetch throws "Illegal invocation" when `this` is not the window.
      fetch: (input, init) => fetchImpl(input, init),
      headers: { Accept: ACCEPT },
      retry: {
        limit: config.maxRetries,
        methods: ['get'],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: [503],
        maxRetryAfter: MAX_RETRY_AFTER,
        // 0.3 s, 0.6 s, … at most 2 s, with full jitter so that widgets on many pages do not retry in step.
        backoffLimit: 2_000,
        jitter: true,
        retryOnTimeout: false,
        shouldRetry: ({ error }) => {
          // Our own refusals (nobody signed in, a failed token refresh), the caller's abort and the deadline are final.
          if (isKuntaError(error) || error.name === 'AbortError' || error.name === 'TimeoutError') return false;
          // ky would wait `maxRetryAfter` and retry; a longer Retry-After is answered at once instead.
          const { response } = error as Partial<HTTPError>;
          const retryAfter =
            response?.status === 503 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
          return retryAfter !== undefined && retryAfter * 1000 > MAX_RETRY_AFTER ? false : undefined;
        },
      },
      hooks: {
        beforeRequest: [this.authorize],
        afterResponse: [this.answerNonceChallenge],
        beforeError: [toTypedError],
      },
    });
  }

  async request<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    // One deadline for the call, retries and the waits between them included; the caller's signal cancels it too.
    const deadline = AbortSignal.timeout(init.timeout ?? this.config.timeout);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const get = method.toUpperCase() === 'GET';
    try {
      init.signal?.throwIfAborted();
      const response = await this.http(relative(path), {
        method,
        signal,
        context: { authenticate: init.authenticate !== false } satisfies CallContext,
        // A change the user made (a dismissal, a consent) still reaches the API if they leave the page at once.
        ...(get ? {} : { keepalive: true }),
        ...(init.json !== undefined ? { json: init.json } : {}),
        ...(init.searchParams ? { searchParams: init.searchParams as KyOptions['searchParams'] } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
      });
      // A 204, or a 200/201 without a body (some state-changing routes), is not a JSON error.
      const body = await response.text();
      return (body === '' ? undefined : JSON.parse(body)) as T;
    } catch (error) {
      throw toKuntaError(error, init.signal);
    }
  }

  /**
   * Opens a long-lived authenticated GET (Server-Sent Events; EventSource cannot send DPoP headers): a fresh
   * authorisation (DPoP proof) per call, a nonce challenge answered once, no timeout and no retry (the caller
   * reconnects). Resolves once an `text/event-stream` answer has started; rejects with a KuntaError, or with
   * the abort reason.
   */
  async openStream(path: string, init: { signal: AbortSignal; headers?: Record<string, string> }): Promise<Response> {
    try {
      init.signal.throwIfAborted();
      const response = await this.http(relative(path), {
        signal: init.signal,
        headers: { Accept: 'text/event-stream', ...init.headers },
        cache: 'no-store',
        retry: 0,
        context: { authenticate: true, requireSession: true } satisfies CallContext,
      });
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
      throw toKuntaError(error, init.signal);
    }
  }

  /** beforeRequest, before every attempt: the access token and a fresh DPoP proof, with the last nonce the API sent. */
  private readonly authorize: BeforeRequestHook = async (request, options) => {
    const context = options.context as CallContext;
    const auth = this.config.auth;
    if (!auth || !context.authenticate) return;
    const headers = await auth.authorize({
      url: request.url,
      method: request.method,
      ...(this.dpopNonce ? { nonce: this.dpopNonce } : {}),
    });
    if (!headers && context.requireSession) {
      throw new AuthenticationError({ code: 'KA_UNAUTHENTICATED', message: 'Nobody is signed in' });
    }
    for (const [name, value] of Object.entries(headers ?? {})) request.headers.set(name, value);
  };

  /**
   * afterResponse: remembers a DPoP nonce the API sends, and when the API asks for one (RFC 9449 §8) repeats the
   * request once with it: safe for any method, because the request was refused.
   */
  private readonly answerNonceChallenge: AfterResponseHook = (request, options, response) => {
    const nonce = response.headers.get('DPoP-Nonce');
    if (nonce) this.dpopNonce = nonce;
    const context = options.context as CallContext;
    if (!context.authenticate || context.nonceRetry || !isNonceChallenge(response)) return;
    // The same ky instance, so the repetition gets its own proof from `authorize`; its failures are ky's to retry.
    return this.http(request, { context: { ...context, nonceRetry: true } satisfies CallContext, retry: 0 });
  };
}

function relative(path: string): string {
  return path.replace(/^\/+/, '');
}

/** beforeError: the problem+json answer as the KuntaError subclass for its code (errors.ts). */
const toTypedError: BeforeErrorHook = async (error) => {
  typedErrors.set(error, await errorFromResponse(error.response));
  return error;
};

function toKuntaError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if (isKuntaError(error)) return error;
  if (error instanceof HTTPError)
    return typedErrors.get(error) ?? KuntaError.fromProblem(undefined, error.response.status);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new TimeoutError({ code: 'KA_TIMEOUT', message: 'The API did not answer in time', cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new NetworkError({ code: 'KA_NETWORK', message: 'The API could not be reached', cause: error });
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

/** Seconds of a Retry-After header (delay seconds or an HTTP date). */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
