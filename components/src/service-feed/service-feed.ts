import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { Feed, FeedItem, KuntaClient, Service, SessionUser, SourceStatus } from '@kunta-akkuna/sdk';
import { KuntaConsentChangeEvent } from '../events/kunta-consent-change.js';
import { KuntaFeedDismissEvent } from '../events/kunta-feed-dismiss.js';
import { KuntaElement } from '../internal/kunta-element.js';
import type { Translation } from '../i18n/localize.js';
import styles from './service-feed.styles.js';

/**
 * The version of the consent text (`feed.consent*` in i18n/fi, sv, en) sent with `PUT /v1/me/consent`, so the
 * record names the words the citizen agreed to. Raise it whenever those strings change.
 */
export const CONSENT_TEXT_VERSION = 'feed-consent-1';

type FeedResult =
  | { kind: 'not-configured' }
  | { kind: 'general'; feed: Feed; catalogue: Map<string, Service> | null; signedIn: boolean; sources: SourceStatus[] }
  | { kind: 'personal'; feed: Feed; sources: SourceStatus[] };

type FocusTarget = 'heading' | 'list-heading' | { item: string };

interface Group {
  key: string;
  heading: string;
  items: FeedItem[];
}

/** Only web links become links; anything else (javascript:, data:) from a back end is shown as nothing. */
function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hasCode(error: unknown, code: string): boolean {
  return isKuntaError(error) && error.code === code;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Highest priority first; items past `validUntil` are left out. Stable for equal priorities. */
function ordered(items: FeedItem[], now = Date.now()): FeedItem[] {
  return items
    .filter(
      (item) => !item.validUntil || Number.isNaN(Date.parse(item.validUntil)) || Date.parse(item.validUntil) > now,
    )
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.priority - a.item.priority || a.index - b.index)
    .map(({ item }) => item);
}

