import { css } from 'lit';
import { baseStyles } from '../theme/base.styles.js';

export default [
  baseStyles,
  css`
    :host {
      --kunta-login-gap: var(--kunta-space-s, 0.5em);
      background: transparent;
    }

    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kunta-login-gap);
    }

    [part='user'] {
      font-weight: 600;
    }

    [part='error'] {
      flex-basis: 100%;
      color: var(--_danger);
    }

    [part='status'] {
      color: var(--_muted);
    }
  `,
];
