/** The template of one case: title, whose it is, status (text and shape), details, actions and timeline. */
import { html, nothing } from 'lit';
import type { Case, CaseStatus } from '@kunta-akkuna/sdk';
import type { LocalizeController, Translation } from '../i18n/localize.js';
import { safeHref } from '../internal/state-templates.js';

/** A shape per status, so the status never depends on colour alone. */
const STATUS_ICON: Record<CaseStatus, string> = {
  draft: '…',
  submitted: '→',
  in_progress: '◔',
  action_required: '!',
  decided: '✓',
  closed: '✓',
  cancelled: '✕',
};

/** The child a case is about, or null for the citizen's own case (also when an older API sends no subject). */
function childSubject(item: Case): { givenName: string } | null {
  const subject: unknown = (item as { subject?: unknown }).subject;
  if (typeof subject !== 'object' || subject === null || (subject as { kind?: unknown }).kind !== 'child') return null;
  const givenName = (subject as { givenName?: unknown }).givenName;
  return { givenName: typeof givenName === 'string' ? givenName.trim() : '' };
}

export interface CaseContext {
  t: Translation;
  localize: LocalizeController;
  level: number;
  timelineId: string;
  open: boolean;
  onToggle: () => void;
}

export function renderCase(item: Case, { t, localize, level, timelineId, open, onToggle }: CaseContext) {
  const nextStep = localize.text(item.nextStep);
  const child = childSubject(item);
  const actions = item.actions
    .map((action) => ({ label: localize.text(action.label), href: safeHref(action.href) }))
    .filter((action) => action.href && action.label);
  return html`
    <li part=${item.status === 'action_required' ? 'case action-required' : 'case'} class=${item.status}>
      <div part="case-title" role="heading" aria-level=${level}>${localize.text(item.title)}</div>
      ${
        child
          ? html`<p part="subject">${child.givenName ? t.subjectChild(child.givenName) : t.subjectChildUnnamed}</p>`
          : nothing
      }
      <p part="status" class="status--${item.status}">
        <span class="visually-hidden">${t.status}:</span>
        <span class="status-icon" aria-hidden="true">${STATUS_ICON[item.status] ?? '•'}</span>
        <span>${t.caseStatus[item.status] ?? item.status}</span>
      </p>
      <dl part="details">
        <dt>${t.caseTypeLabel}</dt>
        <dd>${t.caseType[item.type] ?? t.caseType.other ?? item.type}</dd>
        <dt>${t.lastChanged}</dt>
        <dd><time datetime=${item.updatedAt}>${localize.dateTime(item.updatedAt)}</time></dd>
        ${
          nextStep
            ? html`<dt>${t.nextStep}</dt>
                <dd>${nextStep}</dd>`
            : nothing
        }
      </dl>
      ${
        actions.length
          ? html`<ul part="actions" aria-label=${t.actions}>
              ${actions.map((action) => html`<li><a part="action" href=${action.href!}>${action.label}</a></li>`)}
            </ul>`
          : nothing
      }
      ${
        item.timeline.length
          ? html`
              <button
                part="timeline-toggle"
                class="secondary"
                type="button"
                aria-expanded=${open ? 'true' : 'false'}
                aria-controls=${timelineId}
                @click=${onToggle}
              >
                <span class="chevron" aria-hidden="true">›</span>
                ${open ? t.hideTimeline : t.showTimeline(item.timeline.length)}
              </button>
              <ol part="timeline" id=${timelineId} aria-label=${t.timeline} ?hidden=${!open}>
                ${item.timeline.map(
                  (entry) =>
                    html`<li>
                      <time datetime=${entry.at}>${localize.dateTime(entry.at)}</time>
                      <span>${localize.text(entry.label) || t.caseStatus[entry.status]}</span>
                    </li>`,
                )}
              </ol>
            `
          : nothing
      }
    </li>
  `;
}
