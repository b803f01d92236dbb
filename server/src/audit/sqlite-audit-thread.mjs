// The worker thread of SqliteThreadAuditWriter (sqlite-audit-writer.ts): its own connection to the SQLite file,
// so that the fsync of each commit blocks this thread, not the server's event loop. Plain JavaScript because
// Node 20 does not pass the TypeScript loader (tsx) on to worker threads; the types live in the writer.
import { parentPort, workerData } from 'node:worker_threads';
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

parentPort.on('message', ({ id, rows }) => {
  try {
    insertAll(JSON.parse(rows));
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
