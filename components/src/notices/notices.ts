import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Notice } from '@kunta-akkuna/sdk';
import { AnnouncerController } from '../internal/announcer.js';
import { KuntaElement } from '../internal/kunta-element.js';
import { noticeTime, noticeTitle, renderNotice } from '../internal/notice-templates.js';
import { currentNotices, noticesAbout, NoticeWatchController, type NoticeSnapshot } from '../internal/notice-watch.js';
import { renderLoading } from '../internal/state-templates.js';
import styles from './notices.styles.js';

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
const DISMISSED_KEY = 'kunta-akkuna:notices:dismissed';
const ANNOUNCED_KEY = 'kunta-akkuna:notices:announced';

/** A notice's identity for "dismissed" and "announced": an edited notice counts as new. */
const versionOf = (n: Notice) => `${n.id}@${n.updatedAt}`;

function sessionSet(key: string): Set<string> {
  try {
    return new Set(JSON.parse(globalThis.sessionStorage?.getItem(key) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function saveSessionSet(key: string, values: Set<string>): void {
  try {
    globalThis.sessionStorage?.setItem(key, JSON.stringify([...values].slice(-200)));
  } catch {
    // Blocked storage: dismissals and announcements last for this page only.
  }
}

/** Critical notices already announced on this page, so two <kunta-notices> on a page do not both speak. */
const announcedOnPage = new Set<string>();

/**
 * @summary The municipality's current notices: a water outage, a storm, a planned maintenance break.
 *
 * Most severe first. A critical notice is announced once (`role="alert"`) and can never be hidden; info and
 * warning notices can be hidden for the rest of the visit. A planned break shows before it starts, with its times.
 * When a back end has not answered for a while, the server adds one outage sentence ("Lupapiste ei juuri nyt
 * vastaa; rakennuslupien tiedot näytetään ajalta klo 10.42"), gone when it answers again.
 *
 * Works signed out and loads no sign-in code. The notices are asked for every 2 s while the page is visible (the
 * API answers 304 when nothing changed), so a notice published now reaches an open page within a few seconds. The
 * last list is kept in the browser: when the API does not answer, it is shown with the time it is from.
 *
 * States: loading (only when nothing is saved), none (renders nothing), notices, saved copy ("as of"), failed.
 *
 * @csspart base - The region holding the notices.
 * @csspart list - The list of notices.
 * @csspart notice-item - One notice; also `notice-info`, `notice-warning`, `notice-critical` or `outage`.
 * @csspart notice-title - The notice's title, with its severity in words.
 * @csspart severity - The severity word ("Tärkeä tiedote:").
 * @csspart notice-body - A paragraph of the notice's text.
 * @csspart notice-time - When the notice is in force.
 * @csspart notice-link - The notice's link.
 * @csspart outage - The outage sentence.
 * @csspart dismiss-button - Hides an info or warning notice for the visit.
 * @csspart as-of - "The service is not answering; these notices are as of …".
 * @csspart alert - The visually hidden `role="alert"` region a new critical notice is announced in.
 * @csspart announcer - The visually hidden polite live region.
 * @csspart loading - The loading text.
 * @csspart error - Shown when the notices could not be fetched and none is saved.
 */
export class KuntaNotices extends KuntaElement {
  static override styles = styles;

  /**
   * Only notices about these topics, separated by spaces (e.g. `lupapiste water KE4`); all notices when empty.
   */
  @property({ reflect: true }) topics = '';

  /** Heading level of each notice's title (2–6). Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private dismissed = sessionSet(DISMISSED_KEY);
  @state() private alertText = '';
  private readonly announcer = new AnnouncerController(this);
  private readonly watch = new NoticeWatchController(
    this,
    () => this.currentClient,
    (snapshot) => this.announceCritical(snapshot),
  );

  /** Fetches the notices now (they are also fetched every 2 s). */
  refresh(): void {
    this.watch.refresh();
  }

  private shown(snapshot: NoticeSnapshot): Notice[] {
    const topics = this.topics.split(/\s+/).filter(Boolean);
    const current = currentNotices(snapshot.items);
    const about = topics.length ? noticesAbout(current, topics) : current;
    return about
      .filter((n) => n.severity === 'critical' || !this.dismissed.has(versionOf(n)))
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.startsAt.localeCompare(b.startsAt));
  }

  /** Each critical notice once per visit: into the alert region, which is on the page before its text arrives. */
  private announceCritical(snapshot: NoticeSnapshot): void {
    // Strings arrive before the first render; until then, wait for it.
    if (!this.hasUpdated) return void this.updateComplete.then(() => this.announceCritical(snapshot));
    const announced = sessionSet(ANNOUNCED_KEY);
    const fresh = this.shown(snapshot).filter(
      (n) => n.severity === 'critical' && n.kind === 'notice' && Date.parse(n.startsAt) <= Date.now(),
    );
    const toAnnounce = fresh.filter((n) => !announced.has(versionOf(n)) && !announcedOnPage.has(versionOf(n)));
    if (toAnnounce.length === 0) return;
    const t = this.localize.t;
    for (const n of toAnnounce) {
      announced.add(versionOf(n));
      announcedOnPage.add(versionOf(n));
    }
    saveSessionSet(ANNOUNCED_KEY, announced);
    this.alertText = toAnnounce
      .map((n) => `${t.notices.severity.critical}: ${noticeTitle(t, this.localize, n)}. ${this.localize.text(n.body)}`)
      .join(' ');
  }

  private dismiss(notice: Notice, shown: Notice[]): void {
    const title = noticeTitle(this.localize.t, this.localize, notice);
    const next = shown[shown.indexOf(notice) + 1] ?? shown[shown.indexOf(notice) - 1];
    const dismissed = new Set(this.dismissed).add(versionOf(notice));
    this.dismissed = dismissed;
    saveSessionSet(DISMISSED_KEY, dismissed);
    this.announcer.announce(this.localize.t.notices.dismissed(title));
    // Focus goes to the next notice (or the previous), never to the page's start.
    void this.updateComplete.then(() => {
      const target = next ? this.shadowRoot?.getElementById(`notice-${next.id}`) : null;
      (target ?? this.shadowRoot?.querySelector<HTMLElement>('[part="base"]'))?.focus();
    });
  }

  private get level(): number {
    return Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2));
  }

  protected override render() {
    const t = this.localize.t;
    const snapshot = this.watch.snapshot;
    const shown = this.shown(snapshot);
    const body =
      snapshot.state === 'loading'
        ? renderLoading(t.notices.loading)
        : snapshot.state === 'failed'
          ? html`<p part="error">${t.notices.loadFailed}</p>`
          : nothing;
    const asOf =
      snapshot.state === 'saved' && shown.length > 0
        ? html`<p part="as-of">${t.notices.asOf(noticeTime(t, this.localize, snapshot.fetchedAt))}</p>`
        : nothing;
    const empty = shown.length === 0 && body === nothing;
    return html`
      <div part="alert" class="visually-hidden" role="alert">${this.alertText}</div>
      ${this.announcer.render()}
      <section part="base" aria-label=${t.notices.label} lang=${this.localize.lang()} tabindex="-1" ?hidden=${empty}>
        ${body} ${asOf}
        ${
          shown.length
            ? html`<ul part="list" class="notices">
                ${repeat(
                  shown,
                  (n) => n.id,
                  (n) =>
                    html`<li>
                      ${renderNotice(n, {
                        t,
                        localize: this.localize,
                        level: this.level,
                        id: `notice-${n.id}`,
                        ...(n.severity === 'critical' ? {} : { onDismiss: () => this.dismiss(n, shown) }),
                      })}
                    </li>`,
                )}
              </ul>`
            : nothing
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-notices': KuntaNotices;
  }
}
