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
      --kunta-case-status-card-background: var(--kunta-color-surface, #f4f6f8);
      --kunta-case-status-accent: var(--kunta-color-primary, #0a4f8f);
    }

    [part='base'] {
      display: grid;
      gap: var(--_space-m);
    }

    /* One column as wide as the widget, never wider: at 320 CSS px the content wraps instead of overflowing. */
    [part='base'],
    [part='list'],
    [part~='case'] {
      grid-template-columns: minmax(0, 1fr);
    }

    [part='heading'] {
      font-size: 1.375em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part='list'] {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--_space-m);
    }

    [part~='case'] {
      padding: var(--_space-m);
      border: 0.0625em solid var(--_border);
      border-inline-start: 0.375em solid var(--kunta-case-status-accent);
      border-radius: var(--_radius);
      background: var(--kunta-case-status-card-background);
      display: grid;
      gap: var(--_space-s);
    }

    [part~='case'].action_required {
      border-inline-start-color: var(--_warning);
    }

    [part='case-title'] {
      font-size: 1.125em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part='subject'] {
      font-weight: 600;
    }

    [part='status'] {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-xs);
      font-weight: 700;
    }

    .status-icon {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 1.5em;
      height: 1.5em;
      border: 0.125em solid currentColor;
      border-radius: 50%;
      font-size: 0.875em;
      line-height: 1;
    }

    .status--action_required {
      color: var(--_warning);
    }
    .status--action_required .status-icon {
      border-radius: 0.125em;
    }
    .status--decided,
    .status--closed {
      color: var(--_success);
    }
    .status--cancelled {
      color: var(--_muted);
    }

    dl {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: var(--_space-xs) var(--_space-m);
    }
    dt {
      color: var(--_muted);
      overflow-wrap: anywhere;
    }
    dd {
      overflow-wrap: anywhere;
    }

    [part='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      list-style: none;
      padding: 0;
    }

    [part='action'] {
      display: inline-flex;
      align-items: center;
      min-height: 2.75em;
      padding: var(--_space-s) var(--_space-m);
      border: 0.0625em solid var(--_primary);
      border-radius: var(--_radius);
      font-weight: 600;
      background: var(--_bg);
    }

    [part='timeline-toggle'] {
      justify-self: start;
    }
    [part='timeline-toggle'][aria-expanded='true'] .chevron {
      transform: rotate(90deg);
    }
    .chevron {
      display: inline-block;
      transition: transform 150ms ease;
    }

    [part='timeline'] {
      margin: 0;
      padding-inline-start: var(--_space-l);
      display: grid;
      gap: var(--_space-xs);
    }
    [part='timeline'] time {
      color: var(--_muted);
      margin-inline-end: var(--_space-s);
    }

    @media (forced-colors: active) {
      [part~='case'] {
        border-color: CanvasText;
      }
      .status-icon {
        border-color: CanvasText;
      }
    }
  `,
];
