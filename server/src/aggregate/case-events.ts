/**
 * Live updates inside one server process: an event bus keyed by subject pseudonym (so an event only ever reaches
 * the open streams of the citizen it is about), with a short per-citizen log for `Last-Event-ID` resumption.
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

const LOG_SIZE = 50;
const LOG_TTL_MS = 15 * 60_000;

export class CaseEventBus {
  #nextId: number;
  readonly #listeners = new Map<string, Set<CaseEventListener>>();
  readonly #logs = new Map<string, LoggedEvent[]>();
  readonly #beforeDelivery: Array<(subjectPseudonym: string, event: CaseChangedEvent) => void> = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#nextId = now();
  }

  /**
   * Runs `hook` for every event before any stream hears of it (the freshness window forgets the citizen's answer
   * from that source here, so a page that re-reads on the event gets the new data).
   */
  beforeDelivery(hook: (subjectPseudonym: string, event: CaseChangedEvent) => void): void {
    this.#beforeDelivery.push(hook);
  }

  publish(subjectPseudonym: string, event: CaseChangedEvent): LoggedEvent {
    for (const hook of this.#beforeDelivery) hook(subjectPseudonym, event);
    const logged: LoggedEvent = { ...event, id: ++this.#nextId, at: this.#now() };
    const log = this.#prune(subjectPseudonym);
    log.push(logged);
    if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
    this.#logs.set(subjectPseudonym, log);
    for (const listener of this.#listeners.get(subjectPseudonym) ?? []) listener(logged);
    return logged;
  }

  /** Events of this citizen after `lastEventId` still in the log (oldest first). */
  since(subjectPseudonym: string, lastEventId: number): LoggedEvent[] {
    return this.#prune(subjectPseudonym).filter((e) => e.id > lastEventId);
  }

  subscribe(subjectPseudonym: string, listener: CaseEventListener): () => void {
    const set = this.#listeners.get(subjectPseudonym) ?? new Set();
    set.add(listener);
    this.#listeners.set(subjectPseudonym, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(subjectPseudonym);
    };
  }

  subscriberCount(subjectPseudonym?: string): number {
    if (subjectPseudonym !== undefined) return this.#listeners.get(subjectPseudonym)?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Drops logs nobody can resume any more (run periodically). */
  prune(): void {
    for (const key of [...this.#logs.keys()]) this.#prune(key);
  }

  #prune(subjectPseudonym: string): LoggedEvent[] {
    const log = this.#logs.get(subjectPseudonym) ?? [];
    const cutoff = this.#now() - LOG_TTL_MS;
    const kept = log.filter((e) => e.at >= cutoff);
    if (kept.length === 0) this.#logs.delete(subjectPseudonym);
    else if (kept.length !== log.length) this.#logs.set(subjectPseudonym, kept);
    return kept;
  }
}
