// The worker thread of SqliteThreadAuditWriter (sqlite-audit-writer.ts): its own connection to the SQLite file,
// so that the fsync of each commit blocks this thread, not the server's event loop. Plain JavaScript because
// Node 20 does not pass the TypeScript loader (tsx) on to worker threads; the types live in the writer.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import SQLite from 'better-sqlite3';

/**
 * The server's thread answers every request; this one only commits rows. At equal priority, each message that
 * woke this thread took the server's core from it in mid-request (on 2 cores under load, one postMessage took
 * 53 µs of the server's thread instead of 5, and the warm read path lost about 8 % of its throughput). Niceness 10 lets the server's thread finish its turn first; this thread still
 * runs whenever that one waits. Linux only: /proc/thread-self names this thread, and a thread id given to
 * setpriority changes that thread alone. Elsewhere the thread keeps the process's priority.
 */
const WRITER_NICENESS = 10;
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, WRITER_NICENESS);
} catch {
  // Not Linux, or no /proc: nothing to do.
}

/** @type {{ file: string, columns: string[] }} */
const { file, columns } = workerData;
const db = new SQLite(file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
// The server's own connection writes other tables; wait for it rather than fail.
db.pragma('busy_timeout = 5000');

const insert = db.prepare(
  `INSERT INTO audit_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
);
/** Each row is an array of values in the order of `columns`. */
const insertAll = db.transaction((rows) => {
  for (const row of rows) insert.run(row);
});

parentPort.on('message', (first) => {
  // Group commit: the writes that queued while the last commit ran all go into this one.
  const requests = [first];
  for (let next = receiveMessageOnPort(parentPort); next !== undefined; next = receiveMessageOnPort(parentPort)) {
    requests.push(next.message);
  }
  try {
    insertAll(requests.flatMap((request) => JSON.parse(request.rows)));
    parentPort.postMessage({ ids: requests.map((request) => request.id), ok: true });
  } catch {
    // One write's failure must not fail the others': each on its own (AuditLog then isolates the failing row).
    for (const { id, rows } of requests) {
      try {
        insertAll(JSON.parse(rows));
        parentPort.postMessage({ ids: [id], ok: true });
      } catch (error) {
        parentPort.postMessage({
          ids: [id],
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
});
