// Auth strategies: how the SDK gets credentials for a request. Widgets only ever see `SessionUser`
// (sub, name, expiry); tokens stay inside the strategy.
import type { IndexedDbDPoPStore, User, UserManager, UserManagerSettings, StateStore } from 'oidc-client-ts';
import { AuthenticationError, KuntaError, NetworkError } from './errors.js';
import { withLock } from './locks.js';

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

/** What the client and the widgets need from an authentication method. */
export interface AuthStrategy {
  /** The current session user, refreshing the access token first when it has (nearly) expired. */
  getUser(): Promise<SessionUser | null>;
  /** Starts sign-in (a full-page redirect for OIDC). */
  signIn(): Promise<void>;
  /** Completes a sign-in redirect when the address carries its response, once per page; returns the user. */
  handleCallback(): Promise<SessionUser | null>;
  /** Ends the session locally and revokes its tokens where the method allows. */
  signOut(): Promise<void>;
  /** Request headers that authorise one API call, or `null` when signed out. */
  authorize(request: AuthorizeRequest): Promise<Record<string, string> | null>;
  /** Calls `listener` when a different user (or nobody) is signed in. Returns an unsubscribe function. */
  subscribe(listener: AuthListener): () => void;
}

class Listeners {
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
  /** Authorization scheme; default `Bearer`. */
  scheme?: string;
  /** The user `getUser()` reports; default `{ sub: 'static', name: '', expiresAt: null }`. */
  user?: SessionUser;
}

/** A fixed access token, for Node, scripts and tests. `signIn()` is not possible; `signOut()` forgets the token. */
export function staticTokenAuth(token: string, options: StaticTokenAuthOptions = {}): AuthStrategy {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TypeError('staticTokenAuth(token): token must be a non-empty string');
  }
  if (/\s/.test(token)) throw new TypeError('staticTokenAuth(token): token must not contain whitespace');
  let current: string | null = token;
  const scheme = options.scheme ?? 'Bearer';
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
    async authorize() {
      return current ? { Authorization: `${scheme} ${current}` } : null;
    },
    subscribe: (listener) => listeners.add(listener),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Deferred strategy: the page-wide client knows its auth settings only after reading the municipality.

