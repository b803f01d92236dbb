import type { Db } from '../store/database.js';

/**
 * A lease in the database, so that one instance at a time runs a background job, on SQLite and PostgreSQL alike.
 * Taken when free or expired (or already ours), by one upsert whose WHERE decides: two instances racing for it
 * both run the statement, and the database lets exactly one of them change the row.
 */
export class JobLease {
  readonly #db: Db;
  readonly #job: string;
  readonly #holder: string;
  readonly #now: () => Date;

  constructor(db: Db, job: string, holder: string, now: () => Date) {
    this.#db = db;
    this.#job = job;
    this.#holder = holder;
    this.#now = now;
  }

  /** True when this holder now has the lease for `ttlMs` (taken or renewed). */
  async acquire(ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const result = await this.#db
      .insertInto('job_leases')
      .values({ job: this.#job, holder: this.#holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('job')
          .doUpdateSet({ holder: this.#holder, expires_at: expiresAt })
          .where((eb) =>
            eb.or([eb('job_leases.expires_at', '<=', now.toISOString()), eb('job_leases.holder', '=', this.#holder)]),
          ),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Gives the lease up (only if this holder has it), so another instance need not wait for its expiry. */
  async release(): Promise<void> {
    await this.#db.deleteFrom('job_leases').where('job', '=', this.#job).where('holder', '=', this.#holder).execute();
  }
}
