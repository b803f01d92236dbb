/**
 * The feed's signed-in views: the citizen's own list, the consent prompt and the withdrawal control. A chunk of
 * their own, imported by feed-loader.ts only once someone is signed in, so a signed-out page never loads them.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FeedItem } from '@kunta-akkuna/sdk';
import type { SectionContext } from './feed-sections.js';

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
