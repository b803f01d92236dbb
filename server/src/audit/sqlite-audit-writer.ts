import { Worker } from 'node:worker_threads';
import type { AuditRow, AuditWriter } from './audit-writer.js';

const THREAD_MODULE = new URL('./sqlite-audit-thread.mjs', import.meta.url);

/** Every column, in the thread's INSERT; `satisfies` keeps the list in step with the table's type. */
const COLUMNS = [
  'id',
  'occurred_at',
  'request_id',
  'actor_iss',
  'actor_sub',
  'client_id',
  'municipality_id',
  'controller',
  'subject_pseudonym',
  'data_category',
  'sources',
  'object_refs',
  'purpose',
  'outcome',
  'subject_role',
] as const satisfies ReadonlyArray<keyof AuditRow>;
type MissingColumn = Exclude<keyof AuditRow, (typeof COLUMNS)[number]>;
const everyColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
void everyColumn;

interface WriteRequest {
  id: number;
  /**
   * JSON of the rows, each an array of its values in the order of COLUMNS: one string is cheaper to pass to the
   * thread than a structured clone of many objects, and positional parameters are cheaper to bind than named ones.
   */
  rows: string;
}
/** One answer for all the writes the thread merged into one commit, or one per write that failed on its own. */
type WriteAnswer = { ids: number[]; ok: true } | { ids: number[]; ok: false; message: string };

/**
 * Writes sent while the thread is committing wait in its queue, and the thread takes all of them into its next
 * commit (sqlite-audit-thread.mjs): the group commit happens there, so rows are sent as soon as they exist.
 */
const CONCURRENT_WRITES = 64;

/**
 * Writes access-log rows to an SQLite file from a worker thread. better-sqlite3 is synchronous: on the server's
 * thread every commit's fsync would stop all requests for its duration. A thread that dies is replaced on the
 * next write; the writes it had not confirmed fail (and their requests send nothing).
 */
export class SqliteThreadAuditWriter implements AuditWriter {
  readonly concurrentWrites = CONCURRENT_WRITES;
  readonly #file: string;
  readonly #waiting = new Map<number, { worker: Worker; stored: () => void; failed: (error: Error) => void }>();
  #worker: Worker | null = null;
  #nextId = 0;

  constructor(file: string) {
    this.#file = file;
  }

  write(rows: AuditRow[]): Promise<void> {
    const id = (this.#nextId += 1);
    const worker = this.#thread();
    return new Promise((stored, failed) => {
      // Only a thread with writes in flight keeps the process alive (an idle one must not block its exit).
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(id, { worker, stored, failed });
      const values = rows.map((row) => COLUMNS.map((column) => row[column]));
      worker.postMessage({ id, rows: JSON.stringify(values) } satisfies WriteRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    await worker.terminate();
    this.#failAll(worker, new Error('audit writer closed'));
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(THREAD_MODULE, { workerData: { file: this.#file, columns: COLUMNS } });
    worker.on('message', (answer: WriteAnswer) => {
      for (const id of answer.ids) {
        const waiting = this.#waiting.get(id);
        this.#waiting.delete(id);
        if (answer.ok) waiting?.stored();
        else waiting?.failed(new Error(`audit write failed: ${answer.message}`));
      }
      if (this.#waiting.size === 0) worker.unref();
    });
    const lost = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      this.#failAll(worker, error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`audit writer thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Fails the writes that `worker` had not confirmed (not those of a thread that replaced it). */
  #failAll(worker: Worker, error: Error): void {
    for (const [id, waiting] of this.#waiting) {
      if (waiting.worker !== worker) continue;
      this.#waiting.delete(id);
      waiting.failed(error);
    }
  }
}
