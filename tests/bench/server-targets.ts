// The servers that `npm run bench:server` measures, in a process of their own, so that the load generator
// (autocannon, in the parent) does not share their event loop: a bare Fastify hello-world, the same hello-world
// storing and shipping one access-log row per request (what every read of personal data must do, 906/2019 §17),
// and the API twice, with the default per-citizen freshness window and without it. The API stores its audit log
// and snapshots in an SQLite file, as `npm start` does. Prints one JSON line with the URLs and the headers to
// send, then waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { StartedEmulators } from '../../server/emulators/app.js';
import { AuditLog } from '../../server/src/audit/audit-log.js';
import { AuditShipper, JsonLinesFileSink } from '../../server/src/audit/audit-shipper.js';
import { SqliteThreadAuditWriter } from '../../server/src/audit/sqlite-audit-writer.js';
import { openDatabase } from '../../server/src/store/database.js';
import { migrateToLatest } from '../../server/src/store/migrate.js';
import { buildTestApp, type TestApp } from '../../server/test/helpers/app.js';
import type { TestDatabase } from '../../server/test/helpers/database.js';
import { allSourcesNivala } from '../../server/test/helpers/sources.js';

export interface BenchTargets {
  helloUrl: string;
  /** Hello-world that first stores one access-log row, as the API does for each read (and ships it likewise). */
  helloLoggedUrl: string;
  /** The API with the default freshness window. */
  windowUrl: string;
  windowHeaders: Record<string, string>;
  /** The API with the window off: every read reaches every back end. */
  apiUrl: string;
  headers: Record<string, string>;
  /** The APIs ship their access log this often: a load's last rows are shipped within this time after it. */
  shipEveryMs: number;
}

/** How often these servers ship their access log (see below). */
const SHIP_EVERY_MS = 1_000;

const emulatorUrl = process.argv[2];
if (!emulatorUrl) throw new Error('usage: server-targets.ts <emulator url>');
const emulator = { url: emulatorUrl, close: async () => undefined } as unknown as StartedEmulators;
const dataDir = mkdtempSync(join(tmpdir(), 'ka-bench-'));

async function fileDatabase(name: string): Promise<TestDatabase & { sqliteFile: string | undefined }> {
  const { db, dialect, sqliteFile } = openDatabase({ sqliteFile: join(dataDir, `${name}.sqlite`) });
  await migrateToLatest(db);
  return { db, dialect, sqliteFile, drop: () => db.destroy() };
}

async function api(freshnessSeconds: number | 'default'): Promise<{ t: TestApp; url: string; headers: object }> {
  const database = await fileDatabase(`api-${freshnessSeconds}`);
  const t = await buildTestApp(
    // Limits out of reach (one citizen sends thousands of requests a second here); the limit checks still run.
    {
      logger: false,
      sqliteFile: database.sqliteFile,
      rateLimits: { perCitizenPerMinute: 1e12, perAddressPerMinute: 1e12 },
    },
    { nivala: allSourcesNivala(1500), emulator, freshnessSeconds, database },
  );
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // A Bearer token (not DPoP-bound): a DPoP proof per request would measure the load generator's signing.
  // Each test app has its own identity provider: a token from one is a 401 at the other.
  const headers = { authorization: `Bearer ${await t.idp.accessToken(t.hetu.maija)}` };
  return { t, url, headers };
}

const windowed = await api('default');
const plain = await api(0);
const hello = Fastify({ logger: false });
hello.get('/', async () => ({ hello: 'world' }));
const helloUrl = await hello.listen({ port: 0, host: '127.0.0.1' });

// The same, with the access-log row a read of personal data needs: the API's own AuditLog, writer and shipper.
const logDatabase = await fileDatabase('hello-logged');
const logWriter = new SqliteThreadAuditWriter(logDatabase.sqliteFile!);
const accessLog = new AuditLog(logWriter, new Uint8Array(32), () => new Date());
const logShipper = new AuditShipper({
  db: logDatabase.db,
  sink: new JsonLinesFileSink(join(dataDir, 'hello-logged.jsonl')),
  now: () => new Date(),
});
const helloLogged = Fastify({ logger: false });
helloLogged.get('/', async (request) => {
  await accessLog.recordRead({
    requestId: request.id,
    actor: { iss: 'http://127.0.0.1/idp', sub: 'bench-citizen', clientId: 'bench' },
    municipalityId: 'nivala',
    controller: 'nivala',
    identityCode: '010280-952L',
    dataCategory: 'cases',
    sources: ['lupapiste', 'evaka', 'generic', 'population'],
    objectRefs: ['lupapiste:LP-535-2024-00012', 'evaka:application-1', 'generic:HC-1'],
    purpose: 'citizen_own_data',
    outcome: 'disclosed',
  });
  return { hello: 'world' };
});
const helloLoggedUrl = await helloLogged.listen({ port: 0, host: '127.0.0.1' });

// The access log is shipped while the load runs, as it is under sustained load in production (there every 10 s,
// rows older than 5 s): every second, everything stored so far. With the default timer alone, a round's rows were
// shipped during the next round, and that work was counted against the hello-world beside it.
const shipping = setInterval(() => {
  for (const shipper of [windowed.t.app.auditShipper, plain.t.app.auditShipper, logShipper]) {
    shipper?.ship(0).catch((error: unknown) => process.stderr.write(`shipping failed: ${String(error)}\n`));
  }
}, SHIP_EVERY_MS);

const targets: BenchTargets = {
  helloUrl,
  helloLoggedUrl,
  windowUrl: windowed.url,
  windowHeaders: windowed.headers as Record<string, string>,
  apiUrl: plain.url,
  headers: plain.headers as Record<string, string>,
  shipEveryMs: SHIP_EVERY_MS,
};
process.stdout.write(`${JSON.stringify(targets)}\n`);

process.on('SIGTERM', () => {
  void (async () => {
    clearInterval(shipping);
    await hello.close();
    await helloLogged.close();
    await logWriter.close();
    await logDatabase.drop();
    await windowed.t.close();
    await plain.t.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
