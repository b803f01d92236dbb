/**
 * How a connector reaches its back end, from configuration alone (`auth` and `tls` of a source, see
 * config-common.ts): a static bearer token, an API key header, OAuth 2.0 client credentials (the token cached
 * until shortly before it expires, one token request at a time), X-Road through the municipality's security
 * server (PR-REST: `X-Road-Client`, a fresh `X-Road-Id` per request, the service in the path), and mutual TLS
 * (the client certificate for the undici Agent). OutboundHttp applies it to every request. Lupapiste (its API key)
 * and eVaka (its signed token) have schemes of their own and take only `tls` from here; a request in which both the
 * connector and the transport set one header is refused (outbound-http.ts), never merged.
 *
 * Secrets stay here: no message, error or log line carries a token, secret, key or passphrase.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request, type Dispatcher } from 'undici';
import { ConfigError } from '../config/config-error.js';
import type { SourceAuth, SourceTls, SourceTransport } from './config-common.js';
import { SourceUnavailableError, type CallContext } from './contract.js';

/** A cached token is renewed when less than this is left of it (clock skew, the time the call itself takes). */
const TOKEN_RENEW_BEFORE_MS = 30_000;
/** A token endpoint that gives no `expires_in` (RFC 6749 §5.1 only recommends it): its tokens are kept this long. */
const TOKEN_DEFAULT_LIFETIME_MS = 60_000;
const TOKEN_TIMEOUT_MS = 5_000;
const TOKEN_MAX_BYTES = 64 * 1024;

/** The TLS options of the connection pool (undici `connect`), from the source's `tls` files. */
export interface TlsOptions {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  passphrase?: string;
}

/** What one request gets from the transport: the path to call and the headers to add. */
export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
}

export interface Transport {
  readonly kind: SourceAuth['type'];
  readonly tls: TlsOptions | undefined;
  prepare(path: string, context: CallContext, dispatcher: Dispatcher): Promise<PreparedRequest>;
  /** The back end refused our credentials (401): a cached token is not used again. */
  rejected(): void;
}

/** Resolves a source's transport at start; a wrong or unreadable setting is a ConfigError naming the field. */
export function createTransport(sourceId: string, transport: SourceTransport | undefined): Transport {
  if (transport?.token !== undefined && transport.auth !== undefined) {
    throw new ConfigError(`${sourceId}: set either token or auth, not both`);
  }
  const auth: SourceAuth =
    transport?.auth ?? (transport?.token !== undefined ? { type: 'bearer', token: transport.token } : { type: 'none' });
  const tls = transport?.tls ? readTls(sourceId, transport.tls) : undefined;
  switch (auth.type) {
    case 'none':
      return fixed(auth.type, tls, {});
    case 'bearer':
      return fixed(auth.type, tls, { authorization: `Bearer ${auth.token}` });
    case 'api-key':
      return fixed(auth.type, tls, { [auth.header.toLowerCase()]: auth.value });
    case 'oauth2-client-credentials':
      return new ClientCredentials(sourceId, auth, tls);
    case 'x-road':
      return xRoad(auth, tls);
  }
}

function fixed(kind: SourceAuth['type'], tls: TlsOptions | undefined, headers: Record<string, string>): Transport {
  return {
    kind,
    tls,
    prepare: async (path) => ({ path, headers }),
    rejected: () => undefined,
  };
}

