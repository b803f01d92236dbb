/** One notice as every widget shows it: severity in words (not colour alone), title, text, time and link. */
import { html, nothing } from 'lit';
import type { Notice } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import { TIME_ZONE } from '../i18n/localize.js';
import { safeHref } from './state-templates.js';

const dayKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Just the time when it is today in Helsinki ("klo 10.42"), else date and time. */
export function noticeTime(
  t: Translation,
  localize: LocalizeController,
  value: string | number | null | undefined,
): string {
  if (value === null || value === undefined) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  if (dayKey.format(date) === dayKey.format(new Date())) {
    return t.todayAt(localize.dateTime(date, { dateStyle: undefined, timeStyle: 'short' }));
  }
  return localize.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The outage sentence: "Lupapiste ei juuri nyt vastaa; rakennuslupien tiedot näytetään ajalta klo 10.42". */
export function outageText(t: Translation, localize: LocalizeController, notice: Notice): string {
  const source = notice.source ?? notice.topics[0] ?? '';
  const name = (t.sourceName[source] ?? source).replace(/\s*\(.*\)$/, '');
  const data = t.notices.sourceData[source] ?? t.notices.sourceData.generic ?? '';
  return t.notices.outage(name, data, noticeTime(t, localize, notice.dataAsOf ?? null));
}

export function noticeTitle(t: Translation, localize: LocalizeController, notice: Notice): string {
  return notice.kind === 'outage' ? outageText(t, localize, notice) : localize.text(notice.title);
}

export interface NoticeView {
  t: Translation;
  localize: LocalizeController;
  /** Heading level of the notice's title. */
  level: number;
  /** Id prefix for this widget's elements. */
  id: string;
  onDismiss?: () => void;
}

export function renderNotice(notice: Notice, view: NoticeView) {
  const { t, localize, level, id } = view;
  const severity = t.notices.severity[notice.severity];
  if (notice.kind === 'outage') {
    return html`<div part="notice-item outage" class="notice warning" id=${id} tabindex="-1">
      <p part="outage"><span part="severity">${severity}:</span> ${outageText(t, localize, notice)}</p>
    </div>`;
  }
  const title = localize.text(notice.title);
  const now = Date.now();
  const when =
    Date.parse(notice.startsAt) > now
      ? t.notices.upcoming(noticeTime(t, localize, notice.startsAt), noticeTime(t, localize, notice.endsAt))
      : t.notices.until(noticeTime(t, localize, notice.endsAt));
  const href = safeHref(notice.link?.href);
  const paragraphs = localize
    .text(notice.body)
    .split(/\n\s*\n/)
    .filter((p) => p.trim());
  return html`<article
    part="notice-item notice-${notice.severity}"
    class="notice ${notice.severity}"
    aria-labelledby="${id}-title"
    id=${id}
    tabindex="-1"
  >
    <div part="notice-title" id="${id}-title" role="heading" aria-level=${level}>
      <span part="severity">${severity}:</span> ${title}
    </div>
    ${paragraphs.map((p) => html`<p part="notice-body">${p}</p>`)}
    <p part="notice-time">${when}</p>
    ${
      href
        ? html`<p><a part="notice-link" href=${href}>${localize.text(notice.link?.label) || t.notices.readMore}</a></p>`
        : nothing
    }
    ${
      view.onDismiss
        ? html`<button
            part="dismiss-button"
            type="button"
            aria-label=${t.notices.dismiss(title)}
            @click=${view.onDismiss}
          >
            <span aria-hidden="true">×</span>
          </button>`
        : nothing
    }
  </article>`;
}