/** An AuthStrategy whose real strategy is created on first use (and re-tried if creating it failed). */
export function deferredAuth(load: () => Promise<AuthStrategy>): AuthStrategy {
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
  const track = async (user: SessionUser | null) => {
    listeners.seen(user);
    return user;
  };
  return {
    getUser: async () => track(await (await get()).getUser()),
    signIn: async () => (await get()).signIn(),
    handleCallback: async () => track(await (await get()).handleCallback()),
    signOut: async () => (await get()).signOut(),
    authorize: async (request) => (await get()).authorize(request),
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
const STATE_PREFIX = 'kunta-akkuna.oidc.';
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

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
 * The browser OIDC strategy. Returns the page's existing strategy for the same authority + client id.
 * Hardened as the OAuth browser-apps BCP asks: PKCE, DPoP with a non-extractable key in IndexedDB, no iframe
 * renew, no session-monitor iframe, refresh serialised with Web Locks across widgets and tabs.
 */
export function oidcAuth(options: OidcAuthOptions): AuthStrategy {
  const checked = checkOidcOptions(options);
  const key = `${checked.authority}|${checked.clientId}`;
  const existing = registry().get(key);
  if (existing) return existing;
  const strategy = new OidcAuth(checked);
  registry().set(key, strategy);
  return strategy;
}

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

/** Keeps the session in IndexedDB: shared by the tabs of the origin (refresh-token rotation needs that), not in localStorage. */
class IndexedDbStateStore implements StateStore {
  constructor(
    private readonly dbName = 'kunta-akkuna',
    private readonly storeName = 'session',
  ) {}

  private async tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(this.dbName, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(this.storeName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = run(db.transaction(this.storeName, mode).objectStore(this.storeName));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.tx('readwrite', (store) => store.put(value, key));
  }
  async get(key: string): Promise<string | null> {
    return ((await this.tx('readonly', (store) => store.get(key))) as string | undefined) ?? null;
  }
  async remove(key: string): Promise<string | null> {
    const value = await this.get(key);
    await this.tx('readwrite', (store) => store.delete(key));
    return value;
  }
  async getAllKeys(): Promise<string[]> {
    return (await this.tx('readonly', (store) => store.getAllKeys())).map(String);
  }
}

function toSessionUser(user: User): SessionUser {
  const profile = user.profile;
  const name =
    (typeof profile.name === 'string' && profile.name) ||
    [profile.given_name, profile.family_name].filter((part) => typeof part === 'string' && part).join(' ');
  return { sub: profile.sub, name, expiresAt: typeof user.expires_at === 'number' ? user.expires_at * 1000 : null };
}

class OidcAuth implements AuthStrategy {
  private manager: Promise<UserManager> | undefined;
  private dpopStore: IndexedDbDPoPStore | undefined;
  private readonly userStore = new IndexedDbStateStore();
  private readonly listeners = new Listeners();
  private callback: Promise<void> | undefined;
  private quiet = false;

  constructor(private readonly options: ReturnType<typeof checkOidcOptions>) {}

  private get lockName() {
    return `kunta-akkuna:oidc:${this.options.authority}|${this.options.clientId}`;
  }

  /** Whether a session may exist: read from our own store, without loading oidc-client-ts (its key format). */
  private async mayHaveSession(): Promise<boolean> {
    if (this.manager) return true;
    const key = `user:${this.options.authority}:${this.options.clientId}`;
    return (await this.userStore.get(key).catch(() => 'unknown')) !== null;
  }

  /**
   * Created on first use so that constructing the strategy touches no browser API, and oidc-client-ts (about
   * 17 KB gzip, its own chunk in the widget bundle) is imported only when a session exists or sign-in starts.
   */
  private userManager(): Promise<UserManager> {
    this.manager ??= import('oidc-client-ts').then(({ IndexedDbDPoPStore, UserManager, WebStorageStateStore }) => {
      this.dpopStore = new IndexedDbDPoPStore();
      const { authority, clientId, redirectUri, scope, resource, postLogoutRedirectUri } = this.options;
      const settings: UserManagerSettings = {
        authority,
        client_id: clientId,
        redirect_uri: redirectUri,
        scope,
        response_type: 'code',
        loadUserInfo: false,
        automaticSilentRenew: false,
        monitorSession: false,
        filterProtocolClaims: true,
        revokeTokenTypes: ['refresh_token', 'access_token'],
        dpop: { store: this.dpopStore, bind_authorization_code: true },
        userStore: this.userStore,
        stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: STATE_PREFIX }),
        ...(resource ? { resource } : {}),
        ...(postLogoutRedirectUri ? { post_logout_redirect_uri: postLogoutRedirectUri } : {}),
      };
      const manager = new UserManager(settings);
      manager.events.addUserLoaded((user) => {
        if (!this.quiet) this.listeners.emit(toSessionUser(user));
      });
      manager.events.addUserUnloaded(() => {
        if (!this.quiet) this.listeners.emit(null);
      });
      void manager.clearStaleState().catch(() => undefined);
      return manager;
    });
    this.manager.catch(() => (this.manager = undefined));
    return this.manager;
  }

  subscribe(listener: AuthListener): () => void {
    return this.listeners.add(listener);
  }

  async signIn(): Promise<void> {
    try {
      await (await this.userManager()).signinRedirect();
    } catch (error) {
      throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not reach the identity provider', cause: error });
    }
  }

  async handleCallback(): Promise<SessionUser | null> {
    await this.ensureCallback();
    return this.getUser();
  }

  async getUser(): Promise<SessionUser | null> {
    await this.ensureCallback().catch(() => undefined);
    const user = await this.freshUser();
    const session = user ? toSessionUser(user) : null;
    this.listeners.seen(session);
    return session;
  }

  async authorize({ url, method, nonce }: AuthorizeRequest): Promise<Record<string, string> | null> {
    await this.ensureCallback().catch(() => undefined);
    const user = await this.freshUser();
    if (!user) return null;
    // RFC 9449: htu is the request URI without query and fragment.
    const target = new URL(url);
    target.search = '';
    target.hash = '';
    const proof = await (await this.userManager()).dpopProof(target.href, user, method.toUpperCase(), nonce);
    if (proof) return { Authorization: `DPoP ${user.access_token}`, DPoP: proof };
    return { Authorization: `Bearer ${user.access_token}` };
  }

  async signOut(): Promise<void> {
    const manager = await this.userManager();
    this.quiet = true;
    try {
      await withLock(this.lockName, async () => {
        // Best effort: a provider without a revocation endpoint must not keep the user signed in here.
        await manager.revokeTokens(['refresh_token', 'access_token']).catch(() => undefined);
        await manager.removeUser();
        await this.dpopStore?.remove(this.options.clientId).catch(() => undefined);
        await manager.clearStaleState().catch(() => undefined);
      });
    } finally {
      this.quiet = false;
      this.callback = undefined;
      this.listeners.emit(null);
    }
  }

  /** Processes `?code&state` (or `?error&state`) once per page, only when the state is one this page stored. */
  private ensureCallback(): Promise<void> {
    if (this.callback) return this.callback;
    if (typeof location === 'undefined') return Promise.resolve();
    const url = new URL(location.href);
    const state = url.searchParams.get('state');
    const isResponse = state !== null && (url.searchParams.has('code') || url.searchParams.has('error'));
    if (!isResponse || sessionStorage.getItem(STATE_PREFIX + state) === null) return Promise.resolve();
    this.callback = (async () => {
      try {
        await (await this.userManager()).signinCallback(url.href);
      } catch (error) {
        const reason = (error as { error?: unknown }).error;
        throw new AuthenticationError({
          code: 'KA_SIGNIN_FAILED',
          message: `Sign-in did not complete${typeof reason === 'string' ? ` (${reason})` : ''}`,
          cause: error,
        });
      } finally {
        for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
        history.replaceState(history.state, '', url.href);
      }
    })();
    return this.callback;
  }

  /** The stored user with an access token valid for at least the skew; refreshes under the lock if needed. */
  private async freshUser(): Promise<User | null> {
    if (!(await this.mayHaveSession())) return null;
    const manager = await this.userManager();
    const user = await manager.getUser();
    if (!user || !this.isStale(user)) return user;
    return withLock(this.lockName, async () => {
      // Another widget or tab may have refreshed while this one waited for the lock.
      const current = await manager.getUser();
      if (!current || !this.isStale(current)) return current;
      if (!current.refresh_token) {
        await manager.removeUser();
        return null;
      }
      try {
        return await manager.signinSilent(this.options.resource ? { resource: this.options.resource } : {});
      } catch (error) {
        if ((error as { name?: string }).name === 'ErrorResponse') {
          // invalid_grant and friends: the grant is gone, so is the session.
          await manager.removeUser();
          return null;
        }
        throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not renew the session', cause: error });
      }
    });
  }

  private isStale(user: User): boolean {
    return typeof user.expires_in === 'number'
      ? user.expires_in <= this.options.refreshSkewSeconds
      : user.expired === true;
  }
}