function readTls(sourceId: string, tls: SourceTls): TlsOptions {
  const read = (field: 'certFile' | 'keyFile' | 'caFile', file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      // The path is configuration, not a secret; the file's content never appears.
      throw new ConfigError(
        `${sourceId}: tls/${field} cannot be read (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
  };
  return {
    cert: read('certFile', tls.certFile),
    key: read('keyFile', tls.keyFile),
    ...(tls.caFile ? { ca: read('caFile', tls.caFile) } : {}),
    ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
  };
}

type XRoadAuth = Extract<SourceAuth, { type: 'x-road' }>;

/** Each part percent-encoded on its own, the `/` between them kept (PR-REST §4.2). */
function xRoadIdentifier(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/**
 * X-Road REST (PR-REST §4.1, §4.3): `baseUrl` is the consumer security server; the service is in the path
 * (`/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/<path>`), the client in `X-Road-Client`, and every request gets a
 * message id of its own (`X-Road-Id`, a UUID as the protocol recommends) so both ends can find it in their logs.
 */
function xRoad(auth: XRoadAuth, tls: TlsOptions | undefined): Transport {
  // SOAP (PR-MESS): the same identifiers travel in the envelope the connector builds; nothing to add here.
  if (auth.protocol === 'soap') return fixed(auth.type, tls, {});
  const servicePath = `/r1/${xRoadIdentifier(auth.service)}`;
  const client = xRoadIdentifier(auth.client);
  return {
    kind: auth.type,
    tls,
    prepare: async (path) => ({
      path: `${servicePath}/${path.replace(/^\//, '')}`,
      headers: {
        'x-road-client': client,
        'x-road-id': randomUUID(),
        ...(auth.userId ? { 'x-road-userid': auth.userId } : {}),
      },
    }),
    rejected: () => undefined,
  };
}

/**
 * The identifiers of one X-Road message, for a connector that carries them in a SOAP envelope's header
 * (PR-MESS: `xrd:client`, `xrd:service`, `xrd:userId`, `xrd:id`, `xrd:protocolVersion`): a new `id` every call.
 */
export function xRoadMessageHeaders(auth: XRoadAuth): {
  client: string;
  service: string;
  userId?: string;
  id: string;
  protocolVersion: '4.x';
} {
  return {
    client: auth.client,
    service: auth.service,
    ...(auth.userId ? { userId: auth.userId } : {}),
    id: randomUUID(),
    protocolVersion: '4.x',
  };
}

type ClientCredentialsAuth = Extract<SourceAuth, { type: 'oauth2-client-credentials' }>;

interface CachedToken {
  value: string;
  /** Date.now() after which the token is not used. */
  renewAt: number;
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4). The token is kept until shortly before it expires; calls
 * that need one while it is being fetched wait for that one request instead of each asking the endpoint.
 */
class ClientCredentials implements Transport {
  readonly kind = 'oauth2-client-credentials' as const;
  readonly tls: TlsOptions | undefined;
  readonly #sourceId: string;
  readonly #auth: ClientCredentialsAuth;
  readonly #tokenUrl: URL;
  #token: CachedToken | null = null;
  #pending: Promise<CachedToken> | null = null;

  constructor(sourceId: string, auth: ClientCredentialsAuth, tls: TlsOptions | undefined) {
    this.#sourceId = sourceId;
    this.#auth = auth;
    this.#tokenUrl = new URL(auth.tokenUrl);
    this.tls = tls;
  }

  async prepare(path: string, context: CallContext, dispatcher: Dispatcher): Promise<PreparedRequest> {
    const token = await this.#current(context, dispatcher);
    return { path, headers: { authorization: `Bearer ${token.value}` } };
  }

  rejected(): void {
    this.#token = null;
  }

  async #current({ signal }: CallContext, dispatcher: Dispatcher): Promise<CachedToken> {
    if (this.#token && Date.now() < this.#token.renewAt) return this.#token;
    // The shared request is not tied to one caller's budget: a caller whose budget ends stops waiting, the
    // request goes on for the others (and for the next call), within its own time limit.
    this.#pending ??= this.#fetch(dispatcher).finally(() => {
      this.#pending = null;
    });
    return await abortable(this.#pending, signal);
  }

  async #fetch(dispatcher: Dispatcher): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.#auth.scope) form.set('scope', this.#auth.scope);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if ((this.#auth.clientAuth ?? 'basic') === 'basic') {
      // RFC 6749 §2.3.1: id and secret form-encoded first, then joined with ':' and base64-encoded.
      const pair = `${formEncode(this.#auth.clientId)}:${formEncode(this.#auth.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    } else {
      form.set('client_id', this.#auth.clientId);
      form.set('client_secret', this.#auth.clientSecret);
    }
    const started = Date.now();
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(this.#tokenUrl, {
        method: 'POST',
        dispatcher,
        headers,
        body: form.toString(),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SourceUnavailableError('network', `${this.#sourceId}: token request failed (${codeOf(error)})`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      throw new SourceUnavailableError(
        'http_status',
        `${this.#sourceId}: token endpoint answered HTTP ${response.statusCode}`,
      );
    }
    let body: unknown;
    try {
      const text = await response.body.text();
      if (text.length > TOKEN_MAX_BYTES) throw new Error('too large');
      body = JSON.parse(text);
    } catch {
      throw new SourceUnavailableError('malformed', `${this.#sourceId}: token response is not JSON`);
    }
    const { access_token: value, token_type: type, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
    if (typeof value !== 'string' || value === '' || typeof type !== 'string' || type.toLowerCase() !== 'bearer') {
      throw new SourceUnavailableError('malformed', `${this.#sourceId}: token response has no bearer access_token`);
    }
    const lifetimeMs =
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn * 1000
        : TOKEN_DEFAULT_LIFETIME_MS;
    // A short-lived token is renewed at half its life rather than never being used at all.
    const renewAt = started + Math.max(lifetimeMs - TOKEN_RENEW_BEFORE_MS, lifetimeMs / 2);
    this.#token = { value, renewAt };
    return this.#token;
  }
}

/** application/x-www-form-urlencoded encoding of one value (spaces as '+'). */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new SourceUnavailableError('timeout', 'aborted while waiting for a token'));
    // Handlers first: the shared request's failure is always someone's, even when this caller has already left.
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function codeOf(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? (error instanceof Error ? error.name : 'unknown');
}
