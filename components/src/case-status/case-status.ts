import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { Case, CaseList, CaseStatus, KuntaClient, LiveStatus, SessionUser, SourceStatus } from '@kunta-akkuna/sdk';
import { KuntaElement } from '../internal/kunta-element.js';
import { TIME_ZONE } from '../i18n/localize.js';
import type { Translation } from '../i18n/localize.js';
import styles from './case-status.styles.js';

type CasesResult = { kind: 'not-configured' } | { kind: 'signed-out' } | { kind: 'data'; list: CaseList };

/** A burst of change events (one case changing in several back-end steps) becomes one re-fetch. */
const LIVE_COALESCE_MS = 250;

interface LiveSubscription {
  client: KuntaClient;
  unsubscribe: () => void;
  /** False when events may have been missed before this subscription (the widget was detached). */
  caughtUp: boolean;
}

/** A shape per status, so the status never depends on colour alone. */
const STATUS_ICON: Record<CaseStatus, string> = {
  draft: '…',
  submitted: '→',
  in_progress: '◔',
  action_required: '!',
  decided: '✓',
  closed: '✓',
  cancelled: '✕',
};

/** Only web links become links; anything else (javascript:, data:) from a back end is shown as nothing. */
function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isAuthenticationFailure(error: unknown): boolean {
  return isKuntaError(error) && error.code === 'KA_UNAUTHENTICATED';
}

/** The child a case is about, or null for the citizen's own case (also when an older API sends no subject). */
function childSubject(item: Case): { givenName: string } | null {
  const subject: unknown = (item as { subject?: unknown }).subject;
  if (typeof subject !== 'object' || subject === null || (subject as { kind?: unknown }).kind !== 'child') return null;
  const givenName = (subject as { givenName?: unknown }).givenName;
  return { givenName: typeof givenName === 'string' ? givenName.trim() : '' };
}

/**
 * Keeps cases already on screen in the order they are shown, so a live update never moves the DOM node that
 * holds the user's focus; cases new to the list take the places the API gave them.
 */
