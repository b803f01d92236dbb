import type { Insertable } from 'kysely';
import type { AuditEventTable, Db } from '../store/database.js';

export type AuditRow = Insertable<AuditEventTable>;

/** Stores a batch of access-log rows in one transaction; resolves only once they are durable. */
export interface AuditWriter {
  write(rows: AuditRow[]): Promise<void>;
  /**
   * How many writes AuditLog may have in flight at once (default 1: it then gathers rows while one commits). A
   * writer that merges the writes queued behind a commit into the next one takes more, and gets rows sooner.
   */
  readonly concurrentWrites?: number;
  close(): Promise<void>;
}

/** Through the shared Kysely instance: PostgreSQL (asynchronous I/O already), and in-memory SQLite in tests. */
export class KyselyAuditWriter implements AuditWriter {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async write(rows: AuditRow[]): Promise<void> {
    await this.#db.insertInto('audit_events').values(rows).execute();
  }

  async close(): Promise<void> {}
}
