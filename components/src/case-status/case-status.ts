import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { Case, CaseList, CaseStatus, KuntaClient, SessionUser } from '@kunta-akkuna/sdk';
import { AnnouncerController } from '../internal/announcer.js';
import { DomIds, toggled } from '../internal/dom-ids.js';
import { FocusAfterActionController } from '../internal/focus-after-action.js';
import { KuntaElement } from '../internal/kunta-element.js';
import { renderError, renderLoading, renderNotConfigured, renderSourceNotices } from '../internal/state-templates.js';
import { TIME_ZONE } from '../i18n/localize.js';
import type { StringsPart, Translation } from '../i18n/localize.js';
import { actionFirst, keepOrder, summaryCounts } from './case-order.js';
import { renderCase } from './case-templates.js';
import { LiveCasesController } from './live-cases.js';
import { renderTopicNotices, withoutOutages } from '../internal/topic-notices.js';
import { NoticeWatchController } from '../internal/notice-watch.js';
import styles from './case-status.styles.js';

type CasesResult = { kind: 'not-configured' } | { kind: 'signed-out' } | { kind: 'data'; list: CaseList };

function isAuthenticationFailure(error: unknown): boolean {
  return isKuntaError(error) && error.code === 'KA_UNAUTHENTICATED';
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
 * Cases that need the user's action come first, then those in progress, then the decided ones; a one-line summary
 * before them ("1 asia odottaa toimiasi, 2 käsittelyssä.") is what a screen reader reads first.
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
 * @csspart summary - The one-line summary: how many cases wait for the user, are in progress, are done.
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
 * @csspart topic-notices - The municipality's notices about these back ends (a Lupapiste maintenance break, an
 *   outage sentence in place of the per-source note), above the cases; parts as in `<kunta-notices>`.
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
  /** @internal */
  static override strings: StringsPart = {
    fi: () => import('./strings/fi.js'),
    sv: () => import('./strings/sv.js'),
    en: () => import('./strings/en.js'),
  };

  /** Heading level of the widget's heading (2–6); case titles are one level below. Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private authVersion = 0;
  @state() private attempt = 0;
  @state() private expanded = new Set<string>();
  /** The list as updated by live events since the last full load; undefined until the first event. */
  @state() private liveList: CaseList | undefined;
  private previousStatuses: Map<string, CaseStatus> | undefined;
  private readonly domIds = new DomIds('case');
  private knownClient: KuntaClient | undefined;
  private readonly announcer = new AnnouncerController(this);
  private readonly focusAfter = new FocusAfterActionController(this);
  private readonly notices = new NoticeWatchController(this, () => this.currentClient);
  private readonly live = new LiveCasesController(this, {
    client: () => this.currentClient,
    showing: () => this.cases.status === TaskStatus.COMPLETE && this.cases.value?.kind === 'data',
    apply: (list) => this.applyLive(list),
    reload: () => this.refresh(),
  });

  private readonly cases = new Task(this, {
    task: async ([client], { signal }): Promise<CasesResult> => {
      this.live.loadStarted();
      if (!client) return { kind: 'not-configured' };
      if (client.auth) {
        const user = await client.auth.getUser();
        signal.throwIfAborted();
        if (!user) return { kind: 'signed-out' };
      }
      const list = await client.cases.list({}, { signal });
      // Action first: what needs the citizen comes before what is in progress and what is decided.
      return { kind: 'data', list: { ...list, items: actionFirst(list.items) } };
    },
    args: () => [this.currentClient, this.authVersion, this.attempt] as const,
    onComplete: (result) => {
      this.liveList = undefined;
      this.live.loaded();
      this.announce(result);
    },
    onError: (error) => {
      if (isAuthenticationFailure(error)) {
        this.previousStatuses = undefined;
        this.announcer.clear();
      } else if (!(error instanceof Error && error.name === 'AbortError')) {
        this.announcer.announce(this.localize.t.loadFailed);
      }
    },
  });

  protected override clientChanged(client: KuntaClient | undefined): void {
    this.live.stop();
    // Also called when the element is re-attached with the same client: keep what is shown, to compare with.
    if (client === this.knownClient) return;
    this.knownClient = client;
    this.previousStatuses = undefined;
    this.liveList = undefined;
  }

  protected override authChanged(_user: SessionUser | null): void {
    // Someone else (or nobody) is signed in: stop listening, forget what the previous user saw, fetch again.
    this.live.stop();
    this.previousStatuses = undefined;
    this.liveList = undefined;
    this.domIds.clear();
    this.expanded = new Set();
    this.announcer.clear();
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
      return this.announcer.clear();
    }
    const { items, sources } = result.list;
    const changes = this.statusChanges(items);
    const partial = sources.some((source) => source.status !== 'ok') ? ` ${t.partialAnnouncement}` : '';
    const summary = items.length === 0 ? t.noCases : t.loadedCases(items.length);
    this.announcer.announce((changes.length ? changes.join(' ') : summary) + partial);
  }

  private applyLive(list: CaseList): void {
    const shown = this.shownList;
    if (!shown) return;
    // Cases on screen keep their places (focus stays put); new ones come in action-first order.
    this.liveList = { ...list, items: keepOrder(shown.items, actionFirst(list.items)) };
    const changes = this.statusChanges(list.items);
    // Only changes are announced; an unchanged list stays silent.
    if (changes.length) this.announcer.announce(changes.join(' '));
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

  private retry() {
    // The retry button is replaced by the loading text; keep focus inside the widget.
    this.focusAfter.request(
      () => this.shadowRoot?.querySelector<HTMLElement>('[part="heading"]'),
      () => this.cases.status !== TaskStatus.ERROR,
    );
    this.refresh();
  }

  private get level(): number {
    return Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2));
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <div part="heading" id="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.casesHeading}</div>
        ${this.announcer.render()}
        ${this.cases.render({
          initial: () => renderLoading(t.loadingCases),
          pending: () => renderLoading(t.loadingCases),
          complete: (result) => this.renderResult(t, result),
          error: (error) =>
            isAuthenticationFailure(error)
              ? this.renderSignedOut(t)
              : renderError(t, t.loadFailed, error, () => this.retry()),
        })}
      </section>
    `;
  }

  private renderSignedOut(t: Translation) {
    return html`${this.topicNotices(t, Object.keys(t.sourceName))}
      <slot name="signed-out"><p part="signed-out">${t.signedOutCases}</p></slot>`;
  }

  /** The municipality's notices about these sources (Lupapiste's maintenance break sits above the permits). */
  private topicNotices(t: Translation, sources: readonly string[]) {
    return renderTopicNotices(this.notices.snapshot, sources, { t, localize: this.localize, level: this.level + 1 });
  }

  private renderResult(t: Translation, result: CasesResult) {
    if (result.kind === 'not-configured') return renderNotConfigured(t);
    if (result.kind === 'signed-out') return this.renderSignedOut(t);
    const { items, sources } = this.liveList ?? result.list;
    const sourceIds = sources.map((source) => source.id);
    // A source with an outage notice gets that one sentence instead of its own note.
    const notices = html`${this.topicNotices(t, sourceIds)}
    ${renderSourceNotices(t, t, withoutOutages(sources, this.notices.snapshot), (at) => this.dataTime(t, at))}`;
    if (items.length === 0)
      return html`${notices}
        <p part="empty">${t.noCases}</p>`;
    // The summary comes first, so a screen reader reads it before the notes and the list.
    return html`
      <p part="summary" id="summary">${t.casesSummary(summaryCounts(items))}</p>
      ${notices}
      <ul part="list" aria-labelledby="heading" aria-describedby="summary">
        ${repeat(
          items,
          (item) => item.id,
          (item) =>
            renderCase(item, {
              t,
              localize: this.localize,
              level: this.level + 1,
              timelineId: `timeline-${this.domIds.for(item.id)}`,
              open: this.expanded.has(item.id),
              onToggle: () => (this.expanded = toggled(this.expanded, item.id)),
            }),
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-case-status': KuntaCaseStatus;
  }
}