function keepOrder(shown: readonly Case[], next: readonly Case[]): Case[] {
  const rank = new Map(shown.map((item, index) => [item.id, index]));
  const known = next.filter((item) => rank.has(item.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  let k = 0;
  return next.map((item) => (rank.has(item.id) ? known[k++]! : item));
}

const dayKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * @summary The signed-in citizen's cases (applications, permits) from every back end, with their status.
 *
 * States: signed out, loading, error (with a retry button), empty, list, and partial (each back end that is
 * stale or did not answer is named in words before the list, with the time of the data shown, in Helsinki time).
 * Each case shows its title, whose case it is when it is a child's, status (text and a shape), type, last change,
 * next step, action links and an expandable timeline. It re-fetches when the user signs in or out.
 *
 * Live updates: while signed in and in the document it subscribes to the API's change events
 * (`client.cases.subscribe`); a change re-fetches the list (bursts coalesced) and updates it in place: focus
 * stays where it was, open timelines stay open, and the polite live region announces each status change once.
 *
 * @slot signed-out - Replaces the default "sign in to see your cases" sentence.
 *
 * @csspart base - The section.
 * @csspart heading - The heading.
 * @csspart announcer - The visually hidden live region.
 * @csspart list - The list of cases.
 * @csspart case - One case (`<li>`); also `case action-required` when the case needs the user's action.
 * @csspart case-title - The title of a case.
 * @csspart subject - Whose case it is, shown for a child's case ("Lapsi: Eino").
 * @csspart status - The status text with its shape.
 * @csspart details - The last-changed and next-step list.
 * @csspart actions - The list of action links.
 * @csspart action - One action link.
 * @csspart timeline-toggle - The button that shows or hides the timeline.
 * @csspart timeline - The timeline list.
 * @csspart notice - The note about a back end that is stale or did not answer.
 * @csspart loading - The loading text.
 * @csspart empty - The "no cases" text.
 * @csspart signed-out - The signed-out sentence.
 * @csspart error - The error text and retry button.
 * @csspart retry-button - The retry button.
 *
 * @cssproperty --kunta-case-status-card-background - Case background. Default `--kunta-color-surface`.
 * @cssproperty --kunta-case-status-accent - The case's start border. Default `--kunta-color-primary`.
 */
export class KuntaCaseStatus extends KuntaElement {
  static override styles = styles;

  /** Heading level of the widget's heading (2–6); case titles are one level below. Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private authVersion = 0;
  @state() private attempt = 0;
  @state() private expanded = new Set<string>();
  @state() private announcement = '';
  /** The list as updated by live events since the last full load; undefined until the first event. */
  @state() private liveList: CaseList | undefined;
  private previousStatuses: Map<string, CaseStatus> | undefined;
  private focusHeading = false;
  private readonly domIds = new Map<string, string>();
  private knownClient: KuntaClient | undefined;
  private live: LiveSubscription | undefined;
  /** The client whose event stream the API refused; no new subscription until the next full load. */
  private liveRefused: KuntaClient | undefined;
  private freshData = false;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private liveFetch: AbortController | undefined;
  private liveAgain = false;

  private readonly cases = new Task(this, {
    task: async ([client], { signal }): Promise<CasesResult> => {
      this.cancelLiveRefresh();
      if (!client) return { kind: 'not-configured' };
      if (client.auth) {
        const user = await client.auth.getUser();
        signal.throwIfAborted();
        if (!user) return { kind: 'signed-out' };
      }
      const list = await client.cases.list({}, { signal });
      return { kind: 'data', list };
    },
    args: () => [this.currentClient, this.authVersion, this.attempt] as const,
    onComplete: (result) => {
      this.liveList = undefined;
      this.liveRefused = undefined;
      this.freshData = true;
      this.announce(result);
    },
    onError: (error) => {
      if (isAuthenticationFailure(error)) {
        this.previousStatuses = undefined;
        this.announcement = '';
      } else if (!(error instanceof Error && error.name === 'AbortError')) {
        this.announcement = this.localize.t.loadFailed;
      }
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached (moved in the page): subscribe again in `updated`, and catch up on what happened meanwhile.
    this.freshData = false;
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLive();
  }

  protected override clientChanged(client: KuntaClient | undefined): void {
    this.stopLive();
    // Also called when the element is re-attached with the same client: keep what is shown, to compare with.
    if (client === this.knownClient) return;
    this.knownClient = client;
    this.previousStatuses = undefined;
    this.liveList = undefined;
  }

  protected override authChanged(_user: SessionUser | null): void {
    // Someone else (or nobody) is signed in: stop listening, forget what the previous user saw, fetch again.
    this.stopLive();
    this.previousStatuses = undefined;
    this.liveList = undefined;
    this.domIds.clear();
    this.expanded = new Set();
    this.announcement = '';
    this.authVersion++;
  }

  /** Fetches the cases again. */
  refresh(): void {
    this.attempt++;
  }

  /** The list on screen: the last full load, or its live update. */
  private get shownList(): CaseList | undefined {
    if (this.liveList) return this.liveList;
    const value = this.cases.status === TaskStatus.COMPLETE ? this.cases.value : undefined;
    return value?.kind === 'data' ? value.list : undefined;
  }

  /** "Status of X changed" sentences for the cases whose status differs from the last list seen. */
  private statusChanges(items: readonly Case[]): string[] {
    const t = this.localize.t;
    const changes: string[] = [];
    if (this.previousStatuses) {
      for (const item of items) {
        const before = this.previousStatuses.get(item.id);
        if (before && before !== item.status) {
          changes.push(t.caseChanged(this.localize.text(item.title), t.caseStatus[item.status] ?? item.status));
        }
      }
    }
    this.previousStatuses = new Map(items.map((item) => [item.id, item.status]));
    return changes;
  }

  private announce(result: CasesResult): void {
    const t = this.localize.t;
    if (result.kind !== 'data') {
      this.previousStatuses = undefined;
      this.announcement = '';
      return;
    }
    const { items, sources } = result.list;
    const changes = this.statusChanges(items);
    const partial = sources.some((source) => source.status !== 'ok') ? ` ${t.partialAnnouncement}` : '';
    const summary = items.length === 0 ? t.noCases : t.loadedCases(items.length);
    this.announcement = (changes.length ? changes.join(' ') : summary) + partial;
  }

  // -------------------------------------------------------------------------------------------------------
  // Live updates

  /** Subscribed exactly while connected, signed in and showing a list, for the client in use. */
  private syncLive(): void {
    const client = this.currentClient;
    const wanted =
      this.isConnected &&
      client !== undefined &&
      this.cases.status === TaskStatus.COMPLETE &&
      this.cases.value?.kind === 'data' &&
      typeof client.cases?.subscribe === 'function' &&
      this.liveRefused !== client;
    if (this.live && (!wanted || this.live.client !== client)) this.stopLive();
    if (wanted && !this.live) this.startLive(client);
  }

  private startLive(client: KuntaClient): void {
    const subscription: LiveSubscription = { client, unsubscribe: () => undefined, caughtUp: this.freshData };
    this.freshData = false;
    this.live = subscription;
    subscription.unsubscribe = client.cases.subscribe(() => this.scheduleLiveRefresh(), {
      onStatus: (status) => this.liveStatus(subscription, status),
    });
  }

  private liveStatus(subscription: LiveSubscription, status: LiveStatus): void {
    if (this.live !== subscription) return;
    if (status.state === 'open') {
      // The SDK resumes a broken stream with Last-Event-ID; only a new subscription after a gap needs a re-fetch.
      if (!subscription.caughtUp) this.scheduleLiveRefresh();
      subscription.caughtUp = true;
    } else if (status.state === 'stopped') {
      // Refused (e.g. the session ended): do not reconnect in a loop. A quiet re-fetch shows whether the user is
      // still signed in; the next full load subscribes again.
      this.live = undefined;
      this.liveRefused = subscription.client;
      if (isAuthenticationFailure(status.error)) this.scheduleLiveRefresh();
    }
  }

  private stopLive(): void {
    const subscription = this.live;
    this.live = undefined;
    subscription?.unsubscribe();
    this.cancelLiveRefresh();
  }

  private cancelLiveRefresh(): void {
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    this.liveFetch?.abort();
    this.liveFetch = undefined;
    this.liveAgain = false;
  }

  private scheduleLiveRefresh(): void {
    if (this.liveTimer !== undefined) return;
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      void this.liveRefresh();
    }, LIVE_COALESCE_MS);
  }

  /** Re-fetches in the background: no loading state, so nothing on screen collapses or loses focus. */
  private async liveRefresh(): Promise<void> {
    if (this.liveFetch) {
      // One re-fetch at a time; events during it lead to exactly one more afterwards.
      this.liveAgain = true;
      return;
    }
    const client = this.currentClient;
    if (!client || !this.shownList) return;
    const controller = new AbortController();
    this.liveFetch = controller;
    try {
      const list = await client.cases.list({}, { signal: controller.signal });
      if (!controller.signal.aborted) this.applyLive(list);
    } catch (error) {
      // Anything else keeps the list shown; the next event or reconnection tries again.
      if (!controller.signal.aborted && isAuthenticationFailure(error)) this.refresh();
    } finally {
      if (this.liveFetch === controller) {
        this.liveFetch = undefined;
        if (this.liveAgain) {
          this.liveAgain = false;
          this.scheduleLiveRefresh();
        }
      }
    }
  }

  private applyLive(list: CaseList): void {
    const shown = this.shownList;
    if (!shown) return;
    this.liveList = { ...list, items: keepOrder(shown.items, list.items) };
    const changes = this.statusChanges(list.items);
    // Only changes are announced; an unchanged list stays silent.
    if (changes.length) this.announcement = changes.join(' ');
  }

  private domId(caseId: string): string {
    let id = this.domIds.get(caseId);
    if (!id) {
      id = `case-${this.domIds.size + 1}`;
      this.domIds.set(caseId, id);
    }
    return id;
  }

  /** The time of a source's data: just the time when it is from today (Helsinki), else date and time. */
  private dataTime(t: Translation, value: string | null): string {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    if (dayKey.format(date) === dayKey.format(new Date())) {
      return t.todayAt(this.localize.dateTime(date, { dateStyle: undefined, timeStyle: 'short' }));
    }
    return this.localize.dateTime(date);
  }

  private toggle(id: string) {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  private retry() {
    this.focusHeading = true;
    this.refresh();
  }

  protected override updated(): void {
    if (this.focusHeading && this.cases.status !== TaskStatus.ERROR) {
      // The retry button is replaced by the loading text; keep focus inside the widget.
      this.focusHeading = false;
      this.shadowRoot?.querySelector<HTMLElement>('[part="heading"]')?.focus();
    }
    this.syncLive();
  }

  private get level(): number {
    return Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2));
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <div part="heading" id="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.casesHeading}</div>
        <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          ${this.announcement}
        </div>
        ${this.cases.render({
          initial: () => this.renderLoading(t),
          pending: () => this.renderLoading(t),
          complete: (result) => this.renderResult(t, result),
          error: (error) => (isAuthenticationFailure(error) ? this.renderSignedOut(t) : this.renderError(t, error)),
        })}
      </section>
    `;
  }

  private renderLoading(t: Translation) {
    return html`<p part="loading"><span class="spinner" aria-hidden="true"></span>${t.loadingCases}</p>`;
  }

  private renderSignedOut(t: Translation) {
    return html`<slot name="signed-out"><p part="signed-out">${t.signedOutCases}</p></slot>`;
  }

  private renderError(t: Translation, error: unknown) {
    const code = (isKuntaError(error) ? error.code : 'KA_UNKNOWN') as keyof Translation['errors'];
    return html`
      <div part="error">
        <p>${t.loadFailed} ${t.errors[code] ?? t.errors.KA_UNKNOWN}</p>
        <button part="retry-button" type="button" @click=${this.retry}>${t.retry}</button>
      </div>
    `;
  }

  private renderResult(t: Translation, result: CasesResult) {
    if (result.kind === 'not-configured') return html`<p part="error">${t.notConfigured}</p>`;
    if (result.kind === 'signed-out') return this.renderSignedOut(t);
    const { items, sources } = this.liveList ?? result.list;
    return html`
      ${sources.filter((source) => source.status !== 'ok').map((source) => this.renderNotice(t, source))}
      ${
        items.length === 0
          ? html`<p part="empty">${t.noCases}</p>`
          : html`<ul part="list" aria-labelledby="heading">
              ${repeat(
                items,
                (item) => item.id,
                (item) => this.renderCase(t, item),
              )}
            </ul>`
      }
    `;
  }

  private renderNotice(t: Translation, source: SourceStatus) {
    const name = t.sourceName[source.id] ?? t.sourceName.generic ?? source.id;
    const time = this.dataTime(t, source.fetchedAt);
    const text =
      source.status === 'partial'
        ? t.sourcePartial(name, source.omitted ?? 1)
        : source.status === 'stale' && time
          ? t.sourceStale(name, time)
          : time
            ? t.sourceUnavailableSince(name, time)
            : t.sourceUnavailable(name);
    return html`<p part="notice">${text}</p>`;
  }

  private renderCase(t: Translation, item: Case) {
    const title = this.localize.text(item.title);
    const nextStep = this.localize.text(item.nextStep);
    const open = this.expanded.has(item.id);
    const timelineId = `timeline-${this.domId(item.id)}`;
    const child = childSubject(item);
    const actions = item.actions
      .map((action) => ({ label: this.localize.text(action.label), href: safeHref(action.href) }))
      .filter((action) => action.href && action.label);
    return html`
      <li part=${item.status === 'action_required' ? 'case action-required' : 'case'} class=${item.status}>
        <div part="case-title" role="heading" aria-level=${this.level + 1}>${title}</div>
        ${
          child
            ? html`<p part="subject">${child.givenName ? t.subjectChild(child.givenName) : t.subjectChildUnnamed}</p>`
            : nothing
        }
        <p part="status" class="status--${item.status}">
          <span class="visually-hidden">${t.status}:</span>
          <span class="status-icon" aria-hidden="true">${STATUS_ICON[item.status] ?? '•'}</span>
          <span>${t.caseStatus[item.status] ?? item.status}</span>
        </p>
        <dl part="details">
          <dt>${t.caseTypeLabel}</dt>
          <dd>${t.caseType[item.type] ?? t.caseType.other ?? item.type}</dd>
          <dt>${t.lastChanged}</dt>
          <dd><time datetime=${item.updatedAt}>${this.localize.dateTime(item.updatedAt)}</time></dd>
          ${
            nextStep
              ? html`<dt>${t.nextStep}</dt>
                  <dd>${nextStep}</dd>`
              : nothing
          }
        </dl>
        ${
          actions.length
            ? html`<ul part="actions" aria-label=${t.actions}>
                ${actions.map((action) => html`<li><a part="action" href=${action.href!}>${action.label}</a></li>`)}
              </ul>`
            : nothing
        }
        ${
          item.timeline.length
            ? html`
                <button
                  part="timeline-toggle"
                  class="secondary"
                  type="button"
                  aria-expanded=${open ? 'true' : 'false'}
                  aria-controls=${timelineId}
                  @click=${() => this.toggle(item.id)}
                >
                  <span class="chevron" aria-hidden="true">›</span>
                  ${open ? t.hideTimeline : t.showTimeline(item.timeline.length)}
                </button>
                <ol part="timeline" id=${timelineId} aria-label=${t.timeline} ?hidden=${!open}>
                  ${item.timeline.map(
                    (entry) =>
                      html`<li>
                        <time datetime=${entry.at}>${this.localize.dateTime(entry.at)}</time>
                        <span>${this.localize.text(entry.label) || t.caseStatus[entry.status]}</span>
                      </li>`,
                  )}
                </ol>
              `
            : nothing
        }
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-case-status': KuntaCaseStatus;
  }
}
