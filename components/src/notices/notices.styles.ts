import { css } from 'lit';
import { baseStyles } from '../theme/base.styles.js';
import { noticeStyles } from '../theme/notice.styles.js';
import { stateStyles } from '../theme/states.styles.js';

export default [
  baseStyles,
  stateStyles,
  noticeStyles,
  css`
    [part='base'] {
      display: grid;
      gap: var(--_space-s);
      grid-template-columns: minmax(0, 1fr);
    }

    [part='base'][hidden] {
      display: none;
    }
  `,
];
