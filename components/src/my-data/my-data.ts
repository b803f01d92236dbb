import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { AccessLogEntry, KuntaClient, MyData, RemovableDataKind, SessionUser } from '@kunta-akkuna/sdk';
import { AnnouncerController } from '../internal/announcer.js';
import { FocusAfterActionController } from '../internal/focus-after-action.js';
import { KuntaElement } from '../internal/kunta-element.js';
import { renderError, renderLoading, renderNotConfigured } from '../internal/state-templates.js';
import type { StringsPart, Translation } from '../i18n/localize.js';
import { entryParts, summaryText } from './entry-text.js';
import styles from './my-data.styles.js';

type Loaded =
  | { kind: 'not-configured' }
  | { kind: 'signed-out' }
  | { kind: 'data'; entries: AccessLogEntry[]; nextCursor: string | null; data: MyData };

function isAuthenticationFailure(error: unknown): boolean {
  return isKuntaError(error) && error.code === 'KA_UNAUTHENTICATED';
}

/**
 * @summary The signed-in citizen's own data: who has used it, what Kunta-Akkuna holds, a copy to take away, and
 * removal of what the citizen may remove (GDPR arts. 15 and 20; the access log of 906/2019 §17).
 *
 * Four parts, each a section with its heading:
 * - **Who has used your data**: the access-log rows about the citizen and the minor children they are guardian
 *   of (the server decides whose rows, from the population data), newest first, 20 at a time with a "show older"
 *   button. Each row in plain language: when (Helsinki time), which system, what data, why, and whether it was at
 *   a guardian's request. Never an identity code, never another person's name.
 * - **What is stored about you**: consents with their history and text version, hidden suggestions, saved copies of
 *   the systems' answers (which systems, until when), settings; with how long each is kept.
 * - **Take it with you, or remove it**: download everything as JSON and a plain-text summary in the widget's
 *   language; remove hidden suggestions or saved copies, or withdraw consent (its history stays).
 * - **What cannot be removed and why**: the access log, for its legal period.
 *
 * States: signed out, loading, error (with a retry button), empty log, and data. It loads again when the user signs
 * in or out, when the page becomes visible again, and on the refresh button. Results of actions are announced in
 * the polite live region, and focus stays in the widget.
 *
 * @slot signed-out - Replaces the default signed-out sentence.
 *
 * @csspart base - The outer section.
 * @csspart heading - The widget's heading.
 * @csspart announcer - The visually hidden live region.
 * @csspart refresh-button - The refresh button.
 * @csspart section - Each of the four sections; also `section log`, `section holdings`, `section actions`, `section kept`.
 * @csspart section-heading - A section's heading.
 * @csspart subheading - A heading inside "what is stored".
 * @csspart log - The list of access-log rows.
 * @csspart entry - One access-log row.
 * @csspart more-button - The "show older" button.
 * @csspart list - A list inside "what is stored".
 * @csspart retention - A sentence on how long something is kept.
 * @csspart actions - The group of download and removal buttons.
 * @csspart download-button - A download button (JSON or summary).
 * @csspart remove-button - A removal button.
 * @csspart empty - The "not used yet" text.
 * @csspart loading - The loading text.
 * @csspart signed-out - The signed-out sentence.
 * @csspart error - The error text and retry button.
 * @csspart retry-button - The retry button.
 *
 * @cssproperty --kunta-my-data-section-background - Section background. Default `--kunta-color-surface`.
 */
export class KuntaMyData extends KuntaElement {
  static override styles = styles;
  /** @internal */
  static override strings: StringsPart = {
    fi: () => import('./strings/fi.js'),
    sv: () => import('./strings/sv.js'),
    en: () => import('./strings/en.js'),
  };

