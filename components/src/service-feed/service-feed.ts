import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { FeedItem, KuntaClient, Service, SessionUser } from '@kunta-akkuna/sdk';
import { KuntaConsentChangeEvent } from '../events/kunta-consent-change.js';
import { KuntaFeedDismissEvent } from '../events/kunta-feed-dismiss.js';
import { AnnouncerController } from '../internal/announcer.js';
import { DomIds, toggled } from '../internal/dom-ids.js';
import { FocusAfterActionController } from '../internal/focus-after-action.js';
import { KuntaElement } from '../internal/kunta-element.js';
import { renderError, renderLoading, renderNotConfigured, renderSourceNotices } from '../internal/state-templates.js';
import type { Translation } from '../i18n/localize.js';
import { hasCode, loadFeed, type FeedResult, type SignedInViews } from './feed-loader.js';
import { consentOrganisation, splitFeed } from './feed-model.js';
import { feedNotices } from './feed-notices.js';
import { renderCriticalNotices, renderTopicNotices } from './feed-notice-sections.js';
import { NoticeWatchController } from '../internal/notice-watch.js';
import { withoutOutages } from '../internal/topic-notices.js';
import { renderNotices, renderServices, type SectionContext } from './feed-sections.js';
import { renderItem } from './feed-templates.js';
import styles from './service-feed.styles.js';

/**
 * The version of the consent text (`feed.consent*` in i18n/fi, sv, en) sent with `PUT /v1/me/consent`, so the
 * record names the words the citizen agreed to. Raise it whenever those strings change.
 */
// 2: the texts name the municipality by its name and type ("Sievin kunta"), not "kaupunki" for every one.
export const CONSENT_TEXT_VERSION = 'feed-consent-2';

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * @summary Services and suggestions: the municipality's general feed, or with the citizen's consent personal
 * suggestions, tasks and notices that fit their life situation, each saying why it is shown.
 *
 * Signed out, or signed in without consent, it shows the municipality's general feed: notices, and featured
 * services grouped by PTV life event. Signed in without consent it also shows an opt-in prompt that says which
 * information would be used and why, with an "Allow" button that records consent with the version of the text
 * shown (`CONSENT_TEXT_VERSION`). With consent it shows the personal feed in priority order; each item has a
 * "Why am I seeing this?" disclosure (explanation, data used, legal basis) and a "Not relevant" button that
 * removes it at once, moves focus to the next item (or the list heading) and announces the removal. "Stop using
 * my information" withdraws consent and returns to the general feed. When nothing personal applies, it says so, and
 * the general services stay grouped by life event under their own heading, marked as not chosen from the data.
 * Every item shows the ways to reach its service from PTV: e-service and form links, phone numbers as `tel:` links
 * with their service hours, visiting addresses with opening hours; a suggestion shows the real period of what it
 * suggests.
 *
 * States: loading, error (in words by error code, with a retry button), empty, partial (a source that is stale
 * or unavailable is named, with the time of its data in Europe/Helsinki), signed out and not configured. A polite
 * live region announces results and changes without moving focus; focus moves only after the user's own action.
 * It re-fetches when the user signs in or out. Text from back ends is rendered as inert text and only http(s)
 * links become links.
 *
 * @event kunta-feed-dismiss - The user marked an item "not relevant". Detail: `{ municipality, kind }`.
 * @event kunta-consent-change - The user granted or withdrew consent. Detail: `{ municipality, granted }`.
 *
 * @csspart base - The section.
 * @csspart heading - The widget's heading.
 * @csspart announcer - The visually hidden live region.
 * @csspart loading - The loading text.
 * @csspart error - The error text and retry button.
 * @csspart retry-button - The retry button.
 * @csspart notice - The note about a source that did not answer.
 * @csspart signed-out - The "sign in to get suggestions" sentence.
 * @csspart consent - The opt-in prompt.
 * @csspart consent-heading - The opt-in prompt's heading.
 * @csspart consent-data - The list of information that would be used.
 * @csspart allow-button - The "Allow" button.
 * @csspart consent-error - The text shown when consent could not be saved or withdrawn.
 * @csspart consent-controls - The box with the withdrawal control (personal feed).
 * @csspart withdraw-button - The "Stop using my information" button.
 * @csspart list-heading - The heading of the personal list.
 * @csspart list - The personal list.
 * @csspart notices - The list of general notices.
 * @csspart critical - While a critical municipal notice is in force: the notice first, with the services it is
 *   about under "these services work online".
 * @csspart topic-notices - Municipal notices about what the feed shows (a life event, a source); parts as in
 *   `<kunta-notices>`.
 * @csspart group-heading - The heading of a life-event group.
 * @csspart group - The list of featured services of one life event.
 * @csspart item - One item (`<li>`), also `suggestion`, `task` or `notice` by its kind.
 * @csspart kind - The kind of an item in words.
 * @csspart item-title - The title of an item.
 * @csspart body - The text of an item.
 * @csspart valid-until - The real period of what a suggestion suggests (e.g. enrolment 1.1.–28.2.), or a notice's last day.
 * @csspart action - The link to the e-service.
 * @csspart channels - The list of ways to reach the item's service (from PTV).
 * @csspart channel - One way: also `phone`, `address` or `link`.
 * @csspart channel-link - A channel's link: the e-service, form or web page, or the phone number (`tel:`).
 * @csspart general-note - The sentence saying that general services were not chosen from the citizen's data.
 * @csspart why-button - The "Why am I seeing this?" button.
 * @csspart why - The explanation: reason, information used and legal basis.
 * @csspart dismiss-button - The "Not relevant" button.
 * @csspart empty - The "nothing right now" text.
 *
 * @cssproperty --kunta-service-feed-card-background - Item background. Default `--kunta-color-surface`.
 * @cssproperty --kunta-service-feed-accent - The item's start border and the prompt's border. Default `--kunta-color-primary`.
 */
