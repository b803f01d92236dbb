import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { Case, CaseList, CaseStatus, KuntaClient, SessionUser, SourceStatus } from '@kunta-akkuna/sdk';
import { KuntaElement } from '../internal/kunta-element.js';
import type { Translation } from '../i18n/localize.js';
import styles from './case-status.styles.js';

type CasesResult = { kind: 'not-configured' } | { kind: 'signed-out' } | { kind: 'data'; list: CaseList };

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

/**
 * @summary The signed-in citizen's cases (applications, permits) from every back end, with their status.
 *
 * States: signed out, loading, error (with a retry button), empty, list, and partial (a back end that did not
 * answer is named, with the time of the data shown). Each case shows its title, status (text and a shape),
 * last change, next step, action links and an expandable timeline. A polite live region announces when loading
 * finished, how many cases there are, and status changes, without moving focus. It re-fetches when the user
 * signs in or out.
 *
 * @slot signed-out - Replaces the default "sign in to see your cases" sentence.
 *
 * @csspart base - The section.
 * @csspart heading - The heading.
 * @csspart announcer - The visually hidden live region.
 * @csspart list - The list of cases.
 * @csspart case - One case (`<li>`); also `case action-required` when the case needs the user's action.
 * @csspart case-title - The title of a case.
 * @csspart status - The status text with its shape.
 * @csspart details - The last-changed and next-step list.
 * @csspart actions - The list of action links.
 * @csspart action - One action link.
 * @csspart timeline-toggle - The button that shows or hides the timeline.
 * @csspart timeline - The timeline list.
 * @csspart notice - The note about a back end that did not answer.
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
  private previousStatuses: Map<string, CaseStatus> | undefined;
  private focusHeading = false;

  private readonly cases = new Task(this, {
    task: async ([client], { signal }): Promise<CasesResult> => {
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
    onComplete: (result) => this.announce(result),
    onError: (error) => {
      if (isAuthenticationFailure(error)) {
        this.previousStatuses = undefined;
        this.announcement = '';
      } else if (!(error instanceof Error && error.name === 'AbortError')) {
        this.announcement = this.localize.t.loadFailed;
      }
    },
  });

  protected override clientChanged(_client: KuntaClient | undefined): void {
    this.previousStatuses = undefined;
  }

  protected override authChanged(_user: SessionUser | null): void {
    // Someone else (or nobody) is signed in: forget what the previous user saw, then fetch again.
    this.previousStatuses = undefined;
    this.expanded = new Set();
    this.announcement = '';
    this.authVersion++;
  }

  /** Fetches the cases again. */
  refresh(): void {
    this.attempt++;
  }

  private announce(result: CasesResult): void {
    const t = this.localize.t;
    if (result.kind !== 'data') {
      this.previousStatuses = undefined;
      this.announcement = '';
      return;
    }
    const { items, sources } = result.list;
    const changes: string[] = [];
    if (this.previousStatuses) {
      for (const item of items) {
        const before = this.previousStatuses.get(item.id);
        if (before && before !== item.status) {
          changes.push(t.caseChanged(this.localize.text(item.title), t.caseStatus[item.status]));
        }
      }
    }
    this.previousStatuses = new Map(items.map((item) => [item.id, item.status]));
    const partial = sources.some((source) => source.status !== 'ok') ? ` ${t.partialAnnouncement}` : '';
    const summary = items.length === 0 ? t.noCases : t.loadedCases(items.length);
    this.announcement = (changes.length ? changes.join(' ') : summary) + partial;
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
    const { items, sources } = result.list;
    return html`
      ${sources.filter((source) => source.status !== 'ok').map((source) => this.renderNotice(t, source))}
      ${
        items.length === 0
          ? html`<p part="empty">${t.noCases}</p>`
          : html`<ul part="list" aria-labelledby="heading">
              ${items.map((item, index) => this.renderCase(t, item, index))}
            </ul>`
      }
    `;
  }

  private renderNotice(t: Translation, source: SourceStatus) {
    const name = t.sourceName[source.id] ?? source.id;
    const time = this.localize.dateTime(source.fetchedAt);
    const text =
      source.status === 'stale' && time
        ? t.sourceStale(name, time)
        : time
          ? t.sourceUnavailableSince(name, time)
          : t.sourceUnavailable(name);
    return html`<p part="notice">${text}</p>`;
  }

  private renderCase(t: Translation, item: Case, index: number) {
    const title = this.localize.text(item.title);
    const nextStep = this.localize.text(item.nextStep);
    const open = this.expanded.has(item.id);
    const timelineId = `timeline-${index}`;
    const actions = item.actions
      .map((action) => ({ label: this.localize.text(action.label), href: safeHref(action.href) }))
      .filter((action) => action.href && action.label);
    return html`
      <li part=${item.status === 'action_required' ? 'case action-required' : 'case'} class=${item.status}>
        <div part="case-title" role="heading" aria-level=${this.level + 1}>${title}</div>
        <p part="status" class="status--${item.status}">
          <span class="visually-hidden">${t.status}:</span>
          <span class="status-icon" aria-hidden="true">${STATUS_ICON[item.status] ?? '•'}</span>
          <span>${t.caseStatus[item.status] ?? item.status}</span>
        </p>
        <dl part="details">
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
