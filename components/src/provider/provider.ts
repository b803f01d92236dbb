import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { getPageClient } from '@kunta-akkuna/sdk';
import type { KuntaClient } from '@kunta-akkuna/sdk';
import { clientContext } from '../context.js';
import { VERSION, WIDGET_FILES_ORIGIN } from '../internal/version.js';
import styles from './provider.styles.js';

/**
 * @summary Gives the widgets inside it one client (and a language) for a municipality.
 *
 * Widgets inside a provider use its client; a widget outside any provider uses the page-wide client for its own
 * `api` + `municipality` (the same one a provider with those attributes uses). The provider renders nothing of
 * its own (`display: contents`).
 *
 * @slot - The widgets.
 */
export class KuntaProvider extends LitElement {
  static override styles = styles;
  static version = VERSION;

  /** API origin, e.g. `https://api.example.fi`; defaults to the origin the widget files were loaded from. */
  @property({ reflect: true }) api?: string;

  /** Municipality id, e.g. `nivala`. */
  @property({ reflect: true }) municipality?: string;

  /** A client set from script (e.g. built with `createClient` and `staticTokenAuth`); wins over the attributes. */
  @property({ attribute: false }) client?: KuntaClient;

  // The `lang` attribute is read by the widgets' localize controllers directly.

  private readonly provider = new ContextProvider(this, { context: clientContext });

  override connectedCallback(): void {
    // Before the children upgrade, so their first context request already finds the client.
    this.sync();
    super.connectedCallback();
  }

  protected override willUpdate(): void {
    this.sync();
  }

  private sync(): void {
    const next = this.client ?? this.pageClient();
    if (next !== this.provider.value) this.provider.setValue(next);
  }

  private pageClient(): KuntaClient | undefined {
    if (!this.municipality) return undefined;
    try {
      return getPageClient(this.api || WIDGET_FILES_ORIGIN, this.municipality);
    } catch (error) {
      console.error(error);
      return undefined;
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-provider': KuntaProvider;
  }
}
