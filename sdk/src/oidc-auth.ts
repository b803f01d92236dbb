// The OIDC strategy itself, on oidc-client-ts: loaded by `oidcAuth` (auth.ts) only when there is a session to
// use, a sign-in response to process, or a sign-in to start; in the widget bundle it shares the lazy chunk of
// oidc-client-ts.
import { IndexedDbDPoPStore, OidcClient, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User, UserManagerSettings } from 'oidc-client-ts';
import type {
  AuthorizeRequest,
  AuthListener,
  AuthStrategy,
  CheckedOidcOptions,
  SessionUser,
  SignInOptions,
} from './auth.js';
import { Listeners } from './auth.js';
import { AuthenticationError, NetworkError } from './errors.js';
import { withLock } from './locks.js';
import { SessionChannel } from './session-channel.js';
import { STATE_PREFIX, callbackUrl, mayHaveSession } from './session-store.js';
import type { IndexedDbStateStore } from './session-store.js';

const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

function toSessionUser(user: User): SessionUser {
  const profile = user.profile;
  const name =
    (typeof profile.name === 'string' && profile.name) ||
    [profile.given_name, profile.family_name].filter((part) => typeof part === 'string' && part).join(' ');
  return { sub: profile.sub, name, expiresAt: typeof user.expires_at === 'number' ? user.expires_at * 1000 : null };
}

export class OidcAuth implements AuthStrategy {
  private manager: UserManager | undefined;
  private settings: UserManagerSettings | undefined;
  private dpopStore: IndexedDbDPoPStore | undefined;
  private readonly listeners = new Listeners();
  private callback: Promise<void> | undefined;
  private quiet = false;
  private readonly otherTabs: SessionChannel;

  constructor(
    private readonly options: CheckedOidcOptions,
    private readonly userStore: IndexedDbStateStore,
  ) {
    this.otherTabs = new SessionChannel(options, () => void this.followOtherTab());
  }

  private get lockName() {
    return `kunta-akkuna:oidc:${this.options.authority}|${this.options.clientId}`;
  }

  /** Created on first use, so that an answer from the store alone touches no more browser APIs. */
  private userManager(): UserManager {
    if (this.manager) return this.manager;
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
    this.settings = settings;
    const manager = new UserManager(settings);
    manager.events.addUserLoaded((user) => {
      if (!this.quiet) this.listeners.emit(toSessionUser(user));
    });
    manager.events.addUserUnloaded(() => {
      if (!this.quiet) this.listeners.emit(null);
    });
    void manager.clearStaleState().catch(() => undefined);
    this.manager = manager;
    return manager;
  }

  subscribe(listener: AuthListener): () => void {
    return this.listeners.add(listener);
  }

  async signIn(options: SignInOptions = {}): Promise<void> {
    try {
      // The provider's pages follow the widget's language (OIDC Core 3.1.2.1 `ui_locales`).
      await this.userManager().signinRedirect(options.uiLocales ? { ui_locales: options.uiLocales } : {});
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
    const proof = await this.userManager().dpopProof(target.href, user, method.toUpperCase(), nonce);
    if (proof) return { Authorization: `DPoP ${user.access_token}`, DPoP: proof };
    return { Authorization: `Bearer ${user.access_token}` };
  }

  async signOut(): Promise<void> {
    const manager = this.userManager();
    this.quiet = true;
    let ended: User | null = null;
    try {
      await withLock(this.lockName, async () => {
        ended = await manager.getUser();
        await manager.removeUser();
        await this.dpopStore?.remove(this.options.clientId).catch(() => undefined);
        await manager.clearStaleState().catch(() => undefined);
      });
    } finally {
      this.quiet = false;
      this.callback = undefined;
      // The session ends here first, and in every other tab of the origin at once; the provider is told after.
      this.listeners.emit(null);
      this.otherTabs.post('signed-out');
    }
    if (ended) await this.revoke(ended);
  }

  /**
   * Best effort: a provider without a revocation endpoint must not keep the user signed in here. A client of its
   * own, because UserManager.revokeTokens stores the user again afterwards.
   */
  private async revoke(user: User): Promise<void> {
    if (!this.settings) return;
    const client = new OidcClient(this.settings);
    for (const type of ['refresh_token', 'access_token'] as const) {
      const token = user[type];
      if (token) await client.revokeToken(token, type).catch(() => undefined);
    }
  }

  /**
   * Another tab signed in or out: the shared store says who is signed in now. A session gone from it is unloaded
   * through oidc-client-ts's own event (userUnloaded), which tells this page's widgets to forget what they show.
   */
  private async followOtherTab(): Promise<void> {
    try {
      const manager =
        this.manager ?? ((await mayHaveSession(this.userStore, this.options)) ? this.userManager() : null);
      const user = manager ? await manager.getUser() : null;
      if (user) {
        this.listeners.emit(toSessionUser(user));
      } else if (manager) {
        await manager.events.unload();
      } else {
        this.listeners.emit(null);
      }
    } catch {
      // An unreadable store: show nobody rather than the previous user.
      this.listeners.emit(null);
    }
  }

  /** Processes `?code&state` (or `?error&state`) once per page, only when the state is one this page stored. */
  private ensureCallback(): Promise<void> {
    if (this.callback) return this.callback;
    const url = callbackUrl();
    if (!url) return Promise.resolve();
    this.callback = (async () => {
      try {
        await this.userManager().signinCallback(url.href);
        this.otherTabs.post('signed-in');
      } catch (error) {
        const reason = (error as { error?: unknown }).error;
        throw new AuthenticationError({
          // The citizen pressed Cancel at the provider (RFC 6749 4.1.2.1): not a failure, the button just works again.
          code: reason === 'access_denied' ? 'KA_SIGNIN_CANCELLED' : 'KA_SIGNIN_FAILED',
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
    // A look at our own store first: without a session, no UserManager is needed.
    if (!this.manager && !(await mayHaveSession(this.userStore, this.options))) return null;
    const manager = this.userManager();
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
