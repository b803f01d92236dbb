import { css } from 'lit';

/**
 * Shared by every widget: a baseline on :host so the host page's inherited font, colour and line-height do not
 * leak in, private aliases of the --kunta-* tokens (defaults as in tokens.ts), focus, target sizes, forced colours
 * and reduced motion. Sizes in em from :host, never rem (host pages set odd root sizes).
 */
export const baseStyles = css`
  :host {
    --_text: var(--kunta-color-text, #1a1a1a);
    --_bg: var(--kunta-color-background, #ffffff);
    --_muted: var(--kunta-color-muted, #4d4d4d);
    --_primary: var(--kunta-color-primary, #0a4f8f);
    --_on-primary: var(--kunta-color-on-primary, #ffffff);
    --_border: var(--kunta-color-border, #767676);
    --_surface: var(--kunta-color-surface, #f4f6f8);
    --_danger: var(--kunta-color-danger, #a4001d);
    --_warning: var(--kunta-color-warning, #7a4a00);
    --_success: var(--kunta-color-success, #1d6b35);
    --_focus: var(--kunta-color-focus, #0a4f8f);
    --_radius: var(--kunta-radius, 0.25em);
    --_focus-width: var(--kunta-focus-ring-width, 0.1875em);
    --_space-xs: var(--kunta-space-xs, 0.25em);
    --_space-s: var(--kunta-space-s, 0.5em);
    --_space-m: var(--kunta-space-m, 1em);
    --_space-l: var(--kunta-space-l, 1.5em);
    --_font-family: var(--kunta-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_line-height: var(--kunta-line-height, 1.5);

    display: block;
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--kunta-font-size, 1em);
    font-weight: normal;
    font-style: normal;
    line-height: var(--_line-height);
    letter-spacing: normal;
    text-align: start;
    text-transform: none;
    white-space: normal;
    color: var(--_text);
    background: var(--_bg);
  }

  /*
   * The host page's rules on our element itself (e.g. "* { font: 30px serif; color: red; line-height: 3 }") beat
   * :host, so the widget's top-level elements set the baseline again and it never reaches the content. Only the
   * font size follows the host element (documented: sizes are em from :host).
   */
  :host > * {
    box-sizing: border-box;
    font-family: var(--_font-family);
    line-height: var(--_line-height);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    color: var(--_text);
    /* Long Finnish compounds ("Varhaiskasvatushakemus") break rather than push the page wider than 320 CSS px. */
    overflow-wrap: anywhere;
  }

  :host([hidden]),
  [hidden] {
    /* Component rules set display on most elements; the hidden attribute must still win. */
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  p,
  ul,
  ol,
  dl,
  dd,
  h2,
  h3 {
    margin: 0;
  }

  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-xs);
    min-height: 2.75em;
    min-width: 2.75em;
    padding: var(--_space-s) var(--_space-m);
    border: 0.0625em solid var(--_primary);
    border-radius: var(--_radius);
    font: inherit;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    color: var(--_on-primary);
    background: var(--_primary);
  }

  button.secondary {
    color: var(--_primary);
    background: var(--_bg);
  }

  button[aria-disabled='true'] {
    cursor: progress;
  }

  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }

  :focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 0.125em;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @media (forced-colors: active) {
    button,
    .button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.001ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.001ms !important;
    }
  }
`;
