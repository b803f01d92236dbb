import { css } from 'lit';
import { baseStyles } from '../theme/base.styles.js';
import { stateStyles } from '../theme/states.styles.js';
import { noticeStyles } from '../theme/notice.styles.js';

export default [
  baseStyles,
  stateStyles,
  noticeStyles,
  css`
    :host {
      --kunta-service-feed-card-background: var(--kunta-color-surface, #f4f6f8);
      --kunta-service-feed-accent: var(--kunta-color-primary, #0a4f8f);
    }

    [part='base'],
    .section {
      display: grid;
      gap: var(--_space-m);
    }

    /* One column as wide as the widget, never wider: at 320 CSS px the content wraps instead of overflowing. */
    [part='base'],
    .section,
    [part='list'],
    [part='notices'],
    [part='group'],
    [part~='item'],
    [part='why'],
    [part='why'] dl,
    [part='consent'],
    [part='consent-controls'],
    [part='consent-error'] {
      grid-template-columns: minmax(0, 1fr);
    }

    [part='heading'] {
      font-size: 1.375em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part='list-heading'],
    [part='group-heading'],
    [part='consent-heading'] {
      font-size: 1.1875em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part='group-heading'] {
      font-size: 1.0625em;
    }

    [part='list'],
    [part='notices'],
    [part='group'] {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--_space-m);
    }

    [part~='item'] {
      padding: var(--_space-m);
      border: 0.0625em solid var(--_border);
      border-inline-start: 0.375em solid var(--kunta-service-feed-accent);
      border-radius: var(--_radius);
      background: var(--kunta-service-feed-card-background);
      display: grid;
      gap: var(--_space-s);
    }

    [part~='item'][part~='task'] {
      border-inline-start-color: var(--_warning);
    }

    [part~='item'][part~='notice'] {
      border-inline-start-style: double;
    }

    [part='kind'] {
      font-size: 0.875em;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--_muted);
    }

    [part='item-title'] {
      font-size: 1.125em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part='body'] {
      overflow-wrap: anywhere;
    }

    [part='valid-until'] {
      color: var(--_muted);
    }

    /* A channel's link stands on its own, not inside a sentence: a 24 × 24 CSS px target at least (WCAG 2.5.8). */
    [part~='channel-link'] {
      display: inline-block;
      min-block-size: max(1.5em, 24px);
      min-inline-size: max(1.5em, 24px);
      line-height: max(1.5em, 24px);
    }

    [part='action'] {
      justify-self: start;
      display: inline-flex;
      align-items: center;
      min-height: 2.75em;
      padding: var(--_space-s) var(--_space-m);
      border: 0.0625em solid var(--_primary);
      border-radius: var(--_radius);
      font-weight: 600;
      background: var(--_bg);
      overflow-wrap: anywhere;
    }

    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
    }

    [part='why-button'][aria-expanded='true'] .chevron {
      transform: rotate(90deg);
    }
    .chevron {
      display: inline-block;
      transition: transform 150ms ease;
    }

    [part='why'] {
      display: grid;
      gap: var(--_space-s);
      padding: var(--_space-s) var(--_space-m);
      border-inline-start: 0.1875em solid var(--_border);
      background: var(--_bg);
    }
    [part='why'] dl {
      display: grid;
      gap: var(--_space-xs);
    }
    [part='why'] dt {
      font-weight: 700;
    }
    [part='why'] ul {
      margin: 0;
      padding-inline-start: var(--_space-l);
    }

    [part='consent'],
    [part='consent-controls'] {
      display: grid;
      gap: var(--_space-s);
      justify-items: start;
      padding: var(--_space-m);
      border: 0.125em solid var(--kunta-service-feed-accent);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    [part='consent-controls'] {
      border-width: 0.0625em;
      border-color: var(--_border);
    }
    [part='consent'] ul {
      margin: 0;
      padding-inline-start: var(--_space-l);
    }

    [part='consent-error'] {
      display: grid;
      gap: var(--_space-s);
      justify-items: start;
      color: var(--_danger);
    }

    @media (forced-colors: active) {
      [part~='item'],
      [part='consent'],
      [part='consent-controls'],
      [part='action'] {
        border-color: CanvasText;
      }
      [part='why'] {
        border-color: CanvasText;
      }
    }

    @media (prefers-reduced-motion: reduce) {
      .chevron {
        transition: none;
      }
    }
  `,
];
