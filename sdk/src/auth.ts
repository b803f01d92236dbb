// Auth strategies: how the SDK gets credentials for a request. Widgets only ever see `SessionUser`
// (sub, name, expiry); tokens stay inside the strategy.
import { dpopProof } from './dpop.js';
import type { DpopKeyPair } from './dpop.js';
import { KuntaError, NetworkError } from './errors.js';
import { IndexedDbStateStore, callbackUrl, mayHaveSession } from './session-store.js';

/** The signed-in person as widgets may see them. Never carries a token or an identity code. */
export interface SessionUser {
  /** Pseudonymous subject from the identity provider. */
  sub: string;
  /** Display name ('' when the provider gave none). */
  name: string;
  /** When the current access token expires, epoch milliseconds; `null` when unknown. */
  expiresAt: number | null;
}

export interface AuthorizeRequest {
  /** Absolute URL of the API request. */
  url: string;
  /** HTTP method, upper case. */
  method: string;
  /** A `DPoP-Nonce` the resource server asked for. */
  nonce?: string;
}

export type AuthListener = (user: SessionUser | null) => void;

export interface SignInOptions {
  /** Languages for the identity provider's pages, most preferred first (`ui_locales`), e.g. `sv`. */
  uiLocales?: string;
}

/** What the client and the widgets need from an authentication method. */
export interface AuthStrategy {
  /** The current session user, refreshing the access token first when it has (nearly) expired. */
  getUser(): Promise<SessionUser | null>;
  /** Starts sign-in (a full-page redirect for OIDC). */
  signIn(options?: SignInOptions): Promise<void>;
  /** Completes a sign-in redirect when the address carries its response, once per page; returns the user. */
  handleCallback(): Promise<SessionUser | null>;
  /** Ends the session locally and revokes its tokens where the method allows. */
  signOut(): Promise<void>;
  /** Request headers that authorise one API call, or `null` when signed out. */
  authorize(request: AuthorizeRequest): Promise<Record<string, string> | null>;
  /** Calls `listener` when a different user (or nobody) is signed in. Returns an unsubscribe function. */
  subscribe(listener: AuthListener): () => void;
}

/** The strategies' subscribers, told only when who is signed in changes. */
export class Listeners {
  private readonly set = new Set<AuthListener>();
  private lastSub: string | null | undefined = undefined;

  add(listener: AuthListener): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  /** Notifies only on a change of who is signed in, so token refreshes do not make widgets re-fetch. */
  emit(user: SessionUser | null): void {
    const sub = user?.sub ?? null;
    if (sub === this.lastSub) return;
    this.lastSub = sub;
    for (const listener of [...this.set]) {
      try {
        listener(user);
      } catch (error) {
        console.error(error);
      }
    }
  }

