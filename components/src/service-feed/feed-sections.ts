/**
 * The feed's sections that a signed-out citizen sees too: notices and general services by life event. The signed-in
 * views (the personal list, the consent prompt, the withdrawal control) are in feed-personal.ts, a chunk of its own.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FeedItem, Service } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import type { ConsentOrganisation } from '../i18n/translation.js';
import { groupByLifeEvent } from './feed-model.js';

export interface SectionContext {
  t: Translation;
  localize: LocalizeController;
  /** The heading level of a section; its groups and items are one and two below. */
  level: (offset: number) => number;
  item: (
    item: FeedItem,
    level: number,
    catalogue?: Map<string, Service> | null,
    onDismiss?: () => void,
  ) => TemplateResult;
  consent: { busy: 'granting' | 'withdrawing' | null; error: string; change: (granted: boolean) => void };
  /** The municipality the consent is given to, once its settings are loaded. */
  organisation: ConsentOrganisation | undefined;
}

export function renderNotices({ t, level, item }: SectionContext, notices: FeedItem[]) {
  if (!notices.length) return nothing;
  return html`<div class="section">
    <div part="group-heading" id="notices-heading" role="heading" aria-level=${level(1)}>${t.feed.noticesHeading}</div>
    <ul part="notices" aria-labelledby="notices-heading">
      ${notices.map((notice) => item(notice, level(2)))}
    </ul>
  </div>`;
}

/** General services by life event, under their own heading: never presented as chosen for the citizen. */
export function renderServices(
  context: SectionContext,
  items: FeedItem[],
  catalogue: Map<string, Service> | null,
  heading: string,
  note?: string,
) {
  const { t, localize, level, item } = context;
  if (!items.length) return nothing;
  const names = { lifeEvent: t.feed.lifeEvent, other: t.feed.otherServices };
  const groups = groupByLifeEvent(items, catalogue, names, (v) => localize.text(v));
  const grouped = !(groups.length === 1 && groups[0]!.key === 'other');
  return html`<div class="section">
    <div part="list-heading" id="featured-heading" role="heading" aria-level=${level(1)}>${heading}</div>
    ${note ? html`<p part="general-note">${note}</p>` : nothing}
    ${groups.map((group) =>
      grouped
        ? html`<div part="group-heading" id="group-${group.key}" role="heading" aria-level=${level(2)}>
              ${group.heading}
            </div>
            <ul part="group" aria-labelledby="group-${group.key}">
              ${group.items.map((one) => item(one, level(3), catalogue))}
            </ul>`
        : html`<ul part="group" aria-labelledby="featured-heading">
            ${group.items.map((one) => item(one, level(2), catalogue))}
          </ul>`,
    )}
  </div>`;
}
