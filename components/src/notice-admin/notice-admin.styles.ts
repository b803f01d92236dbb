import { css } from 'lit';
import { baseStyles } from '../theme/base.styles.js';
import { noticeStyles } from '../theme/notice.styles.js';
import { stateStyles } from '../theme/states.styles.js';

export default [
  baseStyles,
  stateStyles,
  noticeStyles,
  css`
    :host {
      max-width: 60em;
      margin: 0 auto;
      padding: var(--_space-m);
    }

    [part='base'],
    form,
    fieldset {
      display: grid;
      gap: var(--_space-m);
      grid-template-columns: minmax(0, 1fr);
    }

    [part='heading'] {
      font-size: 1.75em;
      font-weight: 700;
      margin: 0;
    }

    [part~='section-heading'] {
      font-size: 1.25em;
      font-weight: 700;
      margin: 0;
    }

    fieldset {
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-m);
    }

    legend {
      font-weight: 700;
      padding: 0 var(--_space-xs);
    }

    label {
      display: grid;
      gap: var(--_space-xs);
      font-weight: 600;
    }

    .hint {
      font-weight: 400;
      color: var(--_muted);
      font-size: 0.875em;
    }

    input,
    select,
    textarea {
      font: inherit;
      color: var(--_text);
      background: var(--_bg);
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-xs) var(--_space-s);
    }

    textarea {
      min-height: 5em;
    }

    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      align-items: center;
    }

    .admin-list {
      display: grid;
      gap: var(--_space-m);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    [part='status'] {
      font-weight: 700;
    }

    [part='history'] {
      margin: 0;
      padding-inline-start: 1.25em;
    }
  `,
];
