import { css } from 'lit';

/**
 * The states every data widget shows the same way: a source notice, an error, and loading with a spinner
 * (still under reduced motion, visible in forced colours).
 */
export const stateStyles = css`
  [part='notice'] {
    padding: var(--_space-s) var(--_space-m);
    border: 0.0625em solid var(--_warning);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  [part='error'] {
    display: grid;
    gap: var(--_space-s);
    justify-items: start;
    color: var(--_danger);
  }

  [part='loading'] {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    color: var(--_muted);
  }
  .spinner {
    width: 1em;
    height: 1em;
    flex: none;
    border: 0.1875em solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 900ms linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (forced-colors: active) {
    [part='notice'] {
      border-color: CanvasText;
    }
    .spinner {
      border-color: CanvasText;
      border-top-color: Highlight;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
