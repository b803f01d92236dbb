import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createClient, isKuntaError, oidcAuth } from '@kunta-akkuna/sdk';
import type {
  KuntaClient,
  NoticeChange,
  NoticeInput,
  NoticeSeverity,
  SessionUser,
  StaffNotice,
  StaffSession,
} from '@kunta-akkuna/sdk';
import { AnnouncerController } from '../internal/announcer.js';
import { renderNotice } from '../internal/notice-templates.js';
import { LocalizeController, type Translation } from '../i18n/localize.js';
import { helsinkiToIso, isoToHelsinki } from './helsinki-time.js';
import styles from './notice-admin.styles.js';

/** One municipality's staff sign-in, as the /admin/ page gives it. */
export interface AdminMunicipality {
  id: string;
  name: { fi: string; sv: string };
  languages: ('fi' | 'sv' | 'en')[];
  authority: string;
  clientId: string;
  scope: string;
  resource: string;
}

type Lang = 'fi' | 'sv' | 'en';
interface Draft {
  severity: NoticeSeverity;
  title: Partial<Record<Lang, string>>;
  body: Partial<Record<Lang, string>>;
  href: string;
  topics: string;
  visibleFrom: string;
  startsAt: string;
  endsAt: string;
}

const CHOSEN_KEY = 'kunta-akkuna:admin:municipality';
const SEVERITIES: NoticeSeverity[] = ['info', 'warning', 'critical'];

function emptyDraft(): Draft {
  const now = Date.now();
  return {
    severity: 'info',
    title: {},
    body: {},
    href: '',
    topics: '',
    visibleFrom: '',
    startsAt: isoToHelsinki(now),
    endsAt: isoToHelsinki(now + 24 * 3_600_000),
  };
}

function draftOf(n: StaffNotice): Draft {
  return {
    severity: n.severity,
    title: { ...n.title },
    body: { ...n.body },
    href: n.link?.href ?? '',
    topics: n.topics.join(' '),
    visibleFrom: n.visibleFrom === n.startsAt ? '' : isoToHelsinki(n.visibleFrom),
    startsAt: isoToHelsinki(n.startsAt),
    endsAt: isoToHelsinki(n.endsAt),
  };
}

/**
 * @summary The staff page for notices (served by the API at `/admin/`): sign in, then write, preview, schedule,
 * edit and end the municipality's notices, and see who changed each one.
 *
 * Staff sign in through the municipality's staff identity provider (OpenID Connect, the same SDK as the citizen
 * widgets, with the staff audience). The server decides from the token's role claim whose notices the person may
 * edit; this element only shows what the server allows. Times are entered and shown in Helsinki time.
 *
 * @csspart base - The page's main section.
 * @csspart heading - The page heading.
 * @csspart form - The notice form.
 * @csspart preview - The preview of the notice being written.
 * @csspart list - The list of notices.
 * @csspart error - A refused save, in words.
 * @csspart announcer - The visually hidden polite live region.
 */
export class KuntaNoticeAdmin extends LitElement {
  static override styles = styles;

  /** API origin; default this page's origin (the API serves the page). */
  @property() api = '';

  /** JSON: the municipalities with staff sign-in (AdminMunicipality[]), written by the server into the page. */
  @property() settings = '[]';

  /** A client set from script (tests); by default one is made from `settings` with the staff sign-in. */
  @property({ attribute: false }) client: KuntaClient | undefined;

  @state() private chosen = '';
  @state() private user: SessionUser | null | undefined = undefined;
  @state() private session: StaffSession | undefined;
  @state() private notices: StaffNotice[] = [];
  @state() private draft: Draft = emptyDraft();
  @state() private editing: StaffNotice | null = null;
  @state() private previewing = false;
  @state() private error = '';
  @state() private history: { id: string; items: NoticeChange[] } | null = null;
  @state() private loadError = '';

  // Its own strings: the staff page's texts never travel with a citizen's page.
  private readonly localize = new LocalizeController(this, undefined, undefined, {
    fi: () => import('./strings/fi.js'),
    sv: () => import('./strings/sv.js'),
    en: () => import('./strings/en.js'),
  });
  private readonly announcer = new AnnouncerController(this);

  private get municipalities(): AdminMunicipality[] {
    try {
      return JSON.parse(this.settings) as AdminMunicipality[];
    } catch {
      return [];
    }
  }

