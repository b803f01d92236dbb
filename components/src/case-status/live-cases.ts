/**
 * Live updates of the case list as a reactive controller: subscribed to the API's change events exactly while the
 * host is connected, signed in and showing a list; a change re-fetches in the background (bursts coalesced, one
 * re-fetch at a time) and hands the new list to the host, which updates it in place.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { CaseList, KuntaClient, LiveStatus } from '@kunta-akkuna/sdk';

/** A burst of change events (one case changing in several back-end steps) becomes one re-fetch. */
export const LIVE_COALESCE_MS = 250;

interface Subscription {
  client: KuntaClient;
  unsubscribe: () => void;
  /** False when events may have been missed before this subscription (the widget was detached). */
  caughtUp: boolean;
}

export interface LiveCasesHost {
  /** The client in use. */
  client: () => KuntaClient | undefined;
  /** Whether a full load's list is on screen (the time to listen). */
  showing: () => boolean;
  /** The newer list, to show in place. */
  apply: (list: CaseList) => void;
  /** A full reload (the session may have ended). */
  reload: () => void;
}

const isAuthenticationFailure = (error: unknown) => isKuntaError(error) && error.code === 'KA_UNAUTHENTICATED';

export class LiveCasesController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #of: LiveCasesHost;
  #live: Subscription | undefined;
  /** The client whose event stream the API refused; no new subscription until the next full load. */
  #refused: KuntaClient | undefined;
  #fresh = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fetch: AbortController | undefined;
  #again = false;

  constructor(host: ReactiveControllerHost & HTMLElement, of: LiveCasesHost) {
    this.#host = host;
    this.#of = of;
    host.addController(this);
  }

  hostConnected(): void {
    // (Re-)attached: subscribe again after the next update, and catch up on what happened meanwhile.
    this.#fresh = false;
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostUpdated(): void {
    this.#sync();
  }

  /** A full load begins: a background re-fetch would only race it. */
  loadStarted(): void {
    this.#cancelRefresh();
  }

  /** A full load has arrived: the list is fresh and the stream may be tried again. */
  loaded(): void {
    this.#refused = undefined;
    this.#fresh = true;
  }

  stop(): void {
    const subscription = this.#live;
    this.#live = undefined;
    subscription?.unsubscribe();
    this.#cancelRefresh();
  }

  #sync(): void {
    const client = this.#of.client();
    const wanted =
      this.#host.isConnected &&
      client !== undefined &&
      this.#of.showing() &&
      typeof client.cases?.subscribe === 'function' &&
      this.#refused !== client;
    if (this.#live && (!wanted || this.#live.client !== client)) this.stop();
    if (wanted && !this.#live) this.#start(client);
  }

  #start(client: KuntaClient): void {
    const subscription: Subscription = { client, unsubscribe: () => undefined, caughtUp: this.#fresh };
    this.#fresh = false;
    this.#live = subscription;
    subscription.unsubscribe = client.cases.subscribe(() => this.#schedule(), {
      onStatus: (status) => this.#status(subscription, status),
    });
  }

  #status(subscription: Subscription, status: LiveStatus): void {
    if (this.#live !== subscription) return;
    if (status.state === 'open') {
      // The SDK resumes a broken stream with Last-Event-ID; only a new subscription after a gap needs a re-fetch.
      if (!subscription.caughtUp) this.#schedule();
      subscription.caughtUp = true;
    } else if (status.state === 'stopped') {
      // Refused (e.g. the session ended): do not reconnect in a loop. A quiet re-fetch shows whether the user is
      // still signed in; the next full load subscribes again.
      this.#live = undefined;
      this.#refused = subscription.client;
      if (isAuthenticationFailure(status.error)) this.#schedule();
    }
  }

  #cancelRefresh(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#fetch?.abort();
    this.#fetch = undefined;
    this.#again = false;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#refresh();
    }, LIVE_COALESCE_MS);
  }

  /** Re-fetches in the background: no loading state, so nothing on screen collapses or loses focus. */
  async #refresh(): Promise<void> {
    if (this.#fetch) {
      // One re-fetch at a time; events during it lead to exactly one more afterwards.
      this.#again = true;
      return;
    }
    const client = this.#of.client();
    if (!client || !this.#of.showing()) return;
    const controller = new AbortController();
    this.#fetch = controller;
    try {
      const list = await client.cases.list({}, { signal: controller.signal });
      if (!controller.signal.aborted) this.#of.apply(list);
    } catch (error) {
      // Anything else keeps the list shown; the next event or reconnection tries again.
      if (!controller.signal.aborted && isAuthenticationFailure(error)) this.#of.reload();
    } finally {
      if (this.#fetch === controller) {
        this.#fetch = undefined;
        if (this.#again) {
          this.#again = false;
          this.#schedule();
        }
      }
    }
  }
}