export class KuntaServiceFeed extends KuntaElement {
  static override styles = styles;

  /** Heading level of the widget's heading (2–6); sections and items are one and two levels below. Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private authVersion = 0;
  @state() private attempt = 0;
  @state() private expanded = new Set<string>();
  @state() private dismissed = new Set<string>();
  @state() private consentBusy: 'granting' | 'withdrawing' | null = null;
  @state() private consentError = '';
  private announcePrefix = '';
  private readonly announcer = new AnnouncerController(this);
  private readonly municipalNotices = new NoticeWatchController(this, () => this.currentClient);
  private readonly focusAfter = new FocusAfterActionController(this);
  private readonly domIds = new DomIds('item');

  private readonly feed = new Task(this, {
    task: ([client], { signal }) => loadFeed(client, signal),
    args: () => [this.currentClient, this.authVersion, this.attempt] as const,
    onComplete: (result) => this.announceResult(result),
    onError: (error) => {
      if (!isAbort(error)) this.announcer.announce(this.localize.t.feed.loadFailed);
      this.announcePrefix = '';
    },
  });

  protected override clientChanged(_client: KuntaClient | undefined): void {
    this.reset();
  }

  protected override authChanged(_user: SessionUser | null): void {
    // Someone else (or nobody) is signed in: forget what the previous user saw, then fetch again.
    this.reset();
    this.authVersion++;
  }

  private reset(): void {
    this.expanded = new Set();
    this.dismissed = new Set();
    this.announcer.clear();
    this.announcePrefix = '';
    this.consentBusy = null;
    this.consentError = '';
  }

  /** Fetches the feed again. */
  refresh(): void {
    this.attempt++;
  }

  private announceResult(result: FeedResult): void {
    const t = this.localize.t;
    const prefix = this.announcePrefix;
    this.announcePrefix = '';
    if (result.kind === 'not-configured') return this.announcer.clear();
    const partial = result.sources.some((source) => source.status !== 'ok') ? t.partialAnnouncement : '';
    const personal = result.kind === 'personal' ? splitFeed(result.feed.items).personal.length : -1;
    const count = personal < 0 ? '' : personal === 0 ? t.feed.personalEmpty : t.feed.loaded(personal);
    this.announcer.announce([prefix, count, partial].filter(Boolean).join(' '));
  }

  /** Focus after the user's action, once what it led to is on screen. */
  private focusLater(target: 'heading' | 'list-heading' | { item: string }): void {
    this.focusAfter.request(
      () => {
        const root = this.shadowRoot;
        if (typeof target === 'object') return root?.getElementById(`${this.domIds.for(target.item)}-title`);
        return (
          root?.querySelector<HTMLElement>(`[part="${target}"][tabindex]`) ??
          root?.querySelector<HTMLElement>('[part="heading"]')
        );
      },
      () => this.feed.status !== TaskStatus.PENDING,
    );
  }

  private async dismiss(item: FeedItem, visible: FeedItem[]): Promise<void> {
    const client = this.currentClient;
    if (!client || this.dismissed.has(item.id)) return;
    const t = this.localize.t;
    const title = this.localize.text(item.title);
    const next = visible[visible.indexOf(item) + 1];
    // Optimistic: the item goes at once; it comes back only if the API refuses.
    this.dismissed = new Set(this.dismissed).add(item.id);
    this.focusLater(next ? { item: next.id } : 'list-heading');
    this.announcer.announce(t.feed.dismissed(title));
    this.dispatchEvent(new KuntaFeedDismissEvent({ municipality: client.municipalityId, kind: item.kind }));
    try {
      await client.feed.dismiss(item.id);
    } catch {
      if (this.currentClient !== client || !this.dismissed.has(item.id)) return;
      const restored = new Set(this.dismissed);
      restored.delete(item.id);
      this.dismissed = restored;
      this.announcer.announce(this.localize.t.feed.dismissFailed(title));
    }
  }