  private get municipality(): AdminMunicipality | undefined {
    return this.municipalities.find((m) => m.id === this.chosen) ?? this.municipalities[0];
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.load();
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const fromUrl = new URLSearchParams(location.search).get('municipality');
    let saved: string | null = null;
    try {
      saved = sessionStorage.getItem(CHOSEN_KEY);
    } catch {
      // no storage: the first municipality
    }
    this.chosen = fromUrl ?? saved ?? this.municipalities[0]?.id ?? '';
    void this.start();
  }

  private clientFor(m: AdminMunicipality): KuntaClient {
    const auth = oidcAuth({
      authority: m.authority,
      clientId: m.clientId,
      redirectUri: `${location.origin}/admin/`,
      scope: m.scope,
      resource: m.resource,
    });
    return createClient({ baseUrl: this.api || location.origin, municipality: m.id, auth });
  }

  private async start(): Promise<void> {
    const m = this.municipality;
    if (!m) return;
    this.client ??= this.clientFor(m);
    const auth = this.client.auth;
    if (!auth) return;
    try {
      this.user = (await auth.handleCallback()) ?? (await auth.getUser());
    } catch {
      this.user = null;
    }
    if (location.search.includes('code=') || location.search.includes('state=')) {
      history.replaceState(
        null,
        '',
        `/admin/${location.search.includes('lang=') ? `?lang=${this.localize.lang()}` : ''}`,
      );
    }
    if (this.user) await this.load();
  }

  private async load(): Promise<void> {
    const client = this.client;
    const m = this.municipality;
    if (!client || !m) return;
    try {
      this.session = await client.staff.session();
      if (!this.session.municipalities.some((allowed) => allowed.id === m.id)) return;
      this.notices = (await client.staff.list(m.id)).items;
      this.loadError = '';
    } catch (error) {
      this.loadError = this.problem(error);
    }
  }

  private problem(error: unknown): string {
    const t = this.localize.t;
    if (isKuntaError(error)) {
      const detail = (error as { problem?: { detail?: string } }).problem?.detail ?? error.message;
      return t.noticeAdmin.saveFailed(
        detail || t.errors[error.code as keyof Translation['errors']] || t.errors.KA_UNKNOWN,
      );
    }
    return t.noticeAdmin.saveFailed(t.errors.KA_UNKNOWN);
  }

  private async signIn(): Promise<void> {
    try {
      sessionStorage.setItem(CHOSEN_KEY, this.municipality?.id ?? '');
    } catch {
      // no storage
    }
    await this.client?.auth?.signIn({ uiLocales: this.localize.lang() });
  }

  private async signOut(): Promise<void> {
    await this.client?.auth?.signOut();
    this.user = null;
    this.session = undefined;
    this.notices = [];
  }

  private choose(id: string): void {
    this.chosen = id;
    this.notices = [];
    const m = this.municipality;
    if (m) this.client = this.clientFor(m);
    void this.start();
  }

  private input(): NoticeInput {
    const m = this.municipality!;
    const pick = (texts: Partial<Record<Lang, string>>) =>
      Object.fromEntries(m.languages.map((lang) => [lang, (texts[lang] ?? '').trim()]).filter(([, v]) => v));
    const topics = this.draft.topics.split(/[\s,]+/).filter(Boolean);
    return {
      severity: this.draft.severity,
      title: pick(this.draft.title),
      body: pick(this.draft.body),
      ...(this.draft.href.trim() ? { link: { href: this.draft.href.trim() } } : {}),
      ...(topics.length ? { topics } : {}),
      ...(this.draft.visibleFrom ? { visibleFrom: helsinkiToIso(this.draft.visibleFrom) } : {}),
      startsAt: helsinkiToIso(this.draft.startsAt),
      endsAt: helsinkiToIso(this.draft.endsAt),
    };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const m = this.municipality;
    if (!client || !m) return;
    const t = this.localize.t.noticeAdmin;
    this.error = '';
    try {
      if (this.editing) await client.staff.update(m.id, this.editing.id, this.editing.version, this.input());
      else await client.staff.create(m.id, this.input());
    } catch (error) {
      this.error = this.problem(error);
      return;
    }
    this.editing = null;
    this.previewing = false;
    this.draft = emptyDraft();
    this.announcer.announce(t.saved);
    await this.load();
  }

