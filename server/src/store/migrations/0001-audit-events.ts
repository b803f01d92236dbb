import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The access log required by the Act on Information Management in Public Administration (906/2019) §17.
 * Append-only: both dialects get triggers that refuse UPDATE and DELETE (and TRUNCATE in PostgreSQL),
 * so not even a bug in our own code can rewrite history.
 */
export const auditEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('actor_iss', 'text', (c) => c.notNull())
      .addColumn('actor_sub', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject_pseudonym', 'varchar(64)', (c) => c.notNull())
      .addColumn('data_category', 'varchar(64)', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('object_refs', 'text', (c) => c.notNull())
      .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
      .addColumn('outcome', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_subject')
      .on('audit_events')
      .columns(['subject_pseudonym', 'occurred_at'])
      .execute();
    await db.schema.createIndex('audit_events_time').on('audit_events').column('occurred_at').execute();

    if (dialectOf(db) === 'postgres') {
      await sql`
        CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only';
        END
        $$`.execute(db);
      await sql`
        CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`.execute(db);
      await sql`
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`.execute(db);
    } else {
      await sql`
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
      await sql`
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    }
  },
  async down() {
    // Deliberately none: dropping the access log is an operator decision, not a migration.
  },
};
