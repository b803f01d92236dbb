import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * The widget's polite live region as a controller: `announce()` sets what screen readers hear next, without moving
 * focus. `render()` gives the region itself (`part="announcer"`), visually hidden, to place once in the template.
 */
export class AnnouncerController implements ReactiveController {
  #text = '';
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get text(): string {
    return this.#text;
  }

  announce(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    this.#host.requestUpdate();
  }

  clear(): void {
    this.announce('');
  }

  /** Nothing to set up: the region lives in the host's template. */
  hostConnected(): void {}

  render() {
    return html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${this.#text}
    </div>`;
  }
}