/** One status per source; when two responses name the same source, the worse status wins. */
function mergeSources(...lists: SourceStatus[][]): SourceStatus[] {
  const rank = { ok: 0, partial: 1, stale: 2, unavailable: 3 } as const;
  const byId = new Map<string, SourceStatus>();
  for (const source of lists.flat()) {
    const seen = byId.get(source.id);
    if (!seen || (rank[source.status] ?? 0) > (rank[seen.status] ?? 0)) byId.set(source.id, source);
  }
  return [...byId.values()];
}

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
 * my information" withdraws consent and returns to the general feed.
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
 * @csspart group-heading - The heading of a life-event group.
 * @csspart group - The list of featured services of one life event.
 * @csspart item - One item (`<li>`), also `suggestion`, `task` or `notice` by its kind.
 * @csspart kind - The kind of an item in words.
 * @csspart item-title - The title of an item.
 * @csspart body - The text of an item.
 * @csspart valid-until - The "valid until" date of an item.
 * @csspart action - The link to the e-service.
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
  @state() private announcement = '';
  @state() private consentBusy: 'granting' | 'withdrawing' | null = null;
  @state() private consentError = '';
  private announcePrefix = '';
  private pendingFocus: FocusTarget | null = null;
  private readonly domIds = new Map<string, string>();

  private readonly feed = new Task(this, {
    task: async ([client], { signal }): Promise<FeedResult> => {
      if (!client) return { kind: 'not-configured' };
      const user = client.auth ? await client.auth.getUser() : null;
      signal.throwIfAborted();
      if (!user) return this.general(client, signal, false);
      let signedIn = true;
      try {
        const consent = await client.consent.retrieve({ signal });
        if (consent.granted) {
          const feed = await client.feed.list({}, { signal });
          return { kind: 'personal', feed: { ...feed, items: ordered(feed.items) }, sources: feed.sources };
        }
      } catch (error) {
        // The session ended (general feed, signed out) or consent was withdrawn meanwhile (general feed, prompt).
        if (hasCode(error, 'KA_UNAUTHENTICATED')) signedIn = false;
        else if (!hasCode(error, 'KA_FORBIDDEN')) throw error;
      }
      return this.general(client, signal, signedIn);
    },
    args: () => [this.currentClient, this.authVersion, this.attempt] as const,
    onComplete: (result) => this.announceResult(result),
    onError: (error) => {
      if (!isAbort(error)) this.announcement = this.localize.t.feed.loadFailed;
      this.announcePrefix = '';
    },
  });

  private async general(client: KuntaClient, signal: AbortSignal, signedIn: boolean): Promise<FeedResult> {
    const feed = await client.feed.public({}, { signal });
    // The server names each featured item's life event and link; the catalogue is read only to fill in what an
    // item lacks, and without it such items are shown ungrouped.
    const lacking = feed.items.some(
      (item) => item.kind !== 'notice' && item.service && (!item.lifeEvent || !item.action),
    );
    const services = lacking
      ? await client.services.search({}, { signal }).catch((error: unknown) => {
          if (signal.aborted) throw error;
          return null;
        })
      : null;
    return {
      kind: 'general',
      feed: { ...feed, items: ordered(feed.items) },
      catalogue: services ? new Map(services.items.map((service) => [service.id, service])) : null,
      signedIn,
      sources: mergeSources(feed.sources, services?.sources ?? []),
    };
  }

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
    this.announcement = '';
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
    if (result.kind === 'not-configured') {
      this.announcement = '';
      return;
    }
    const partial = result.sources.some((source) => source.status !== 'ok') ? t.partialAnnouncement : '';
    const count =
      result.kind === 'personal'
        ? result.feed.items.length === 0
          ? t.feed.personalEmpty
          : t.feed.loaded(result.feed.items.length)
        : '';
    this.announcement = [prefix, count, partial].filter(Boolean).join(' ');
  }

  private idFor(itemId: string): string {
    let id = this.domIds.get(itemId);
    if (!id) {
      id = `item-${this.domIds.size}`;
      this.domIds.set(itemId, id);
    }
    return id;
  }

  private toggleWhy(itemId: string): void {
    const next = new Set(this.expanded);
    if (next.has(itemId)) next.delete(itemId);
    else next.add(itemId);
    this.expanded = next;
  }

  private async dismiss(item: FeedItem, visible: FeedItem[]): Promise<void> {
    const client = this.currentClient;
    if (!client || this.dismissed.has(item.id)) return;
    const t = this.localize.t;
    const title = this.localize.text(item.title);
    const next = visible[visible.indexOf(item) + 1];
    // Optimistic: the item goes at once; it comes back only if the API refuses.
    this.dismissed = new Set(this.dismissed).add(item.id);
    this.pendingFocus = next ? { item: next.id } : 'list-heading';
    this.announcement = t.feed.dismissed(title);
    this.dispatchEvent(new KuntaFeedDismissEvent({ municipality: client.municipalityId, kind: item.kind }));
    try {
      await client.feed.dismiss(item.id);
    } catch {
      if (this.currentClient !== client || !this.dismissed.has(item.id)) return;
      const restored = new Set(this.dismissed);
      restored.delete(item.id);
      this.dismissed = restored;
      this.announcement = this.localize.t.feed.dismissFailed(title);
    }
  }

  private async grantConsent(): Promise<void> {
    const client = this.currentClient;
    if (!client || this.consentBusy) return;
    this.consentBusy = 'granting';
    this.consentError = '';
    try {
      await client.consent.grant({ textVersion: CONSENT_TEXT_VERSION });
    } catch (error) {
      if (this.currentClient !== client) return;
      this.consentBusy = null;
      this.consentError = this.localize.t.feed.consentFailed;
      this.announcement = this.consentError;
      if (hasCode(error, 'KA_UNAUTHENTICATED')) this.refresh();
      return;
    }
    if (this.currentClient !== client) return;
    this.consentBusy = null;
    this.dispatchEvent(new KuntaConsentChangeEvent({ municipality: client.municipalityId, granted: true }));
    this.announcePrefix = this.localize.t.feed.consentGranted;
    this.pendingFocus = 'list-heading';
    this.refresh();
  }

  private async withdrawConsent(): Promise<void> {
    const client = this.currentClient;
    if (!client || this.consentBusy) return;
    // The personal items disappear now, not when the API has answered.
    this.consentBusy = 'withdrawing';
    this.consentError = '';
    this.announcement = '';
    try {
      await client.consent.withdraw();
    } catch {
      if (this.currentClient !== client) return;
      this.consentBusy = null;
      this.consentError = this.localize.t.feed.withdrawFailed;
      this.announcement = this.consentError;
      return;
    }
    if (this.currentClient !== client) return;
    this.dispatchEvent(new KuntaConsentChangeEvent({ municipality: client.municipalityId, granted: false }));
    this.announcePrefix = this.localize.t.feed.consentWithdrawn;
    this.pendingFocus = 'heading';
    this.expanded = new Set();
    this.dismissed = new Set();
    this.refresh();
    // The task is pending now, so the loading text shows until the general feed has arrived.
    this.consentBusy = null;
  }

  private retry(): void {
    this.pendingFocus = 'heading';
    this.refresh();
  }

  protected override updated(): void {
    const target = this.pendingFocus;
    if (!target || this.feed.status === TaskStatus.PENDING) return;
    this.pendingFocus = null;
    const root = this.shadowRoot;
    if (!root) return;
    const element =
      typeof target === 'object'
        ? root.getElementById(`${this.idFor(target.item)}-title`)
        : (root.querySelector<HTMLElement>(`[part="${target}"][tabindex]`) ??
          root.querySelector<HTMLElement>('[part="heading"]'));
    element?.focus();
  }

  private level(offset = 0): number {
    return Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2) + offset);
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <div part="heading" id="heading" role="heading" aria-level=${this.level()} tabindex="-1">${t.feed.heading}</div>
        <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          ${this.announcement}
        </div>
        ${this.feed.render({
          initial: () => this.renderLoading(t),
          pending: () => this.renderLoading(t),
          complete: (result) => this.renderResult(t, result),
          error: (error) => this.renderError(t, error),
        })}
      </section>
    `;
  }

  private renderLoading(t: Translation, text = t.feed.loading) {
    return html`<p part="loading"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
  }

  private renderError(t: Translation, error: unknown) {
    const code = (isKuntaError(error) ? error.code : 'KA_UNKNOWN') as keyof Translation['errors'];
    return html`
      <div part="error">
        <p>${t.feed.loadFailed} ${t.errors[code] ?? t.errors.KA_UNKNOWN}</p>
        <button part="retry-button" type="button" @click=${this.retry}>${t.retry}</button>
      </div>
    `;
  }

  private renderResult(t: Translation, result: FeedResult) {
    if (result.kind === 'not-configured') return html`<p part="error">${t.notConfigured}</p>`;
    const notices = result.sources.filter((source) => source.status !== 'ok').map((s) => this.renderNotice(t, s));
    if (result.kind === 'personal') return html`${notices}${this.renderPersonal(t, result.feed.items)}`;
    return html`${notices}${this.renderGeneral(t, result)}`;
  }

  private renderNotice(t: Translation, source: SourceStatus) {
    const name = t.sourceName[source.id] ?? source.id;
    const time = this.localize.dateTime(source.fetchedAt);
    const text =
      source.status === 'partial'
        ? t.feed.sourcePartial(name, source.omitted ?? 1)
        : source.status === 'stale' && time
          ? t.feed.sourceStale(name, time)
          : time
            ? t.feed.sourceUnavailableSince(name, time)
            : t.feed.sourceUnavailable(name);
    return html`<p part="notice">${text}</p>`;
  }

  // ------------------------------------------------------------------------------------------------------
  // Personal feed

  private renderPersonal(t: Translation, all: FeedItem[]) {
    const items = all.filter((item) => !this.dismissed.has(item.id));
    // One template in both states, so the withdraw button (and the focus on it) survives while the API is asked.
    return html`
      ${
        this.consentBusy === 'withdrawing'
          ? this.renderLoading(t, t.feed.withdrawing)
          : html`<div class="section">
              <div part="list-heading" id="list-heading" role="heading" aria-level=${this.level(1)} tabindex="-1">
                ${t.feed.personalHeading}
              </div>
              ${
                items.length === 0
                  ? html`<p part="empty">${t.feed.personalEmpty}</p>`
                  : html`<ul part="list" aria-labelledby="list-heading">
                      ${repeat(
                        items,
                        (item) => item.id,
                        (item) => this.renderItem(t, item, this.level(2), () => this.dismiss(item, items)),
                      )}
                    </ul>`
              }
            </div>`
      }
      ${this.renderWithdraw(t)}
    `;
  }

  private renderWithdraw(t: Translation) {
    const busy = this.consentBusy === 'withdrawing';
    return html`
      <div part="consent-controls">
        <p>${t.feed.withdrawInfo}</p>
        ${this.consentError ? html`<p part="consent-error">${this.consentError}</p>` : nothing}
        <button
          part="withdraw-button"
          class="secondary"
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${this.withdrawConsent}
        >
          ${t.feed.withdraw}
        </button>
      </div>
    `;
  }

  // ------------------------------------------------------------------------------------------------------
  // General feed

  private renderGeneral(t: Translation, result: Extract<FeedResult, { kind: 'general' }>) {
    const notices = result.feed.items.filter((item) => item.kind === 'notice');
    const groups = this.groups(
      t,
      result.feed.items.filter((item) => item.kind !== 'notice'),
      result.catalogue,
    );
    const grouped = !(groups.length === 1 && groups[0]!.key === 'other');
    return html`
      ${result.signedIn ? this.renderConsentPrompt(t) : html`<p part="signed-out">${t.feed.signedOutHint}</p>`}
      ${
        notices.length
          ? html`<div class="section">
              <div part="group-heading" id="notices-heading" role="heading" aria-level=${this.level(1)}>
                ${t.feed.noticesHeading}
              </div>
              <ul part="notices" aria-labelledby="notices-heading">
                ${notices.map((item) => this.renderItem(t, item, this.level(2)))}
              </ul>
            </div>`
          : nothing
      }
      ${
        groups.length
          ? html`<div class="section">
              <div part="list-heading" id="featured-heading" role="heading" aria-level=${this.level(1)}>
                ${t.feed.featuredHeading}
              </div>
              ${groups.map((group) =>
                grouped
                  ? html`<div part="group-heading" id="group-${group.key}" role="heading" aria-level=${this.level(2)}>
                        ${group.heading}
                      </div>
                      <ul part="group" aria-labelledby="group-${group.key}">
                        ${group.items.map((item) => this.renderItem(t, item, this.level(3), undefined, result.catalogue))}
                      </ul>`
                  : html`<ul part="group" aria-labelledby="featured-heading">
                      ${group.items.map((item) => this.renderItem(t, item, this.level(2), undefined, result.catalogue))}
                    </ul>`,
              )}
            </div>`
          : nothing
      }
      ${notices.length === 0 && groups.length === 0 ? html`<p part="empty">${t.feed.generalEmpty}</p>` : nothing}
    `;
  }

  /** Featured items by life event (the item's own, else its service's first), in order of first appearance; "other" last. */
  private groups(t: Translation, items: FeedItem[], catalogue: Map<string, Service> | null): Group[] {
    const groups = new Map<string, Group>();
    for (const item of items) {
      const service = item.service ? catalogue?.get(item.service.id) : undefined;
      const code = item.lifeEvent?.code ?? service?.lifeEvents[0] ?? '';
      const top = code.split('.')[0] ?? '';
      const named = item.lifeEvent ? this.localize.text(item.lifeEvent.name) : '';
      const key = /^KE\d+(\.\d+)?$/.test(code) && (named || t.feed.lifeEvent[top]) ? (named ? code : top) : 'other';
      const heading = key === 'other' ? t.feed.otherServices : named || t.feed.lifeEvent[top] || key;
      const group = groups.get(key) ?? { key, heading, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    const other = groups.get('other');
    groups.delete('other');
    return other ? [...groups.values(), other] : [...groups.values()];
  }

  private renderConsentPrompt(t: Translation) {
    const busy = this.consentBusy === 'granting';
    return html`
      <div part="consent" role="group" aria-labelledby="consent-heading">
        <div part="consent-heading" id="consent-heading" role="heading" aria-level=${this.level(1)}>
          ${t.feed.consentHeading}
        </div>
        <p>${t.feed.consentIntro}</p>
        <ul part="consent-data">
          ${t.feed.consentData.map((entry) => html`<li>${entry}</li>`)}
        </ul>
        <p>${t.feed.consentPurpose}</p>
        <p>${t.feed.consentWithdrawInfo}</p>
        ${this.consentError ? html`<p part="consent-error">${this.consentError}</p>` : nothing}
        <button part="allow-button" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${this.grantConsent}>
          ${busy ? t.feed.consentSaving : t.feed.allow}
        </button>
      </div>
    `;
  }

  // ------------------------------------------------------------------------------------------------------
  // One item

  private renderItem(
    t: Translation,
    item: FeedItem,
    level: number,
    onDismiss?: () => void,
    catalogue?: Map<string, Service> | null,
  ) {
    const id = this.idFor(item.id);
    const title = this.localize.text(item.title);
    const body = this.localize.text(item.body);
    const action = this.actionFor(item, catalogue);
    const open = this.expanded.has(item.id);
    const validUntil = item.validUntil ? this.localize.dateTime(item.validUntil, { timeStyle: undefined }) : '';
    return html`
      <li part="item ${item.kind}">
        <p part="kind">${t.feed.kind[item.kind] ?? item.kind}</p>
        <div part="item-title" id="${id}-title" role="heading" aria-level=${Math.min(6, level)} tabindex="-1">
          ${title}
        </div>
        ${body ? html`<p part="body">${body}</p>` : nothing}
        ${validUntil ? html`<p part="valid-until">${t.feed.validUntil(validUntil)}</p>` : nothing}
        ${action ? html`<a part="action" href=${action.href}>${action.label}</a>` : nothing}
        ${
          item.reason || onDismiss
            ? html`<div class="controls">
                ${
                  item.reason
                    ? html`<button
                        part="why-button"
                        class="secondary"
                        type="button"
                        aria-expanded=${open ? 'true' : 'false'}
                        aria-controls="${id}-why"
                        aria-describedby="${id}-title"
                        @click=${() => this.toggleWhy(item.id)}
                      >
                        <span class="chevron" aria-hidden="true">›</span>${t.feed.why}
                      </button>`
                    : nothing
                }
                ${
                  onDismiss
                    ? html`<button
                        part="dismiss-button"
                        class="secondary"
                        type="button"
                        aria-describedby="${id}-title"
                        @click=${onDismiss}
                      >
                        ${t.feed.notRelevant}
                      </button>`
                    : nothing
                }
              </div>`
            : nothing
        }
        ${item.reason ? this.renderWhy(t, id, item.reason, open) : nothing}
      </li>
    `;
  }

  private renderWhy(t: Translation, id: string, reason: NonNullable<FeedItem['reason']>, open: boolean) {
    const data = reason.dataUsed.map((entry) => this.localize.text(entry)).filter(Boolean);
    const legalBasis = this.localize.text(reason.legalBasis);
    return html`
      <div part="why" id="${id}-why" ?hidden=${!open}>
        <p>${this.localize.text(reason.explanation)}</p>
        <dl>
          ${
            data.length
              ? html`<dt>${t.feed.dataUsed}</dt>
                  <dd>
                    <ul>
                      ${data.map((entry) => html`<li>${entry}</li>`)}
                    </ul>
                  </dd>`
              : nothing
          }
          ${
            legalBasis
              ? html`<dt>${t.feed.legalBasis}</dt>
                  <dd>${legalBasis}</dd>`
              : nothing
          }
        </dl>
      </div>
    `;
  }

  /** The item's own link, else (general feed) the service's e-service or web page from the catalogue. */
  private actionFor(item: FeedItem, catalogue?: Map<string, Service> | null): { href: string; label: string } | null {
    if (item.action) {
      const href = safeHref(item.action.href);
      const label = this.localize.text(item.action.label);
      return href && label ? { href, label } : null;
    }
    const service = item.service ? catalogue?.get(item.service.id) : undefined;
    const channel =
      service?.channels.find((c) => c.type === 'EChannel' && safeHref(c.url)) ??
      service?.channels.find((c) => c.type === 'WebPage' && safeHref(c.url));
    const href = safeHref(channel?.url);
    const label = this.localize.text(channel?.name);
    return channel && href && label ? { href, label } : null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-service-feed': KuntaServiceFeed;
  }
}
