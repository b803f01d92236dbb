import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { getPageClient } from '@kunta-akkuna/sdk';
import type { KuntaClient, Municipality, SessionUser } from '@kunta-akkuna/sdk';
import { clientContext } from '../context.js';
import { LocalizeController, type StringsPart } from '../i18n/localize.js';
import { applyTheme } from '../theme/theme-sheet.js';
import { municipalitySettings } from './municipality-settings.js';
import { VERSION, WIDGET_FILES_ORIGIN } from './version.js';

/**
 * Shared behaviour of the widgets: the client (set directly, from the closest <kunta-provider>, or the page-wide
 * client for this element's own `api` + `municipality`), the localize controller, and a subscription to the
 * client's auth strategy that calls `authChanged` when a different user (or nobody) is signed in.
 */
export class KuntaElement extends LitElement {
  static version = VERSION;

  /**
   * The widget's own strings (src/<widget>/strings/<lang>.ts), loaded with the common ones of its language.
   * @internal
   */
  static strings: StringsPart | undefined;

  /**
   * API origin, e.g. `https://api.example.fi`. Only used when the element is not inside a `<kunta-provider>`.
   * Defaults to the origin the widget files were loaded from (the API serves them under /widgets/).
   */
  @property({ reflect: true }) api?: string;

  /** Municipality id, e.g. `nivala`. Only used when the element is not inside a `<kunta-provider>`. */
  @property({ reflect: true }) municipality?: string;

  /** A client set from script; wins over the provider and the attributes. */
  @property({ attribute: false }) client?: KuntaClient;

  /** The municipality's public settings (theme, default language, widgets) once loaded; undefined before. */
  @state() protected municipalitySettings: Municipality | undefined;

  protected readonly localize = new LocalizeController(
    this,
    () => this.municipalitySettings?.defaultLanguage,
    () => this.municipalitySettings?.languages,
    (this.constructor as typeof KuntaElement).strings,
  );
  private readonly consumer = new ContextConsumer(this, { context: clientContext, subscribe: true });
  private subscribedClient: KuntaClient | undefined;
  /** Hidden because the municipality has not enabled this widget. */
  private disabledByMunicipality = false;
  private unsubscribe: (() => void) | undefined;

  /** The client this element uses now, or undefined when it is not configured. */
  protected get currentClient(): KuntaClient | undefined {
    if (this.client) return this.client;
    if (this.consumer.value) return this.consumer.value;
    if (this.municipality) {
      try {
        return getPageClient(this.api || WIDGET_FILES_ORIGIN, this.municipality);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribedClient = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedClient = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const client = this.currentClient;
    if (client !== this.subscribedClient) {
      this.unsubscribe?.();
      this.subscribedClient = client;
      this.unsubscribe = client?.auth?.subscribe((user) => this.authChanged(user));
      this.loadMunicipality(client);
      this.clientChanged(client);
    }
  }

  /** The municipality's theme and default language: a page names only the municipality. */
  private loadMunicipality(client: KuntaClient | undefined): void {
    this.municipalitySettings = undefined;
    applyTheme(this, undefined);
    this.showAsEnabled(true);
    if (!client) return;
    void municipalitySettings(client).then((settings) => {
      if (this.currentClient !== client || !settings) return;
      this.municipalitySettings = settings;
      applyTheme(this, settings.theme?.tokens);
      this.showAsEnabled(!settings.widgets || settings.widgets.includes(this.localName));
    });
  }

  /** A widget the municipality has not enabled stays hidden; the console tells the webmaster why. */
  private showAsEnabled(enabled: boolean): void {
    if (enabled !== this.disabledByMunicipality) return; // no change
    this.disabledByMunicipality = !enabled;
    this.hidden = !enabled;
    if (!enabled) {
      console.warn(
        `Kunta-Akkuna: <${this.localName}> is not enabled for this municipality (its "widgets" setting), so it is hidden.`,
      );
    }
  }

  /**
   * Renders only with the strings of the element's language at hand: the first render waits for them, and after a
   * language switch the old text stays until the new strings have arrived (no flash of missing text).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.load();
    if (!loading) return super.scheduleUpdate();
    // The language may have changed again meanwhile; a failed load renders with the strings at hand.
    return loading.then((loaded) => (loaded ? this.scheduleUpdate() : super.scheduleUpdate()));
  }

  /** Called when the element starts using another client (or none). */
  protected clientChanged(_client: KuntaClient | undefined): void {}

  /** Called when a different user (or nobody) is signed in. */
  protected authChanged(_user: SessionUser | null): void {}
}
