/**
 * The municipality's notices, polled once per client however many widgets show them, and kept in the browser.
 *
 * Live: every POLL_MS while a widget watches and the page is visible. The API answers with an ETag and a one-second
 * max-age, so the browser's HTTP cache revalidates and most polls are a body-less 304. (Polling rather than an event
 * stream: a signed-out page holds no connection, a CDN can answer, and the same request gives the offline copy.)
 *
 * Offline: the last list seen is kept in localStorage (public data only: what every visitor of the page sees) and
 * shown, with its time, when the API does not answer; a reload with the API down still shows it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KuntaClient, Notice } from '@kunta-akkuna/sdk';

export const POLL_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
const STORAGE_PREFIX = 'kunta-akkuna:notices:v1:';

export interface NoticeSnapshot {
  /** `loading`: nothing yet; `live`: the API's answer; `saved`: the API did not answer, the kept copy is shown. */
  state: 'loading' | 'live' | 'saved' | 'failed';
  items: readonly Notice[];
  /** When the shown list came from the API (ms since the epoch). */
  fetchedAt: number | null;
}

type Listener = (snapshot: NoticeSnapshot) => void;

interface Saved {
  items: Notice[];
  fetchedAt: number;
}

function storageKey(client: KuntaClient): string {
  return `${STORAGE_PREFIX}${client.baseUrl}|${client.municipalityId}`;
}

function readSaved(client: KuntaClient): Saved | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(client));
    if (!raw) return null;
    const saved = JSON.parse(raw) as Saved;
    return Array.isArray(saved.items) && typeof saved.fetchedAt === 'number' ? saved : null;
  } catch {
    return null; // storage blocked or a damaged entry: as if none
  }
}

function writeSaved(client: KuntaClient, saved: Saved): void {
  try {
    globalThis.localStorage?.setItem(storageKey(client), JSON.stringify(saved));
  } catch {
    // Storage full or blocked: the live list still shows; only the offline copy is missing.
  }
}

/** What is in force or announced ahead now (a saved copy may hold notices that have since ended). */
export function currentNotices(items: readonly Notice[], now = Date.now()): Notice[] {
  return items.filter((n) => Date.parse(n.endsAt) > now && Date.parse(n.visibleFrom) <= now);
}

/** The notices about any of `topics` (a source id, a life event and its top level, a word such as `water`). */
export function noticesAbout(items: readonly Notice[], topics: Iterable<string>): Notice[] {
  const wanted = new Set<string>();
  for (const topic of topics) {
    wanted.add(topic);
    const top = /^(KE\d+)\./.exec(topic)?.[1];
    if (top) wanted.add(top);
  }
  return items.filter((n) => n.topics.some((topic) => wanted.has(topic)));
}

class NoticeFeed {
  #snapshot: NoticeSnapshot;
  readonly #listeners = new Set<Listener>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: AbortController | undefined;
  #onVisible = () => {
    if (document.visibilityState === 'visible') this.#poll();
  };

  constructor(private readonly client: KuntaClient) {
    const saved = readSaved(client);
    // A saved copy shows at once (as "saved") until the API answers: no empty flash, and it is right when offline.
    this.#snapshot = saved
      ? { state: 'saved', items: saved.items, fetchedAt: saved.fetchedAt }
      : { state: 'loading', items: [], fetchedAt: null };
  }

  get snapshot(): NoticeSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      document.addEventListener('visibilitychange', this.#onVisible);
      this.#poll();
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      document.removeEventListener('visibilitychange', this.#onVisible);
      clearTimeout(this.#timer);
      this.#inFlight?.abort();
      this.#inFlight = undefined;
    };
  }

  /** Asks now (tests, and a widget's retry). */
  refresh(): void {
    this.#poll();
  }

  #poll(): void {
    clearTimeout(this.#timer);
    if (this.#listeners.size === 0 || this.#inFlight) return;
    if (document.visibilityState === 'hidden') return; // asked again when the page is shown
    const controller = new AbortController();
    this.#inFlight = controller;
    const list = this.client.notices?.list({ signal: controller.signal, timeout: REQUEST_TIMEOUT_MS });
    Promise.resolve(list)
      .then((answer) => {
        if (!answer) throw new Error('no notices resource');
        const fetchedAt = Date.now();
        writeSaved(this.client, { items: answer.items, fetchedAt });
        this.#set({ state: 'live', items: answer.items, fetchedAt });
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        const known = this.#snapshot.fetchedAt !== null ? this.#snapshot : null;
        const saved = known ?? readSaved(this.client);
        this.#set(
          saved
            ? { state: 'saved', items: saved.items, fetchedAt: saved.fetchedAt }
            : { state: 'failed', items: [], fetchedAt: null },
        );
      })
      .finally(() => {
        if (this.#inFlight === controller) this.#inFlight = undefined;
        if (this.#listeners.size > 0) this.#timer = setTimeout(() => this.#poll(), POLL_MS);
      });
  }

  #set(snapshot: NoticeSnapshot): void {
    const changed =
      snapshot.state !== this.#snapshot.state ||
      JSON.stringify(snapshot.items) !== JSON.stringify(this.#snapshot.items);
    this.#snapshot = snapshot;
    // A poll that changed nothing (a 304 from the cache) re-renders no widget.
    if (changed) for (const listener of [...this.#listeners]) listener(snapshot);
  }
}

const feeds = new WeakMap<KuntaClient, NoticeFeed>();

export function noticeFeed(client: KuntaClient): NoticeFeed {
  let feed = feeds.get(client);
  if (!feed) {
    feed = new NoticeFeed(client);
    feeds.set(client, feed);
  }
  return feed;
}

/** A widget's view of its client's notices: re-renders the host when they change. */
export class NoticeWatchController implements ReactiveController {
  #client: KuntaClient | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clientOf: () => KuntaClient | undefined,
    private readonly onChange: (snapshot: NoticeSnapshot) => void = () => undefined,
  ) {
    host.addController(this);
  }

  get snapshot(): NoticeSnapshot {
    return this.#client ? noticeFeed(this.#client).snapshot : { state: 'failed', items: [], fetchedAt: null };
  }

  refresh(): void {
    if (this.#client) noticeFeed(this.#client).refresh();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow(this.clientOf());
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = undefined;
  }

  hostUpdate(): void {
    if (this.#connected) this.#follow(this.clientOf());
  }

  #follow(client: KuntaClient | undefined): void {
    if (client === this.#client && this.#unsubscribe) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = client;
    if (!client) return;
    this.#unsubscribe = noticeFeed(client).subscribe((snapshot) => {
      this.onChange(snapshot);
      this.host.requestUpdate();
    });
    this.onChange(noticeFeed(client).snapshot);
  }
}
