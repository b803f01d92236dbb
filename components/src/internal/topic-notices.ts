/** The municipality's notices inside another widget: only those about what that widget shows. */
import { html, nothing } from 'lit';
import type { SourceStatus } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import { renderNotice } from './notice-templates.js';
import { currentNotices, noticesAbout, type NoticeSnapshot } from './notice-watch.js';

const RANK = { critical: 0, warning: 1, info: 2 } as const;

export function renderTopicNotices(
  snapshot: NoticeSnapshot,
  topics: Iterable<string>,
  view: { t: Translation; localize: LocalizeController; level: number },
) {
  const about = noticesAbout(currentNotices(snapshot.items), topics).sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.startsAt.localeCompare(b.startsAt),
  );
  if (about.length === 0) return nothing;
  return html`<ul part="topic-notices" class="notices" aria-label=${view.t.notices.label}>
    ${about.map((n) => html`<li>${renderNotice(n, { ...view, id: `topic-notice-${n.id}` })}</li>`)}
  </ul>`;
}

/** The sources without an outage notice: for those that have one, its sentence replaces the per-read note. */
export function withoutOutages(sources: readonly SourceStatus[], snapshot: NoticeSnapshot): SourceStatus[] {
  const out = new Set(
    currentNotices(snapshot.items)
      .filter((n) => n.kind === 'outage' && n.source)
      .map((n) => n.source),
  );
  return sources.filter((source) => !out.has(source.id));
}