  /** Heading level of the widget's heading (2–5); section headings are one level below. Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private authVersion = 0;
  @state() private attempt = 0;
  /** Rows of the older pages loaded with "show older", after the first page. */
  @state() private older: AccessLogEntry[] = [];
  @state() private olderCursor: string | null | undefined;
  @state() private busy: 'more' | 'download' | RemovableDataKind | null = null;
  private quietReload = false;
  private readonly announcer = new AnnouncerController(this);
  private readonly focusAfter = new FocusAfterActionController(this);
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.loaded.status === TaskStatus.COMPLETE) this.refresh();
  };

  private readonly loaded = new Task(this, {
    task: async ([client], { signal }): Promise<Loaded> => {
      if (!client) return { kind: 'not-configured' };
      if (client.auth) {
        const user = await client.auth.getUser();
        signal.throwIfAborted();
        if (!user) return { kind: 'signed-out' };
      }
      const [page, data] = await Promise.all([
        client.myData.accessLog({}, { signal }),
        client.myData.retrieve({ signal }),
      ]);
      return { kind: 'data', entries: page.items, nextCursor: page.nextCursor, data };
    },
    args: () => [this.currentClient, this.authVersion, this.attempt] as const,
    onComplete: (result) => {
      this.older = [];
      this.olderCursor = undefined;
      // After a removal the live region keeps saying what was removed, not how many rows are shown.
      const quiet = this.quietReload;
      this.quietReload = false;
      if (result.kind === 'data' && !quiet) {
        this.announcer.announce(
          result.entries.length
            ? this.localize.t.myData.logShown(result.entries.length)
            : this.localize.t.myData.logEmpty,
        );
      }
    },
    onError: (error) => {
      if (!isAuthenticationFailure(error) && !(error instanceof Error && error.name === 'AbortError')) {
        this.announcer.announce(this.localize.t.myData.loadFailed);
      }
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  protected override authChanged(_user: SessionUser | null): void {
    // Someone else (or nobody) is signed in: nothing of the previous user's stays on screen.
    this.older = [];
    this.olderCursor = undefined;
    this.announcer.clear();
    this.authVersion++;
  }

  /** Loads the first page and the stored data again. */
  refresh(): void {
    this.attempt++;
  }

  private get level(): number {
    return Math.min(5, Math.max(2, Math.trunc(this.headingLevel) || 2));
  }

  private when(iso: string): string {
    return this.localize.dateTime(iso, { dateStyle: 'short', timeStyle: 'short' });
  }

  private async showMore(client: KuntaClient, cursor: string, shownBefore: number) {
    this.busy = 'more';
    try {
      const page = await client.myData.accessLog({ cursor });
      this.older = [...this.older, ...page.items];
      this.olderCursor = page.nextCursor;
      this.announcer.announce(this.localize.t.myData.logShown(shownBefore + page.items.length));
      // The first of the new rows takes focus, so a keyboard user continues where the list grew.
      this.focusAfter.request(() => this.shadowRoot?.querySelector<HTMLElement>(`[data-index="${shownBefore}"]`));
    } catch {
      this.announcer.announce(this.localize.t.myData.loadFailed);
    } finally {
      this.busy = null;
    }
  }

  private async download(client: KuntaClient, as: 'json' | 'summary') {
    const t = this.localize.t;
    this.busy = 'download';
    this.announcer.announce(t.myData.downloading);
    try {
      const exported = await client.myData.export();
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(
        new Date(exported.generatedAt),
      );
      const [body, type, name] =
        as === 'json'
          ? [JSON.stringify(exported, null, 2), 'application/json', `kunta-akkuna-${day}.json`]
          : [
              summaryText(t, exported, {
                dateTime: (iso) => this.when(iso),
                date: (iso) => this.localize.dateTime(iso, { dateStyle: 'short', timeStyle: undefined }),
              }),
              'text/plain;charset=utf-8',
              `kunta-akkuna-${day}-${t.$code}.txt`,
            ];
      saveFile(new Blob([body], { type }), name);
      this.announcer.announce(t.myData.downloaded);
    } catch {
      this.announcer.announce(t.myData.downloadFailed);
    } finally {
      this.busy = null;
    }
  }

  private async removeKind(client: KuntaClient, kind: RemovableDataKind) {
    const t = this.localize.t;
    this.busy = kind;
    this.announcer.announce(t.myData.removing);
    try {
      const result = await client.myData.remove(kind);
      this.announcer.announce(t.myData.removed[kind](result.removed));
      // The button goes away with what it removed: focus the section's heading instead.
      this.focusAfter.request(
        () => this.shadowRoot?.querySelector<HTMLElement>('#actions-heading'),
        () => this.loaded.status === TaskStatus.COMPLETE,
      );
      this.quietReload = true;
      this.refresh();
    } catch {
      this.announcer.announce(t.myData.removeFailed);
    } finally {
      this.busy = null;
    }
  }

  private retry() {
    this.focusAfter.request(
      () => this.shadowRoot?.querySelector<HTMLElement>('[part="heading"]'),
      () => this.loaded.status !== TaskStatus.ERROR,
    );
    this.refresh();
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <div part="heading" id="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.myData.heading}</div>
        ${this.announcer.render()}
        ${this.loaded.render({
          initial: () => renderLoading(t.myData.loading),
          pending: () => renderLoading(t.myData.loading),
          complete: (result) => this.renderResult(t, result),
          error: (error) =>
            isAuthenticationFailure(error)
              ? this.renderSignedOut(t)
              : renderError(t, t.myData.loadFailed, error, () => this.retry()),
        })}
      </section>
    `;
  }

  private renderSignedOut(t: Translation) {
    return html`<slot name="signed-out"><p part="signed-out">${t.myData.signedOut}</p></slot>`;
  }

  private renderResult(t: Translation, result: Loaded) {
    if (result.kind === 'not-configured') return renderNotConfigured(t);
    if (result.kind === 'signed-out') return this.renderSignedOut(t);
    const client = this.currentClient!;
    return html`
      <button part="refresh-button" type="button" class="secondary" @click=${() => this.refresh()}>
        ${t.myData.refresh}
      </button>
      ${this.renderLog(t, client, result)} ${this.renderHoldings(t, result.data)}
      ${this.renderActions(t, client, result.data)} ${this.renderKept(t, result.data)}
    `;
  }

  private sectionHeading(id: string, text: string) {
    return html`<div part="section-heading" id=${id} role="heading" aria-level=${this.level + 1} tabindex="-1">
      ${text}
    </div>`;
  }

  private renderLog(t: Translation, client: KuntaClient, result: Extract<Loaded, { kind: 'data' }>) {
    const m = t.myData;
    const entries = [...result.entries, ...this.older];
    const cursor = this.olderCursor === undefined ? result.nextCursor : this.olderCursor;
    return html`
      <section part="section log" aria-labelledby="log-heading">
        ${this.sectionHeading('log-heading', m.logHeading)}
        <p>${m.logIntro}</p>
        ${
          entries.length === 0
            ? html`<p part="empty">${m.logEmpty}</p>`
            : html`<ol part="log" aria-labelledby="log-heading">
                ${entries.map(
                  (entry, index) =>
                    html`<li part="entry" data-index=${index} tabindex="-1">
                      ${entryParts(t, entry, this.when(entry.at)).join(' · ')}
                    </li>`,
                )}
              </ol>`
        }
        ${
          cursor
            ? html`<button
                part="more-button"
                type="button"
                class="secondary"
                aria-disabled=${this.busy === 'more' ? 'true' : 'false'}
                @click=${() => this.busy === null && void this.showMore(client, cursor, entries.length)}
              >
                ${this.busy === 'more' ? m.loadingMore : m.showMore}
              </button>`
            : nothing
        }
        <p part="retention">${m.retention.accessLog(result.data.retention.accessLogDays)}</p>
      </section>
    `;
  }

  private renderHoldings(t: Translation, data: MyData) {
    const m = t.myData;
    const date = (iso: string) => this.localize.dateTime(iso, { dateStyle: 'short', timeStyle: undefined });
    const level = this.level + 2;
    const subheading = (text: string) => html`<div part="subheading" role="heading" aria-level=${level}>${text}</div>`;
    return html`
      <section part="section holdings" aria-labelledby="holdings-heading">
        ${this.sectionHeading('holdings-heading', m.holdingsHeading)} ${subheading(m.consentsHeading)}
        ${
          data.consents.length === 0
            ? html`<p>${m.consentNone}</p>`
            : data.consents.map(
                (c) => html`
                  <p>
                    ${c.granted && c.grantedAt ? m.consentGranted(c.textVersion ?? '', date(c.grantedAt)) : m.consentWithdrawn}
                  </p>
                  <ul part="list" aria-label=${m.consentHistory}>
                    ${c.history.map(
                      (h) =>
                        html`<li>
                          ${h.action === 'granted' ? m.historyGranted(date(h.at), h.textVersion ?? '') : m.historyWithdrawn(date(h.at))}
                        </li>`,
                    )}
                  </ul>
                `,
              )
        }
        <p part="retention">${m.retention.consent(data.retention.consentHistoryDays)}</p>
        ${subheading(m.dismissalsHeading)}
        <p>${data.dismissals.length === 0 ? m.dismissalsNone : m.dismissalsCount(data.dismissals.length)}</p>
        <p part="retention">${m.retention.dismissals(data.retention.dismissalDays)}</p>
        ${subheading(m.savedCopiesHeading)}
        ${
          data.savedCopies.length === 0
            ? html`<p>${m.savedCopiesNone}</p>`
            : html`<ul part="list">
                ${data.savedCopies.map(
                  (c) => html`<li>${m.savedCopy(t.sourceName[c.source] ?? c.source, this.when(c.expiresAt))}</li>`,
                )}
              </ul>`
        }
        <p part="retention">${m.retention.savedCopies}</p>
        ${subheading(m.settingsHeading)}
        <p>${m.settingsNone}</p>
      </section>
    `;
  }

  private renderActions(t: Translation, client: KuntaClient, data: MyData) {
    const m = t.myData;
    const disabled = this.busy !== null ? 'true' : 'false';
    const removals: Array<[RemovableDataKind, string, boolean]> = [
      ['dismissals', m.removeDismissals, data.dismissals.length > 0],
      ['saved_copies', m.removeSavedCopies, data.savedCopies.length > 0],
      ['consent', m.withdrawConsent, data.consents.some((c) => c.granted)],
    ];
    return html`
      <section part="section actions" aria-labelledby="actions-heading">
        ${this.sectionHeading('actions-heading', m.actionsHeading)}
        <div part="actions" role="group" aria-labelledby="actions-heading">
          <button
            part="download-button"
            type="button"
            aria-disabled=${disabled}
            @click=${() => this.busy === null && void this.download(client, 'json')}
          >
            ${m.downloadJson}
          </button>
          <button
            part="download-button"
            type="button"
            aria-disabled=${disabled}
            @click=${() => this.busy === null && void this.download(client, 'summary')}
          >
            ${m.downloadSummary}
          </button>
          ${removals
            .filter(([, , any]) => any)
            .map(
              ([kind, label]) =>
                html`<button
                  part="remove-button"
                  type="button"
                  class="secondary"
                  data-kind=${kind}
                  aria-disabled=${disabled}
                  @click=${() => this.busy === null && void this.removeKind(client, kind)}
                >
                  ${this.busy === kind ? m.removing : label}
                </button>`,
            )}
        </div>
      </section>
    `;
  }

  private renderKept(t: Translation, data: MyData) {
    const m = t.myData;
    return html`
      <section part="section kept" aria-labelledby="kept-heading">
        ${this.sectionHeading('kept-heading', m.keptHeading)}
        <p>${m.keptAccessLog(data.retention.accessLogDays)}</p>
        <p>${m.keptWhy}</p>
        <p>${m.keptBackends}</p>
      </section>
    `;
  }
}

/** Saves a file the way a download link does; the object URL is let go once the click has been handled. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-my-data': KuntaMyData;
  }
}
