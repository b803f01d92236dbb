/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before (and outside) the typed schema */
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import { auditEvents } from './migrations/0001-audit-events.js';
import { aggregationCore } from './migrations/0002-aggregation-core.js';
import { auditShipping } from './migrations/0003-audit-shipping.js';
import { auditController } from './migrations/0004-audit-controller.js';
import { feedTables } from './migrations/0100-feed.js';
import { noticeTables } from './migrations/0200-notices.js';
import { myDataTables } from './migrations/0201-my-data.js';

/** Listed in code (not read from a folder) so that the order is explicit and bundling cannot lose one. */
const migrations: Record<string, Migration> = {
  '0001-audit-events': auditEvents,
  '0002-aggregation-core': aggregationCore,
  '0003-audit-shipping': auditShipping,
  '0004-audit-controller': auditController,
  '0100-feed': feedTables,
  '0200-notices': noticeTables,
  '0201-my-data': myDataTables,
};

/** Brings the schema to the latest version; safe to call on every start (the migrator takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Unordered: features add migrations in their own number ranges (0001.., 0100..), so a database that already
  // ran a higher number must still accept a lower one added later.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    ...(await postgresSchema(db)),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}

/**
 * On PostgreSQL, the schema the connection works in (its search_path). Kysely looks for its bookkeeping tables in
 * every schema unless told which one, so a second deployment (or test) in another schema of the same database
 * would find the first one's tables and then fail to use them.
 */
async function postgresSchema(db: Kysely<any>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ? { migrationTableSchema: rows[0].schema } : {};
}
