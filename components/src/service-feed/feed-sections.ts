/** The feed's sections: notices, general services by life event, the consent prompt and the withdrawal control. */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
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

/** The citizen's own suggestions and tasks, or that there is nothing for them right now. */
export function renderPersonalList(
  { t, level, item }: SectionContext,
  personal: FeedItem[],
  dismiss: (item: FeedItem) => void,
) {
  return html`<div class="section">
    <div part="list-heading" id="list-heading" role="heading" aria-level=${level(1)} tabindex="-1">
      ${t.feed.personalHeading}
    </div>
    ${
      personal.length === 0
        ? html`<p part="empty">${t.feed.personalEmpty}</p>`
        : html`<ul part="list" aria-labelledby="list-heading">
            ${repeat(
              personal,
              (one) => one.id,
              (one) => item(one, level(2), null, () => dismiss(one)),
            )}
          </ul>`
    }
  </div>`;
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

export function renderConsentPrompt({ t, level, consent, organisation }: SectionContext) {
  const busy = consent.busy === 'granting';
  return html`
    <div part="consent" role="group" aria-labelledby="consent-heading">
      <div part="consent-heading" id="consent-heading" role="heading" aria-level=${level(1)}>
        ${t.feed.consentHeading}
      </div>
      <p>${t.feed.consentIntro(organisation)}</p>
      <ul part="consent-data">
        ${t.feed.consentData(organisation).map((entry) => html`<li>${entry}</li>`)}
      </ul>
      <p>${t.feed.consentPurpose}</p>
      <p>${t.feed.consentWithdrawInfo}</p>
      ${consent.error ? html`<p part="consent-error">${consent.error}</p>` : nothing}
      <button
        part="allow-button"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => consent.change(true)}
      >
        ${busy ? t.feed.consentSaving : t.feed.allow}
      </button>
    </div>
  `;
}

export function renderWithdraw({ t, consent }: SectionContext) {
  return html`
    <div part="consent-controls">
      <p>${t.feed.withdrawInfo}</p>
      ${consent.error ? html`<p part="consent-error">${consent.error}</p>` : nothing}
      <button
        part="withdraw-button"
        class="secondary"
        type="button"
        aria-disabled=${consent.busy === 'withdrawing' ? 'true' : 'false'}
        @click=${() => consent.change(false)}
      >
        ${t.feed.withdraw}
      </button>
    </div>
  `;
}