  /** Grants or withdraws consent. Withdrawing hides the personal items at once, before the API answers. */
  private async changeConsent(granted: boolean): Promise<void> {
    const client = this.currentClient;
    if (!client || this.consentBusy) return;
    const t = this.localize.t;
    this.consentBusy = granted ? 'granting' : 'withdrawing';
    this.consentError = '';
    if (!granted) this.announcer.clear();
    try {
      await (granted ? client.consent.grant({ textVersion: CONSENT_TEXT_VERSION }) : client.consent.withdraw());
    } catch (error) {
      if (this.currentClient !== client) return;
      this.consentBusy = null;
      this.consentError = granted ? t.feed.consentFailed : t.feed.withdrawFailed;
      this.announcer.announce(this.consentError);
      if (granted && hasCode(error, 'KA_UNAUTHENTICATED')) this.refresh();
      return;
    }
    if (this.currentClient !== client) return;
    this.dispatchEvent(new KuntaConsentChangeEvent({ municipality: client.municipalityId, granted }));
    this.announcePrefix = granted ? t.feed.consentGranted : t.feed.consentWithdrawn;
    this.focusLater(granted ? 'list-heading' : 'heading');
    if (!granted) {
      this.expanded = new Set();
      this.dismissed = new Set();
    }
    this.refresh();
    // Withdrawing: the task is pending now, so the loading text shows until the general feed has arrived.
    this.consentBusy = null;
  }

  private retry(): void {
    this.focusLater('heading');
    this.refresh();
  }

  private level(offset = 0): number {
    return Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2) + offset);
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <div part="heading" id="heading" role="heading" aria-level=${this.level()} tabindex="-1">${t.feed.heading}</div>
        ${this.announcer.render()}
        ${this.feed.render({
          initial: () => renderLoading(t.feed.loading),
          pending: () => renderLoading(t.feed.loading),
          complete: (result) => this.renderResult(t, result),
          error: (error) => renderError(t, t.feed.loadFailed, error, () => this.retry()),
        })}
      </section>
    `;
  }

  private renderResult(t: Translation, result: FeedResult) {
    if (result.kind === 'not-configured') return renderNotConfigured(t);
    const snapshot = this.municipalNotices.snapshot;
    const sourceNotes = renderSourceNotices(t, t.feed, withoutOutages(result.sources, snapshot), (at) =>
      this.localize.dateTime(at),
    );
    const catalogue = result.kind === 'general' ? result.catalogue : null;
    const municipal = feedNotices(snapshot.items, result.feed.items, catalogue, result.sources);
    const context = { t, localize: this.localize, level: this.level(1) };
    const notices = html`${renderCriticalNotices(context, municipal.critical, municipal.linked, (item, level) =>
      this.renderOne(t, item, level, undefined, catalogue),
    )}
    ${renderTopicNotices(context, municipal.other)} ${sourceNotes}`;
    if (result.kind === 'personal') return html`${notices}${this.renderPersonal(t, municipal.rest, result.views)}`;
    const { notices: news, services } = splitFeed(municipal.rest);
    const sections = this.sections(t);
    return html`
      ${notices}
      ${
        result.signedIn
          ? result.signedIn.renderConsentPrompt(sections)
          : html`<p part="signed-out">${t.feed.signedOutHint}</p>`
      }
      ${renderNotices(sections, news)} ${renderServices(sections, services, result.catalogue, t.feed.featuredHeading)}
      ${news.length === 0 && services.length === 0 ? html`<p part="empty">${t.feed.generalEmpty}</p>` : nothing}
    `;
  }

  private renderPersonal(t: Translation, all: FeedItem[], views: SignedInViews) {
    const { personal, services, notices } = splitFeed(all.filter((item) => !this.dismissed.has(item.id)));
    const sections = this.sections(t);
    // One template in both states, so the withdraw button (and the focus on it) survives while the API is asked.
    return html`
      ${
        this.consentBusy === 'withdrawing'
          ? renderLoading(t.feed.withdrawing)
          : html`${views.renderPersonalList(sections, personal, (item) => this.dismiss(item, personal))}
            ${renderNotices(sections, notices)}
            ${renderServices(sections, services, null, t.feed.generalHeading, t.feed.generalNote)}`
      }
      ${views.renderWithdraw(sections)}
    `;
  }

  private sections(t: Translation): SectionContext {
    return {
      t,
      localize: this.localize,
      level: (offset) => this.level(offset),
      item: (item, level, catalogue, onDismiss) => this.renderOne(t, item, level, onDismiss, catalogue),
      consent: { busy: this.consentBusy, error: this.consentError, change: (granted) => this.changeConsent(granted) },
      organisation: consentOrganisation(this.municipalitySettings, (text) => this.localize.text(text)),
    };
  }

  private renderOne(
    t: Translation,
    item: FeedItem,
    level: number,
    onDismiss?: () => void,
    catalogue?: Map<string, Service> | null,
  ) {
    return renderItem(item, {
      t,
      localize: this.localize,
      id: this.domIds.for(item.id),
      level,
      open: this.expanded.has(item.id),
      onToggleWhy: () => (this.expanded = toggled(this.expanded, item.id)),
      onDismiss,
      catalogue,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-service-feed': KuntaServiceFeed;
  }
}
