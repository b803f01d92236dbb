import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../store/database.js';
import { JobLease } from './job-lease.js';
import { cutoffOf, type RetentionPolicy } from './retention.js';

export const PURGE_JOB = 'retention_purge';

/** What one purge removed, by kind (the same kinds as `DELETE /v1/me/data/{kind}` and docs/privacy.md). */
export interface PurgeCounts {
  access_log: number;
  consent_history: number;
  saved_copies: number;
  dismissals: number;
}

export interface PurgeDeps {
  db: Db;
  audit: AuditLog;
  policy: RetentionPolicy;
  now: () => Date;
  /** This instance, as the lease's holder. */
  holder: string;
  /** Deletes the expired saved copies of back-end answers (aggregate/stale-store.ts). */
  purgeSavedCopies: () => Promise<number>;
}

/**
 * Removes what is past its retention period, one instance at a time (a lease in the database), and writes its own
 * access-log row with the counts. The append-only tables refuse the deletion of any row newer than their horizon
 * (migration 0200); the purge moves the horizon to the retention cutoff first, and never further.
 */
export class RetentionPurge {
  readonly #deps: PurgeDeps;
  readonly #lease: JobLease;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(deps: PurgeDeps) {
    this.#deps = deps;
    this.#lease = new JobLease(deps.db, PURGE_JOB, deps.holder, deps.now);
  }

  /** One run; null when another instance holds the lease. */
  async run(): Promise<PurgeCounts | null> {
    // Long enough for a slow run, short enough that a crashed holder does not stop the purge for long.
    if (!(await this.#lease.acquire(Math.max(this.#deps.policy.purgeIntervalMs, 60_000)))) return null;
    try {
      const counts = await this.#purge();
      await this.#deps.audit.recordJob({ requestId: randomUUID(), name: PURGE_JOB, counts: { ...counts } });
      return counts;
    } finally {
      await this.#lease.release();
    }
  }

  start(log: FastifyBaseLogger): void {
    const tick = () => {
      if (this.#running) return;
      this.#running = this.run()
        .catch((error: unknown) => log.error({ event: 'retention_purge_failed', err: error }))
        .finally(() => (this.#running = null));
    };
    this.#timer = setInterval(tick, this.#deps.policy.purgeIntervalMs);
    this.#timer.unref();
    setImmediate(tick);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #purge(): Promise<PurgeCounts> {
    const { db, policy, now } = this.#deps;
    const at = now();
    const accessLogCutoff = cutoffOf(at, policy.accessLogDays);
    const consentCutoff = cutoffOf(at, policy.consentHistoryDays);
    const dismissalCutoff = cutoffOf(at, policy.dismissalDays);

    const access_log = await db.transaction().execute(async (trx) => {
      await setHorizon(trx, 'audit_events', accessLogCutoff);
      // Never a row the separate log store has not received yet: the log must survive somewhere.
      const shipped = await trx
        .selectFrom('audit_shipping')
        .select((eb) => eb.fn.min('last_id').as('last_id'))
        .executeTakeFirst();
      let query = trx.deleteFrom('audit_events').where('occurred_at', '<', accessLogCutoff);
      if (shipped?.last_id) query = query.where('id', '<=', shipped.last_id);
      return Number((await query.executeTakeFirst()).numDeletedRows);
    });

    const consent_history = await db.transaction().execute(async (trx) => {
      await setHorizon(trx, 'feed_consent_events', consentCutoff);
      // Only histories that ended in a withdrawal longer ago than the period; a consent in force keeps all of its.
      const ended = await trx
        .selectFrom('feed_consents')
        .select(['subject_pseudonym', 'municipality_id'])
        .where('granted', '=', 0)
        .where('updated_at', '<', consentCutoff)
        .execute();
      let deleted = 0;
      for (const { subject_pseudonym, municipality_id } of ended) {
        const events = await trx
          .deleteFrom('feed_consent_events')
          .where('subject_pseudonym', '=', subject_pseudonym)
          .where('municipality_id', '=', municipality_id)
          .where('occurred_at', '<', consentCutoff)
          .executeTakeFirst();
        deleted += Number(events.numDeletedRows);
        await trx
          .deleteFrom('feed_consents')
          .where('subject_pseudonym', '=', subject_pseudonym)
          .where('municipality_id', '=', municipality_id)
          .execute();
      }
      return deleted;
    });

    const dismissals = Number(
      (await db.deleteFrom('feed_dismissals').where('dismissed_at', '<', dismissalCutoff).executeTakeFirst())
        .numDeletedRows,
    );
    const saved_copies = await this.#deps.purgeSavedCopies();
    return { access_log, consent_history, saved_copies, dismissals };
  }
}

async function setHorizon(db: Pick<Db, 'insertInto'>, table: string, cutoff: string): Promise<void> {
  await db
    .insertInto('retention_horizons')
    .values({ table_name: table, cutoff })
    .onConflict((oc) => oc.column('table_name').doUpdateSet({ cutoff }))
    .execute();
}
