import { uuidV7 } from '../lib/uuid-v7.js';
import type { AuditRow, AuditWriter } from './audit-writer.js';
import { subjectPseudonym } from './pseudonym.js';

/** Why personal data was read; one value per use case so the log can be reported by purpose. */
export type AuditPurpose =
  | 'citizen_own_data'
  | 'proactive_feed'
  /** Background polls for the citizen's open live-update stream (aggregate/case-poller.ts). */
  | 'live_updates'
  /** The citizen's rights of access and portability (GDPR arts. 15 and 20): their access log and data. */
  | 'data_subject_rights'
  /** Deleting what is past its retention period (privacy/purge.ts). */
  | 'retention';

export interface PersonalDataReadBase {
  requestId: string;
  actor: { iss: string; sub: string; clientId: string };
  /** The municipality whose site the request came through (the tenant of the token). */
  municipalityId: string;
  /**
   * The municipality that controls the records read (id): the one whose configuration and credentials read
   * them from its back ends. A read that shows the records of several controllers is one row per controller.
   */
  controller: string;
  /** `guardian`: the subject is a child, read at their guardian's request. Default `self`. */
  subjectRole?: 'self' | 'guardian';
  dataCategory: string;
  sources: string[];
  objectRefs: string[];
  purpose: AuditPurpose;
  /** `used`: read to act on the citizen's request (e.g. to check a dismissal), nothing sent back. */
  outcome: 'disclosed' | 'disclosed_partial' | 'used' | 'deleted';
}

/**
 * The data subject: their identity code (only its pseudonym is stored), or the pseudonym itself when the subject
 * is a child known to us only by it (LifeSituationChild.subjectPseudonym).
 */
export type PersonalDataRead = PersonalDataReadBase & ({ identityCode: string } | { subjectPseudonym: string });

/** Most rows in one commit (and, through Kysely, in one INSERT: 14 columns each stay far below SQLite's limit). */
const MAX_ROWS_PER_COMMIT = 500;
/**
 * Under load, a new commit through a one-at-a-time writer waits this long for more rows (PostgreSQL's
 * commit_delay, for the same reason): fewer, larger commits cost less than many of one or two rows. "Under load"
 * is a commit that ended less than BUSY_WITHIN_MS ago; a read on a quiet server is written at once. A writer that
 * merges queued writes itself (AuditWriter.concurrentWrites > 1) gets each turn's rows at once instead.
 */
const COMMIT_DELAY_MS = 1;
const BUSY_WITHIN_MS = 5;

interface PendingRow {
  row: AuditRow;
  stored: () => void;
  failed: (error: unknown) => void;
}

/**
 * The append-only access log (906/2019 §17). One row per successful read of personal data.
 *
 * Group commit: the rows of reads that arrive while a commit is being written wait, then all go in the next one,
 * so one transaction (one fsync of the SQLite WAL, one PostgreSQL round trip) serves many reads under load. Each
 * caller's promise still resolves only once its own row is stored, so no data is ever sent before its read is
 * logged.
 */
export class AuditLog {
  readonly #writer: AuditWriter;
  readonly #pseudonymKey: Uint8Array;
  readonly #now: () => Date;
  readonly #concurrentWrites: number;
  #pending: PendingRow[] = [];
  #flushScheduled = false;
  #inFlight = 0;
  /** performance.now() when the last commit ended. */
  #lastCommitEnd = -Infinity;

  constructor(writer: AuditWriter, pseudonymKey: Uint8Array, now: () => Date) {
    this.#writer = writer;
    this.#pseudonymKey = pseudonymKey;
    this.#now = now;
    this.#concurrentWrites = writer.concurrentWrites ?? 1;
  }

  /** Resolves only once the row is stored; callers send the data after this and not otherwise. */
  recordRead(event: PersonalDataRead): Promise<void> {
    const at = this.#now();
    const row: AuditRow = {
      // Time-ordered: the log only ever grows at its end, and so do its indexes.
      id: uuidV7(at.getTime()),
      occurred_at: at.toISOString(),
      request_id: event.requestId,
      actor_iss: event.actor.iss,
      actor_sub: event.actor.sub,
      client_id: event.actor.clientId,
      municipality_id: event.municipalityId,
      controller: event.controller,
      subject_pseudonym:
        'subjectPseudonym' in event ? event.subjectPseudonym : subjectPseudonym(this.#pseudonymKey, event.identityCode),
      data_category: event.dataCategory,
      sources: JSON.stringify(event.sources),
      object_refs: JSON.stringify(event.objectRefs),
      purpose: event.purpose,
      outcome: event.outcome,
      subject_role: event.subjectRole ?? 'self',
    };
    return this.#append(row);
  }

  /**
   * A background job's own row (the retention purge): no data subject, no citizen actor. `counts` are what the job
   * did, e.g. `access_log:12`; the row names the server as its actor.
   */
  recordJob(job: { requestId: string; name: string; counts: Record<string, number> }): Promise<void> {
    const at = this.#now();
    return this.#append({
      id: uuidV7(at.getTime()),
      occurred_at: at.toISOString(),
      request_id: job.requestId,
      actor_iss: 'kunta-akkuna',
      actor_sub: `job:${job.name}`,
      client_id: 'kunta-akkuna-server',
      municipality_id: '*',
      controller: '*',
      subject_pseudonym: '-',
      data_category: job.name,
      sources: '[]',
      object_refs: JSON.stringify(Object.entries(job.counts).map(([kind, count]) => `${kind}:${count}`)),
      purpose: 'retention',
      outcome: 'deleted',
      subject_role: null,
    });
  }

  #append(row: AuditRow): Promise<void> {
    return new Promise((stored, failed) => {
      this.#pending.push({ row, stored, failed });
      this.#scheduleFlush();
    });
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#pending.length === 0 || this.#inFlight >= this.#concurrentWrites) return;
    this.#flushScheduled = true;
    // Never a microtask: at least the other requests whose data arrived in this turn join the same commit.
    const busy = performance.now() - this.#lastCommitEnd < BUSY_WITHIN_MS;
    if (busy && this.#concurrentWrites === 1) setTimeout(() => this.#flush(), COMMIT_DELAY_MS);
    else setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#flushScheduled = false;
    while (this.#pending.length > 0 && this.#inFlight < this.#concurrentWrites) {
      const batch = this.#pending.splice(0, MAX_ROWS_PER_COMMIT);
      this.#inFlight += 1;
      void this.#write(batch).finally(() => {
        this.#inFlight -= 1;
        this.#lastCommitEnd = performance.now();
        this.#scheduleFlush();
      });
    }
  }

  async #write(batch: PendingRow[]): Promise<void> {
    try {
      await this.#writer.write(batch.map((pending) => pending.row));
      for (const pending of batch) pending.stored();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.failed(error);
        return;
      }
      // One row's failure must not fail the others': write them one at a time to find out which.
      for (const pending of batch) await this.#write([pending]);
    }
  }
}
