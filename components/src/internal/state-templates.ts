/**
 * The states every data widget renders the same way: loading, error (in words by error code, with a retry button),
 * not configured, and the notes about sources that are stale or did not answer (partial results). One template
 * each, so the widgets keep the same parts, words and behaviour.
 */
import { html } from 'lit';
import { isKuntaError, type SourceStatus } from '@kunta-akkuna/sdk';
import type { Translation } from '../i18n/localize.js';

export function renderLoading(text: string) {
  return html`<p part="loading"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
}

export function renderError(t: Translation, lead: string, error: unknown, onRetry: () => void) {
  const code = (isKuntaError(error) ? error.code : 'KA_UNKNOWN') as keyof Translation['errors'];
  return html`
    <div part="error">
      <p>${lead} ${t.errors[code] ?? t.errors.KA_UNKNOWN}</p>
      <button part="retry-button" type="button" @click=${onRetry}>${t.retry}</button>
    </div>
  `;
}

export function renderNotConfigured(t: Translation) {
  return html`<p part="error">${t.notConfigured}</p>`;
}

export interface SourceNoticeStrings {
  sourceUnavailable: (source: string) => string;
  sourceStale: (source: string, time: string) => string;
  sourceUnavailableSince: (source: string, time: string) => string;
  sourcePartial: (source: string, omitted: number) => string;
}

/** One note per source that is not `ok`, naming it and the time of its data (formatted by the caller). */
export function renderSourceNotices(
  t: Translation,
  strings: SourceNoticeStrings,
  sources: readonly SourceStatus[],
  time: (fetchedAt: string | null) => string,
) {
  return sources
    .filter((source) => source.status !== 'ok')
    .map((source) => {
      const name = t.sourceName[source.id] ?? t.sourceName.generic ?? source.id;
      const at = time(source.fetchedAt);
      const text =
        source.status === 'partial'
          ? strings.sourcePartial(name, source.omitted ?? 1)
          : source.status === 'stale' && at
            ? strings.sourceStale(name, at)
            : at
              ? strings.sourceUnavailableSince(name, at)
              : strings.sourceUnavailable(name);
      return html`<p part="notice">${text}</p>`;
    });
}

/** Only web links become links; anything else (javascript:, data:) from a back end is shown as nothing. */
export function safeHref(href: string | undefined | null, base = document.baseURI): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
