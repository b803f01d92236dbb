import { css } from 'lit';
import { baseStyles } from '../theme/base.styles.js';
import { stateStyles } from '../theme/states.styles.js';

export default [
  baseStyles,
  stateStyles,
  css`
    :host {
      --kunta-my-data-section-background: var(--kunta-color-surface, #f4f6f8);
    }

    [part='base'],
    [part~='section'] {
      display: grid;
      gap: var(--_space-m);
      grid-template-columns: minmax(0, 1fr);
    }

    [part='heading'] {
      font-size: 1.375em;
      line-height: 1.3;
      font-weight: 700;
    }

    [part~='section'] {
      padding: var(--_space-m);
      background: var(--kunta-my-data-section-background);
      border-radius: var(--_radius);
    }

    [part='section-heading'],
    [part='subheading'] {
      font-weight: 700;
      margin: 0;
    }

    [part='log'],
    [part='list'] {
      margin: 0;
      padding-inline-start: 1.25em;
      display: grid;
      gap: var(--_space-s, 0.5em);
    }

    [part='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s, 0.5em);
    }

    p {
      margin: 0;
    }
  `,
];
