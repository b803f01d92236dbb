import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { KuntaClient, SessionUser } from '@kunta-akkuna/sdk';
import { KuntaLoginEvent } from '../events/kunta-login.js';
import { KuntaLogoutEvent } from '../events/kunta-logout.js';
import { KuntaElement } from '../internal/kunta-element.js';
import type { Translation } from '../i18n/localize.js';
import styles from './login.styles.js';

// The sign-in redirect comes back to the page once; only one <kunta-login> announces it.
let loginAnnounced = false;

function hasCallbackInAddress(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * @summary Sign-in and sign-out for the citizen, shared by every widget on the page.
 *
 * On connect it completes a sign-in redirect (code and state in the address) once per page. Signed out it shows a
 * "Sign in" button; signed in, the user's name and a "Sign out" button. The identity provider's pages are asked
 * for in the widget's language. A sign-out in another tab of the same municipality signs this one out too.
 *
 * @event kunta-login - The user's sign-in completed (after the identity provider sent them back). No personal data.
 * @event kunta-logout - The user signed out. No personal data.
 *
 * @csspart base - The wrapper (a group labelled "Sign-in").
 * @csspart user - The "Signed in as …" text.
 * @csspart sign-in-button - The sign-in button.
 * @csspart sign-out-button - The sign-out button.
 * @csspart status - Progress text while the session is checked.
 * @csspart notice - "Sign-in cancelled", after the citizen pressed Cancel at the identity provider (not an error).
 * @csspart error - The error text.
 *
 * @cssproperty --kunta-login-gap - Space between the name and the button. Default `--kunta-space-s`.
 */
export class KuntaLogin extends KuntaElement {
  static override styles = styles;

  @state() private user: SessionUser | null | undefined = undefined;
  @state() private busy: 'signing-in' | 'signing-out' | null = null;
  @state() private errorCode: string | null = null;
  private focusAfterRender: 'sign-in' | 'sign-out' | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pageshow', this.onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pageshow', this.onPageShow);
  }

  /** Coming back with the browser's Back button from the identity provider restores the page: make it usable. */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) this.busy = null;
  };

  protected override clientChanged(client: KuntaClient | undefined): void {
    this.user = undefined;
    if (!client?.auth) return;
    const auth = client.auth;
    const fromRedirect = hasCallbackInAddress();
    auth.handleCallback().then(
      (user) => {
        if (this.currentClient !== client) return;
        this.user = user;
        if (fromRedirect && user && !loginAnnounced) {
          loginAnnounced = true;
          this.dispatchEvent(new KuntaLoginEvent({ municipality: client.municipalityId }));
        }
      },
      (error: unknown) => {
        if (this.currentClient !== client) return;
        this.user = null;
        this.errorCode = isKuntaError(error) ? error.code : 'KA_UNKNOWN';
      },
    );
  }

  protected override authChanged(user: SessionUser | null): void {
    // Also when another tab signed in or out: nothing of the previous state (name, busy, message) may linger.
    this.user = user;
    this.busy = null;
    this.errorCode = null;
  }

  private async signIn() {
    const auth = this.currentClient?.auth;
    if (!auth || this.busy) return;
    this.errorCode = null;
    this.busy = 'signing-in';
    try {
      await auth.signIn({ uiLocales: this.localize.lang() });
    } catch (error) {
      this.busy = null;
      this.errorCode = isKuntaError(error) ? error.code : 'KA_UNKNOWN';
    }
  }

  private async signOut() {
    const client = this.currentClient;
    if (!client?.auth || this.busy) return;
    this.errorCode = null;
    this.busy = 'signing-out';
    try {
      await client.auth.signOut();
      this.user = null;
      // The signed-out view may already be rendered (the strategy told every widget first): render once more to focus.
      this.focusAfterRender = 'sign-in';
      this.requestUpdate();
      this.dispatchEvent(new KuntaLogoutEvent({ municipality: client.municipalityId }));
    } catch (error) {
      this.errorCode = isKuntaError(error) ? error.code : 'KA_UNKNOWN';
    } finally {
      this.busy = null;
    }
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      // The button the user pressed is gone; keep focus where they are instead of dropping it to <body>.
      const target = this.shadowRoot?.querySelector<HTMLElement>(`[part~='${this.focusAfterRender}-button']`);
      if (target) {
        target.focus();
        this.focusAfterRender = null;
      }
    }
  }

  private renderMessage(t: Translation) {
    if (!this.errorCode) return nothing;
    // Cancel at the identity provider is the citizen's choice: a calm status line, not an alert.
    if (this.errorCode === 'KA_SIGNIN_CANCELLED') {
      return html`<p part="notice" role="status">${t.errors.KA_SIGNIN_CANCELLED}</p>`;
    }
    const code = this.errorCode as keyof Translation['errors'];
    return html`<p part="error" role="alert">${t.errors[code] ?? t.errors.KA_UNKNOWN}</p>`;
  }

  protected override render() {
    const t = this.localize.t;
    const lang = this.localize.lang();
    const configured = Boolean(this.currentClient?.auth);
    return html`
      <div part="base" role="group" aria-label=${t.loginGroup} lang=${lang}>
        ${
          !configured
            ? html`<p part="error">${t.notConfigured}</p>`
            : this.user === undefined
              ? html`<p part="status">${t.checkingSession}</p>`
              : this.user
                ? this.renderSignedIn(t, this.user)
                : this.renderSignedOut(t)
        }
        ${this.renderMessage(t)}
      </div>
    `;
  }

  private renderSignedOut(t: Translation) {
    const busy = this.busy === 'signing-in';
    return html`
      <button part="sign-in-button" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${this.signIn}>
        ${busy ? t.redirecting : t.signIn}
      </button>
    `;
  }

  private renderSignedIn(t: Translation, user: SessionUser) {
    const busy = this.busy === 'signing-out';
    return html`
      <span part="user">${user.name ? t.signedInAs(user.name) : t.signedInNoName}</span>
      <button
        part="sign-out-button"
        class="secondary"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${this.signOut}
      >
        ${busy ? t.signingOut : t.signOut}
      </button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-login': KuntaLogin;
  }
}
