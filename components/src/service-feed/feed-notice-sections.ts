/** The municipality's notices inside the feed: a critical one first with the services it is about, then the rest. */
import { html, nothing, type TemplateResult } from 'lit';
import type { FeedItem, Notice } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import { renderNotice } from '../internal/notice-templates.js';

export interface NoticeSectionContext {
  t: Translation;
  localize: LocalizeController;
  /** The heading level of a section. */
  level: number;
}

/** A critical notice in force comes first, with the services it is about ("these services work online"). */
export function renderCriticalNotices(
  { t, localize, level }: NoticeSectionContext,
  critical: Notice[],
  linked: FeedItem[],
  item: (item: FeedItem, level: number) => TemplateResult,
) {
  if (critical.length === 0) return nothing;
  return html`<div part="critical" class="section">
    <ul class="notices" aria-label=${t.notices.label}>
      ${critical.map((n) => html`<li>${renderNotice(n, { t, localize, level, id: `feed-notice-${n.id}` })}</li>`)}
    </ul>
    ${
      linked.length
        ? html`<div part="list-heading" id="linked-heading" role="heading" aria-level=${level}>
              ${t.notices.linkedServices}
            </div>
            <ul part="group" aria-labelledby="linked-heading">
              ${linked.map((one) => item(one, level + 1))}
            </ul>`
        : nothing
    }
  </div>`;
}

/** Info and warning notices about what the feed shows (a life event, a service, a source). */
export function renderTopicNotices({ t, localize, level }: NoticeSectionContext, notices: Notice[]) {
  if (notices.length === 0) return nothing;
  return html`<ul part="topic-notices" class="notices" aria-label=${t.notices.label}>
    ${notices.map((n) => html`<li>${renderNotice(n, { t, localize, level, id: `feed-notice-${n.id}` })}</li>`)}
  </ul>`;
}
