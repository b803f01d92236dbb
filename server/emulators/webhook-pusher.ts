/**
 * How an emulated back end pushes changes to the aggregation server: `POST <url>` with a JSON body and
 * `X-Kunta-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (docs/contracts.md "Webhooks").
 * One retry after a second on failure, like a real sender's retry queue in miniature. The body is never logged.
 */
import { randomUUID } from 'node:crypto';
import { signWebhook } from '../src/lib/webhook-signature.js';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookDelivery {
  eventId: string;
  status: number | 'failed';
}

export class WebhookPusher {
  readonly #target: WebhookTarget | undefined;
  readonly #now: () => number;
  readonly #pending = new Set<Promise<void>>();
  readonly deliveries: WebhookDelivery[] = [];

  constructor(target: WebhookTarget | undefined, now: () => number) {
    this.#target = target;
    this.#now = now;
  }

  get enabled(): boolean {
    return this.#target !== undefined;
  }

  /** Sends `{ eventId, ...event }` in the background; returns the event id. */
  push(event: Record<string, unknown>): string | null {
    if (!this.#target) return null;
    const eventId = randomUUID();
    const body = JSON.stringify({ eventId, ...event });
    const delivery = this.#deliver(this.#target, eventId, body).finally(() => this.#pending.delete(delivery));
    this.#pending.add(delivery);
    return eventId;
  }

  /** Resolves when every delivery started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #deliver(target: WebhookTarget, eventId: string, body: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-kunta-signature': signWebhook(target.secret, body, Math.floor(this.#now() / 1000)),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(3000),
        });
        await response.body?.cancel();
        this.deliveries.push({ eventId, status: response.status });
        if (response.status < 500) return;
      } catch {
        if (attempt === 1) this.deliveries.push({ eventId, status: 'failed' });
      }
    }
  }
}
