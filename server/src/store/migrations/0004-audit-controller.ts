import type { Kysely, Migration } from 'kysely';

/**
 * The controller of the records each access-log row is about (the municipality id), next to the municipality whose
 * site was used: a row is reported to, and filed under, the municipality that controls the data. A new column
 * (the same statement on SQLite and PostgreSQL), nullable because the log is append-only: rows written before this
 * migration cannot be given a value, and keep the site's municipality as the only one they name.
 */
export const auditController: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_events').addColumn('controller', 'varchar(64)').execute();
    await db.schema
      .createIndex('audit_events_controller')
      .on('audit_events')
      .columns(['controller', 'occurred_at'])
      .execute();
  },
  async down() {
    // Deliberately none, as for the table itself (0001): the access log is not rewritten by a migration.
  },
};