  seen(user: SessionUser | null): void {
    this.lastSub = user?.sub ?? null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Static token (Node, scripts, tests)

export interface StaticTokenAuthOptions {
  /** Authorization scheme; default `DPoP` with `dpop`, else `Bearer`. */
  scheme?: string;
  /**
   * The key pair a DPoP-bound token was issued for (its token type is `DPoP`, its `cnf.jkt` this key's
   * thumbprint): every request then carries `Authorization: DPoP <token>` and a fresh proof signed with it,
   * with the API's `DPoP-Nonce` when it asks for one. Without it a bound token is refused (RFC 9449 §7.1).
   */
  dpop?: DpopKeyPair;
  /** The user `getUser()` reports; default `{ sub: 'static', name: '', expiresAt: null }`. */
  user?: SessionUser;
}

/**
 * A fixed access token, for Node (server-side calls of personal routes), scripts and tests. `signIn()` is not
 * possible; `signOut()` forgets the token. A DPoP-bound token needs its key pair as `options.dpop`.
 */
export function staticTokenAuth(token: string, options: StaticTokenAuthOptions = {}): AuthStrategy {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TypeError('staticTokenAuth(token): token must be a non-empty string');
  }
  if (/\s/.test(token)) throw new TypeError('staticTokenAuth(token): token must not contain whitespace');
  let current: string | null = token;
  const { dpop } = options;
  if (dpop !== undefined && !(dpop?.privateKey && dpop.publicKey)) {
    throw new TypeError('staticTokenAuth(token, { dpop }): dpop must be a CryptoKeyPair (ES256)');
  }
  const scheme = options.scheme ?? (dpop ? 'DPoP' : 'Bearer');
  const user = options.user ?? { sub: 'static', name: '', expiresAt: null };
  const listeners = new Listeners();
  listeners.seen(user);
  return {
    async getUser() {
      return current ? { ...user } : null;
    },
    async signIn() {
      throw new KuntaError({ code: 'KA_SIGNIN_FAILED', message: 'A static token cannot start a sign-in' });
    },
    async handleCallback() {
      return current ? { ...user } : null;
    },
    async signOut() {
      current = null;
      listeners.emit(null);
    },
    async authorize(request) {
      if (!current) return null;
      const authorization = { Authorization: `${scheme} ${current}` };
      return dpop
        ? { ...authorization, DPoP: await dpopProof(dpop, { ...request, accessToken: current }) }
        : authorization;
    },
    subscribe: (listener) => listeners.add(listener),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Deferred strategy: the page-wide client knows its auth settings only after reading the municipality.

/**
 * An AuthStrategy whose real strategy is created on first use (and re-tried if creating it failed). With
 * `signedOut`, questions about the session (`getUser`, `handleCallback`, `authorize`, `signOut`) are answered
 * "nobody" without creating it for as long as nothing is created yet and `signedOut()` resolves true.
 */
export function deferredAuth(load: () => Promise<AuthStrategy>, signedOut?: () => Promise<boolean>): AuthStrategy {
  let inner: Promise<AuthStrategy> | undefined;
  const listeners = new Listeners();
  const get = () => {
    inner ??= load().then(
      (strategy) => {
        strategy.subscribe((user) => listeners.emit(user));
        return strategy;
      },
      (error: unknown) => {
        inner = undefined;
        throw error;
      },
    );
    return inner;
  };
  const idle = async () => inner === undefined && signedOut !== undefined && (await signedOut());
  const track = async (user: SessionUser | null) => {
    listeners.seen(user);
    return user;
  };
  return {
    getUser: async () => track((await idle()) ? null : await (await get()).getUser()),
    signIn: async (options) => (await get()).signIn(options),
    handleCallback: async () => track((await idle()) ? null : await (await get()).handleCallback()),
    signOut: async () => ((await idle()) ? listeners.emit(null) : (await get()).signOut()),
    authorize: async (request) => ((await idle()) ? null : (await get()).authorize(request)),
    subscribe: (listener) => listeners.add(listener),
  };
}

// ---------------------------------------------------------------------------------------------------------
// OIDC (browser): Authorization Code + PKCE by redirect, DPoP-bound tokens, refresh by refresh token only.

export interface OidcAuthOptions {
  /** Issuer URL of the identity provider. */
  authority: string;
  /** The municipality's public client id. */
  clientId: string;
  /** Where the provider sends the browser back; the page the widgets are on. */
  redirectUri: string;
  /** Default `openid profile offline_access` (the provider may issue refresh tokens only for `offline_access`). */
  scope?: string;
  /** Resource indicator (RFC 8707) for the API audience, e.g. `urn:kunta-akkuna:api`. */
  resource?: string;
  /** Only used when the provider session is ended too (`signOut` of the provider session is not done by default). */
  postLogoutRedirectUri?: string;
  /** Refresh when the access token expires within this many seconds; default 60. */
  refreshSkewSeconds?: number;
}

export const DEFAULT_SCOPE = 'openid profile offline_access';

/**
 * The one-UserManager-per-page registry. Keyed by authority + client id and kept on `globalThis` under a
 * `Symbol.for` key, so widgets, a provider and even a second copy of the bundle share one UserManager (two
 * UserManagers would refresh the same rotating refresh token and the provider would revoke the grant).
 */
const REGISTRY_KEY = Symbol.for('kunta-akkuna:oidc-auth-registry');
function registry(): Map<string, AuthStrategy> {
  const holder = globalThis as unknown as Record<symbol, Map<string, AuthStrategy> | undefined>;
  return (holder[REGISTRY_KEY] ??= new Map());
}

/** Test seam: forgets every registered OIDC strategy. */
export function resetOidcRegistry(): void {
  registry().clear();
}

/**
 * The browser OIDC strategy (oidc-auth.ts). Returns the page's existing strategy for the same authority + client
 * id. Hardened as the OAuth browser-apps BCP asks: PKCE, DPoP with a non-extractable key in IndexedDB, no iframe
 * renew, no session-monitor iframe, refresh serialised with Web Locks across widgets and tabs.
 *
 * The strategy and oidc-client-ts (about 16 KB gzip, a lazy chunk in the widget bundle) are imported only when
 * there is work for them: a stored session, a sign-in response in the address, or a sign-in to start. A
 * signed-out page is answered from a look at the session store.
 */
export function oidcAuth(options: OidcAuthOptions): AuthStrategy {
  const checked = checkOidcOptions(options);
  const key = `${checked.authority}|${checked.clientId}`;
  const existing = registry().get(key);
  if (existing) return existing;
  const store = new IndexedDbStateStore();
  const strategy = deferredAuth(
    async () => {
      const { OidcAuth } = await import('./oidc-auth.js').catch((error: unknown) => {
        throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not load the sign-in code', cause: error });
      });
      return new OidcAuth(checked, store);
    },
    async () => !callbackUrl() && !(await mayHaveSession(store, checked)),
  );
  registry().set(key, strategy);
  return strategy;
}

export type CheckedOidcOptions = ReturnType<typeof checkOidcOptions>;

function checkOidcOptions(
  options: OidcAuthOptions,
): Required<Omit<OidcAuthOptions, 'resource' | 'postLogoutRedirectUri'>> & OidcAuthOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('oidcAuth(options): options must be an object');
  for (const name of ['authority', 'clientId', 'redirectUri'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') {
      throw new TypeError(`oidcAuth(options): ${name} must be a non-empty string`);
    }
  }
  for (const name of ['authority', 'redirectUri'] as const) {
    if (!URL.canParse(options[name])) throw new TypeError(`oidcAuth(options): ${name} must be an absolute URL`);
  }
  if (options.scope !== undefined && typeof options.scope !== 'string') {
    throw new TypeError('oidcAuth(options): scope must be a string');
  }
  return {
    ...options,
    authority: options.authority.replace(/\/+$/, ''),
    scope: options.scope?.trim() || DEFAULT_SCOPE,
    refreshSkewSeconds: options.refreshSkewSeconds ?? 60,
  };
}