  private async end(n: StaffNotice): Promise<void> {
    const m = this.municipality;
    if (!this.client || !m) return;
    try {
      await this.client.staff.end(m.id, n.id, n.version);
      this.announcer.announce(this.localize.t.noticeAdmin.ended);
    } catch (error) {
      this.error = this.problem(error);
    }
    await this.load();
  }

  private edit(n: StaffNotice): void {
    this.editing = n;
    this.draft = draftOf(n);
    this.previewing = false;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('#form-heading')?.focus());
  }

  private async showHistory(n: StaffNotice): Promise<void> {
    const m = this.municipality;
    if (!this.client || !m) return;
    const items = (await this.client.staff.changes(m.id, n.id)).items;
    this.history = { id: n.id, items };
    void this.updateComplete.then(() => this.shadowRoot?.getElementById(`history-${n.id}`)?.focus());
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private setText(field: 'title' | 'body', lang: Lang, value: string): void {
    this.draft = { ...this.draft, [field]: { ...this.draft[field], [lang]: value } };
  }

  protected override render() {
    const t = this.localize.t;
    const a = t.noticeAdmin;
    const m = this.municipality;
    const allowed = this.session?.municipalities.some((one) => one.id === m?.id) ?? false;
    return html`
      <section part="base" aria-labelledby="heading" lang=${this.localize.lang()}>
        <h1 part="heading" id="heading">
          ${a.heading}${m ? html` – ${m.name[this.localize.lang() === 'sv' ? 'sv' : 'fi']}` : nothing}
        </h1>
        ${this.announcer.render()}
        ${
          this.municipalities.length > 1
            ? html`<label
                >${a.municipality}
                <select @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
                  ${this.municipalities.map(
                    (one) => html`<option value=${one.id} ?selected=${one.id === m?.id}>${one.name.fi}</option>`,
                  )}
                </select></label
              >`
            : nothing
        }
        ${
          this.user === undefined
            ? nothing
            : this.user === null
              ? html`<p>${a.signedOutIntro}</p>
                  <div class="row"><button type="button" @click=${() => this.signIn()}>${a.signIn}</button></div>`
              : html`<div class="row">
                    <span>${a.signedInAs(this.session?.name ?? this.user.name)}</span>
                    <button type="button" class="secondary" @click=${() => this.signOut()}>${a.signOut}</button>
                  </div>
                  ${this.loadError ? html`<p part="error" role="alert">${this.loadError}</p>` : nothing}
                  ${this.session && !allowed ? html`<p part="error">${a.notAllowed}</p>` : nothing}
                  ${allowed && m ? html`${this.renderForm(t, m)} ${this.renderList(t)}` : nothing}`
        }
      </section>
    `;
  }

  private renderForm(t: Translation, m: AdminMunicipality) {
    const a = t.noticeAdmin;
    const title = this.editing ? a.editNotice(this.localize.text(this.editing.title)) : a.newNotice;
    return html`<form part="form" aria-labelledby="form-heading" @submit=${(e: Event) => this.save(e)}>
      <h2 part="section-heading" id="form-heading" tabindex="-1">${title}</h2>
      <label
        >${a.severity}
        <select
          name="severity"
          @change=${(e: Event) => this.set('severity', (e.target as HTMLSelectElement).value as NoticeSeverity)}
        >
          ${SEVERITIES.map(
            (s) => html`<option value=${s} ?selected=${this.draft.severity === s}>${t.notices.severity[s]}</option>`,
          )}
        </select>
      </label>
      ${m.languages.map(
        (lang) =>
          html`<fieldset>
            <legend>${a.language[lang]}</legend>
            <label
              >${a.titleIn(a.language[lang])} <span class="hint">(${a.required})</span>
              <input
                name="title-${lang}"
                required
                maxlength="120"
                .value=${this.draft.title[lang] ?? ''}
                @input=${(e: Event) => this.setText('title', lang, (e.target as HTMLInputElement).value)}
            /></label>
            <label
              >${a.bodyIn(a.language[lang])} <span class="hint">(${a.required})</span>
              <textarea
                name="body-${lang}"
                required
                maxlength="2000"
                .value=${this.draft.body[lang] ?? ''}
                @input=${(e: Event) => this.setText('body', lang, (e.target as HTMLTextAreaElement).value)}
              ></textarea>
            </label>
          </fieldset>`,
      )}
      <label
        >${a.linkHref} <span class="hint">${a.linkHint}</span>
        <input
          name="link"
          type="url"
          .value=${this.draft.href}
          @input=${(e: Event) => this.set('href', (e.target as HTMLInputElement).value)}
      /></label>
      <label
        >${a.topics} <span class="hint">${a.topicsHint}</span>
        <input
          name="topics"
          .value=${this.draft.topics}
          @input=${(e: Event) => this.set('topics', (e.target as HTMLInputElement).value)}
      /></label>
      <div class="row">
        <label
          >${a.startsAt}
          <input
            name="starts"
            type="datetime-local"
            required
            .value=${this.draft.startsAt}
            @input=${(e: Event) => this.set('startsAt', (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${a.endsAt}
          <input
            name="ends"
            type="datetime-local"
            required
            .value=${this.draft.endsAt}
            @input=${(e: Event) => this.set('endsAt', (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${a.visibleFrom} <span class="hint">${a.visibleFromHint}</span>
          <input
            name="visible"
            type="datetime-local"
            .value=${this.draft.visibleFrom}
            @input=${(e: Event) => this.set('visibleFrom', (e.target as HTMLInputElement).value)}
        /></label>
      </div>
      ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button type="button" class="secondary" @click=${() => (this.previewing = true)}>${a.preview}</button>
        <button type="submit">${this.editing ? a.save : a.publish}</button>
        ${
          this.editing
            ? html`<button
                type="button"
                class="secondary"
                @click=${() => {
                  this.editing = null;
                  this.draft = emptyDraft();
                }}
              >
                ${a.cancel}
              </button>`
            : nothing
        }
      </div>
      ${this.previewing ? this.renderPreview(t) : nothing}
    </form>`;
  }

  private renderPreview(t: Translation) {
    const input = this.input();
    const now = new Date().toISOString();
    const notice = {
      id: 'preview',
      kind: 'notice' as const,
      severity: input.severity,
      title: input.title as Record<string, string>,
      body: input.body as Record<string, string>,
      ...(input.link ? { link: input.link } : {}),
      topics: input.topics ?? [],
      visibleFrom: input.visibleFrom ?? input.startsAt ?? now,
      startsAt: input.startsAt || now,
      endsAt: input.endsAt || now,
      updatedAt: now,
    };
    return html`<div part="preview" aria-labelledby="preview-heading">
      <h3 part="section-heading" id="preview-heading">${t.noticeAdmin.previewHeading}</h3>
      ${renderNotice(notice, { t, localize: this.localize, level: 4, id: 'preview-notice' })}
    </div>`;
  }

  private renderList(t: Translation) {
    const a = t.noticeAdmin;
    return html`<section aria-labelledby="list-heading">
      <h2 part="section-heading" id="list-heading">${a.listHeading}</h2>
      ${
        this.notices.length === 0
          ? html`<p>${a.empty}</p>`
          : html`<ul part="list" class="admin-list">
              ${this.notices.map((n) => {
                const title = this.localize.text(n.title);
                return html`<li>
                  ${renderNotice({ ...n, kind: 'notice' }, { t, localize: this.localize, level: 3, id: `admin-${n.id}` })}
                  <p part="status">${a.status[n.status]}</p>
                  <div class="row">
                    ${
                      n.status !== 'ended'
                        ? html`<button type="button" class="secondary" @click=${() => this.edit(n)}>
                              ${a.edit(title)}
                            </button>
                            <button type="button" class="secondary" @click=${() => this.end(n)}>
                              ${a.end(title)}
                            </button>`
                        : nothing
                    }
                    <button type="button" class="secondary" @click=${() => this.showHistory(n)}>
                      ${a.history(title)}
                    </button>
                  </div>
                  ${
                    this.history?.id === n.id
                      ? html`<div id="history-${n.id}" tabindex="-1" aria-label=${a.historyHeading}>
                          <ol part="history">
                            ${this.history.items.map(
                              (c) =>
                                html`<li>
                                  ${a.action[c.action]}: ${c.actor.name ?? c.actor.sub},
                                  ${this.localize.dateTime(c.occurredAt)}
                                </li>`,
                            )}
                          </ol>
                        </div>`
                      : nothing
                  }
                </li>`;
              })}
            </ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kunta-notice-admin': KuntaNoticeAdmin;
  }
}
