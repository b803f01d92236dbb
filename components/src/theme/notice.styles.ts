import { css } from 'lit';

/** The look of a notice wherever it is shown (<kunta-notices>, and above the cases and the feed). */
export const noticeStyles = css`
  .notices {
    display: grid;
    gap: var(--_space-s);
    grid-template-columns: minmax(0, 1fr);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .notice {
    position: relative;
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-s) var(--_space-m);
    border: 0.0625em solid var(--_border);
    border-inline-start-width: 0.375em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .notice p {
    margin: 0;
  }

  .notice.info {
    border-inline-start-color: var(--_primary);
  }

  .notice.warning {
    border-inline-start-color: var(--_warning);
  }

  .notice.critical {
    border-width: 0.125em;
    border-inline-start-width: 0.5em;
    border-color: var(--_danger);
  }

  .notice [part~='notice-title'] {
    font-weight: 700;
    padding-inline-end: 2.5em;
  }

  [part='severity'] {
    font-weight: 700;
  }

  .critical [part='severity'] {
    color: var(--_danger);
  }

  .warning [part='severity'] {
    color: var(--_warning);
  }

  [part='notice-time'],
  [part='as-of'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part='notice-link'] {
    color: var(--_primary);
  }

  /* Scoped to a notice: the feed's items have a dismiss-button part of their own, laid out in the item. */
  .notice [part='dismiss-button'] {
    position: absolute;
    inset-block-start: var(--_space-xs);
    inset-inline-end: var(--_space-xs);
    min-width: 2.75em;
    min-height: 2.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-size: 1em;
    cursor: pointer;
  }

  .notice:focus {
    outline: none;
  }

  .notice:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 0.125em;
  }
`;
