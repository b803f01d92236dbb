import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves focus only after the user's own action (a retry, a dismissal, a consent change), once the host has
 * rendered what the action led to: `request(find, ready)` focuses `find()` after the first update in which
 * `ready()` holds (e.g. the data is no longer loading). A newer request replaces an older one.
 */
export class FocusAfterActionController implements ReactiveController {
  #pending: { find: () => HTMLElement | null | undefined; ready: () => boolean } | null = null;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  request(find: () => HTMLElement | null | undefined, ready: () => boolean = () => true): void {
    this.#pending = { find, ready };
    this.#host.requestUpdate();
  }

  cancel(): void {
    this.#pending = null;
  }

  hostUpdated(): void {
    const pending = this.#pending;
    if (!pending || !pending.ready()) return;
    this.#pending = null;
    pending.find()?.focus();
  }
}
