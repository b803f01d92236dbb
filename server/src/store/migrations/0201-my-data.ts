import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The citizen's own data (issue 15):
 * - `audit_events.subject_role`: `self` when the row's subject is the one who asked, `guardian` when a guardian's
 *   request read it (the row is about a child); nullable, as rows written before stay as they are;
 * - `retention_horizons`: per append-only table, the time before which its rows may be purged. The append-only
 *   triggers are replaced by ones that still refuse every UPDATE, and a DELETE of any row at or after the horizon:
 *   only the retention purge (privacy/purge.ts) moves the horizon, and only to its configured age;
 * - `job_leases`: one instance at a time runs a background job (the purge), by a lease with an expiry.
 */
export const myDataTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_events').addColumn('subject_role', 'varchar(16)').execute();
    await db.schema
      .createTable('retention_horizons')
      .addColumn('table_name', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('cutoff', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_leases')
      .addColumn('job', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('holder', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    if (dialectOf(db) === 'postgres') {
      await sql`DROP TRIGGER audit_events_no_update_or_delete ON audit_events`.execute(db);
      await sql`DROP TRIGGER feed_consent_events_no_update_or_delete ON feed_consent_events`.execute(db);
      await sql`
        CREATE FUNCTION refuse_change_within_retention() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND OLD.occurred_at < COALESCE(
            (SELECT cutoff FROM retention_horizons WHERE table_name = TG_TABLE_NAME), '') THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END
        $$`.execute(db);
      for (const table of ['audit_events', 'feed_consent_events']) {
        await sql`
          CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
          FOR EACH ROW EXECUTE FUNCTION refuse_change_within_retention()`.execute(db);
      }
    } else {
      for (const table of ['audit_events', 'feed_consent_events']) {
        await sql`DROP TRIGGER ${sql.raw(`${table}_no_delete`)}`.execute(db);
        await sql`
          CREATE TRIGGER ${sql.raw(`${table}_no_delete_within_retention`)} BEFORE DELETE ON ${sql.table(table)}
          WHEN old.occurred_at >= COALESCE(
            (SELECT cutoff FROM retention_horizons WHERE table_name = ${sql.lit(table)}), '')
          BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
      }
    }
  },
  async down() {
    // None: the access log and consent history are not rewritten by a migration.
  },
};
