import { hash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../store/database.js';

/**
 * Ships the access log to a separate, append-only log store (security.md check 11: every entry within 60 s), so
 * that the log survives, and cannot be rewritten through, the application's own database.
 *
 * - Rows go in id order (uuid v7: time order), after a short settle time, so that a row still being committed
 *   when a later one is read is not skipped. A cursor per sink (`audit_shipping`) records the last row sent.
 * - Each line is the row as JSON with `prev`, the SHA-256 of the line before it (a hash chain): a line removed or
 *   changed in the store breaks the chain at that point (`verifyChain`).
 * - At least once: lines are stored in the sink before the cursor moves, so a crash in between sends them again
 *   (same `id`, a reader skips repeats). One shipper per database.
 */

/** Where shipped lines go: appended durably, never rewritten. */
export interface AuditSink {
  /** Names the destination; the cursor is kept per sink, so a new destination receives the whole log. */
  readonly id: string;
  /** Resolves once the lines are durably stored. */
  append(lines: readonly string[]): Promise<void>;
}

/**
 * A JSON Lines file, opened for appending and synced per batch. Put it on a volume of its own and let the log
 * agent (e.g. Fluent Bit) forward it to the municipality's log service.
 */
export class JsonLinesFileSink implements AuditSink {
  readonly id: string;
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
    this.id = `file:${this.path}`;
  }

  async append(lines: readonly string[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const file = await open(this.path, 'a', 0o600);
    try {
      await file.writeFile(lines.map((line) => `${line}\n`).join(''));
      await file.datasync();
    } finally {
      await file.close();
    }
  }
}

/** `prev` of the first line. */
export const CHAIN_START = '0'.repeat(64);
/** Rows younger than this are left for the next round: their commit may still be under way. */
export const DEFAULT_SETTLE_MS = 5_000;
/** Every 10 s plus the settle time: an entry reaches the store within 15 s, well inside the 60 s of check 11. */
export const DEFAULT_SHIP_INTERVAL_MS = 10_000;
const BATCH_SIZE = 1_000;

// One-shot: about half the cost of createHash().update().digest() for lines this short (every row is hashed once).
const sha256 = (text: string) => hash('sha256', text, 'hex');

export class AuditShipper {
  readonly #db: Db;
  readonly #sink: AuditSink;
  readonly #now: () => Date;
  readonly #log: FastifyBaseLogger | undefined;
  readonly #settleMs: number;
  #running: Promise<number> | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: { db: Db; sink: AuditSink; now: () => Date; log?: FastifyBaseLogger; settleMs?: number }) {
    this.#db = deps.db;
    this.#sink = deps.sink;
    this.#now = deps.now;
    this.#log = deps.log;
    this.#settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;
  }

  /** Ships every row older than `settleMs` not yet shipped; one round at a time. Resolves with the rows sent. */
  ship(settleMs = this.#settleMs): Promise<number> {
    this.#running ??= this.#shipAll(settleMs).finally(() => (this.#running = null));
    return this.#running;
  }

  start(intervalMs = DEFAULT_SHIP_INTERVAL_MS): void {
    this.#timer = setInterval(() => {
      this.ship().catch((error: unknown) =>
        // Nothing is lost: the rows stay in the database and the next round sends them.
        this.#log?.error({ event: 'audit_ship_failed', err: error }, 'shipping the access log failed'),
      );
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the rounds and, once every write has finished, ships what is left (nothing is still committing). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
    await this.ship(0);
  }

  async #shipAll(settleMs: number): Promise<number> {
    const cursor = await this.#db
      .selectFrom('audit_shipping')
      .select(['last_id', 'chain_head'])
      .where('sink_id', '=', this.#sink.id)
      .executeTakeFirst();
    let lastId = cursor?.last_id ?? '';
    let head = cursor?.chain_head ?? CHAIN_START;
    const settledBefore = new Date(this.#now().getTime() - settleMs).toISOString();
    let shipped = 0;
    for (;;) {
      const rows = await this.#db
        .selectFrom('audit_events')
        .selectAll()
        .where('id', '>', lastId)
        .where('occurred_at', '<=', settledBefore)
        .orderBy('id')
        .limit(BATCH_SIZE)
        .execute();
      if (rows.length === 0) break;
      const lines = rows.map((row) => {
        // The row as JSON with `prev` as its last member: the same text as JSON.stringify({ ...row, prev }),
        // without copying the row first.
        const line = `${JSON.stringify(row).slice(0, -1)},"prev":"${head}"}`;
        head = sha256(line);
        return line;
      });
      await this.#sink.append(lines);
      lastId = rows.at(-1)!.id;
      const position = { last_id: lastId, chain_head: head, shipped_at: this.#now().toISOString() };
      await this.#db
        .insertInto('audit_shipping')
        .values({ sink_id: this.#sink.id, ...position })
        .onConflict((oc) => oc.column('sink_id').doUpdateSet(position))
        .execute();
      shipped += rows.length;
      if (rows.length < BATCH_SIZE) break;
    }
    if (shipped > 0) this.#log?.debug({ event: 'audit_shipped', rows: shipped }, 'access log shipped');
    return shipped;
  }
}

/** Checks a shipped file's hash chain; returns the number of the first bad line (1-based), or null when intact. */
export function verifyChain(lines: readonly string[]): number | null {
  let prev = CHAIN_START;
  for (const [index, line] of lines.entries()) {
    let parsed: { prev?: unknown };
    try {
      parsed = JSON.parse(line) as { prev?: unknown };
    } catch {
      return index + 1;
    }
    if (parsed.prev !== prev) return index + 1;
    prev = sha256(line);
  }
  return null;
}
