/**
 * The templates of one feed item: its label, title, text, window, action link, the ways to reach its service
 * (channels), and the "Why am I seeing this?" disclosure. What they show is decided in feed-model.ts.
 */
import { html, nothing } from 'lit';
import type { FeedItem, Service } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import { safeHref } from '../internal/state-templates.js';
import { channelViews, kindOf, windowText, type ChannelView } from './feed-model.js';

export interface ItemContext {
  t: Translation;
  localize: LocalizeController;
  /** The DOM id prefix of the item (stable per item id). */
  id: string;
  level: number;
  open: boolean;
  onToggleWhy: () => void;
  onDismiss?: () => void;
  catalogue?: ReadonlyMap<string, Service> | null;
}

/** The item's own link, else (older server) the service's e-service or web page from the catalogue. */
function actionFor(item: FeedItem, context: ItemContext): { href: string; label: string } | null {
  const { localize, catalogue } = context;
  if (item.action) {
    const href = safeHref(item.action.href);
    const label = localize.text(item.action.label);
    return href && label ? { href, label } : null;
  }
  const service = item.service ? catalogue?.get(item.service.id) : undefined;
  const channel =
    service?.channels.find((c) => c.type === 'EChannel' && safeHref(c.url)) ??
    service?.channels.find((c) => c.type === 'WebPage' && safeHref(c.url));
  const href = safeHref(channel?.url);
  const label = localize.text(channel?.name);
  return channel && href && label ? { href, label } : null;
}

function renderChannel(t: Translation, view: ChannelView) {
  const hours =
    'hours' in view && view.hours.length ? html` <span class="hours">${view.hours.join(', ')}</span>` : nothing;
  switch (view.kind) {
    case 'phone':
      return html`<li part="channel phone">
        <span class="channel-kind">${t.feed.channel.Phone}:</span>
        <a part="channel-link" href=${view.href}>${view.number}</a>
        ${view.label || view.info ? html`<span>(${[view.label, view.info].filter(Boolean).join(', ')})</span>` : nothing}${hours}
      </li>`;
    case 'address':
      return html`<li part="channel address">
        <span class="channel-kind">${t.feed.channel.ServiceLocation}:</span>
        <span>${view.address}</span>${view.label ? html` <span>(${view.label})</span>` : nothing}${hours}
      </li>`;
    case 'link':
      return html`<li part="channel link">
        <span class="channel-kind">${t.feed.channel[view.type]}:</span>
        <a part="channel-link" href=${view.href}>${view.label}</a>
      </li>`;
  }
}

/** `validUntil` is the first instant no longer valid (midnight after the last day): the last day is just before. */
function lastDayOf(validUntil: string): string {
  const end = Date.parse(validUntil);
  return Number.isNaN(end) ? validUntil : new Date(end - 1).toISOString();
}

export function renderItem(item: FeedItem, context: ItemContext) {
  const { t, localize, id, level, open } = context;
  const action = actionFor(item, context);
  const body = localize.text(item.body);
  const when =
    windowText(item.window, t.feed.window, t.$locale) ||
    (item.kind === 'notice' && item.validUntil
      ? t.feed.validUntil(localize.dateTime(lastDayOf(item.validUntil), { timeStyle: undefined }))
      : '');
  const channels = channelViews(
    item,
    context.catalogue ?? null,
    { locale: t.$locale, text: (v) => localize.text(v), safeHref, words: t.feed },
    action?.href,
  );
  const kind = kindOf(item);
  return html`
    <li part="item ${kind}">
      <p part="kind">${t.feed.kind[kind] ?? kind}</p>
      <div part="item-title" id="${id}-title" role="heading" aria-level=${Math.min(6, level)} tabindex="-1">
        ${localize.text(item.title)}
      </div>
      ${body ? html`<p part="body">${body}</p>` : nothing} ${when ? html`<p part="valid-until">${when}</p>` : nothing}
      ${action ? html`<a part="action" href=${action.href}>${action.label}</a>` : nothing}
      ${
        channels.length
          ? html`<ul part="channels" aria-label=${t.feed.channelsLabel}>
              ${channels.map((view) => renderChannel(t, view))}
            </ul>`
          : nothing
      }
      ${
        item.reason || context.onDismiss
          ? html`<div class="controls">
              ${
                item.reason
                  ? html`<button
                      part="why-button"
                      class="secondary"
                      type="button"
                      aria-expanded=${open ? 'true' : 'false'}
                      aria-controls="${id}-why"
                      aria-describedby="${id}-title"
                      @click=${context.onToggleWhy}
                    >
                      <span class="chevron" aria-hidden="true">›</span>${t.feed.why}
                    </button>`
                  : nothing
              }
              ${
                context.onDismiss
                  ? html`<button
                      part="dismiss-button"
                      class="secondary"
                      type="button"
                      aria-describedby="${id}-title"
                      @click=${context.onDismiss}
                    >
                      ${t.feed.notRelevant}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${item.reason ? renderWhy(context, item.reason) : nothing}
    </li>
  `;
}

function renderWhy({ t, localize, id, open }: ItemContext, reason: NonNullable<FeedItem['reason']>) {
  const data = reason.dataUsed.map((entry) => localize.text(entry)).filter(Boolean);
  const legalBasis = localize.text(reason.legalBasis);
  return html`
    <div part="why" id="${id}-why" ?hidden=${!open}>
      <p>${localize.text(reason.explanation)}</p>
      <dl>
        ${
          data.length
            ? html`<dt>${t.feed.dataUsed}</dt>
                <dd>
                  <ul>
                    ${data.map((entry) => html`<li>${entry}</li>`)}
                  </ul>
                </dd>`
            : nothing
        }
        ${
          legalBasis
            ? html`<dt>${t.feed.legalBasis}</dt>
                <dd>${legalBasis}</dd>`
            : nothing
        }
      </dl>
    </div>
  `;
}
