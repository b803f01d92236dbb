// The worker thread of SqliteThreadAuditWriter (sqlite-audit-writer.ts): its own connection to the SQLite file,
// so that the fsync of each commit blocks this thread, not the server's event loop. Plain JavaScript because
// Node 20 does not pass the TypeScript loader (tsx) on to worker threads; the types live in the writer.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

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
