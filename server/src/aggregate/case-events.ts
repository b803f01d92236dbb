/**
 * Live updates inside one server process: an event bus keyed by municipality and subject pseudonym (so an event
 * only ever reaches the open streams of the citizen it is about, on that municipality's pages: a Nivala permit is
 * not news on Kalajoki's site), with a short log per key for `Last-Event-ID` resumption.
 * Events carry a case id, its source and its unified status: nothing else. (Several server instances would put
 * Redis pub/sub behind the same interface.)
 */
import type { CaseStatus } from '../schemas/case.js';

export interface CaseChangedEvent {
  caseId: string;
  source: string;
  status: CaseStatus;
}

export interface LoggedEvent extends CaseChangedEvent {
  /** Monotonic across the process; starts at the start time in ms so ids keep growing across restarts. */
  id: number;
  at: number;
}

export type CaseEventListener = (event: LoggedEvent) => void;

/** Whose event it is, and on which municipality's pages: a citizen's events in one municipality. */
export interface EventAudience {
  municipalityId: string;
  subjectPseudonym: string;
}

const keyOf = (audience: EventAudience) => `${audience.municipalityId}\u0000${audience.subjectPseudonym}`;

const LOG_SIZE = 50;
const LOG_TTL_MS = 15 * 60_000;

export class CaseEventBus {
  #nextId: number;
  readonly #listeners = new Map<string, Set<CaseEventListener>>();
  readonly #logs = new Map<string, LoggedEvent[]>();
  readonly #beforeDelivery: Array<(audience: EventAudience, event: CaseChangedEvent) => void> = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#nextId = now();
  }

  /**
   * Runs `hook` for every event before any stream hears of it (the freshness window forgets the citizen's answer
   * from that source here, so a page that re-reads on the event gets the new data).
   */
  beforeDelivery(hook: (audience: EventAudience, event: CaseChangedEvent) => void): void {
    this.#beforeDelivery.push(hook);
  }

  publish(audience: EventAudience, event: CaseChangedEvent): LoggedEvent {
    for (const hook of this.#beforeDelivery) hook(audience, event);
    const key = keyOf(audience);
    const logged: LoggedEvent = { ...event, id: ++this.#nextId, at: this.#now() };
    const log = this.#prune(key);
    log.push(logged);
    if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
    this.#logs.set(key, log);
    for (const listener of this.#listeners.get(key) ?? []) listener(logged);
    return logged;
  }

  /** Events for this audience after `lastEventId` still in the log (oldest first). */
  since(audience: EventAudience, lastEventId: number): LoggedEvent[] {
    return this.#prune(keyOf(audience)).filter((e) => e.id > lastEventId);
  }

  subscribe(audience: EventAudience, listener: CaseEventListener): () => void {
    const key = keyOf(audience);
    const set = this.#listeners.get(key) ?? new Set();
    set.add(listener);
    this.#listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  subscriberCount(audience?: EventAudience): number {
    if (audience !== undefined) return this.#listeners.get(keyOf(audience))?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Drops logs nobody can resume any more (run periodically). */
  prune(): void {
    for (const key of [...this.#logs.keys()]) this.#prune(key);
  }

  #prune(key: string): LoggedEvent[] {
    const log = this.#logs.get(key) ?? [];
    const cutoff = this.#now() - LOG_TTL_MS;
    const kept = log.filter((e) => e.at >= cutoff);
    if (kept.length === 0) this.#logs.delete(key);
    else if (kept.length !== log.length) this.#logs.set(key, kept);
    return kept;
  }
}
