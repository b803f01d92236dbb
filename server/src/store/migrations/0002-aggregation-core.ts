import type { Kysely, Migration } from 'kysely';

/**
 * The aggregation core (issue 3): the per-citizen stale-if-error store (encrypted payloads, finite TTL), webhook
 * event ids for idempotency, and the last good copy of each municipality's PTV catalogue.
 */
export const aggregationCore: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('source_snapshots')
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject_pseudonym', 'varchar(64)', (c) => c.notNull())
      .addColumn('source_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('fetched_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('source_snapshots_pk', ['municipality_id', 'subject_pseudonym', 'source_id'])
      .execute();
    await db.schema.createIndex('source_snapshots_expiry').on('source_snapshots').column('expires_at').execute();

    await db.schema
      .createTable('webhook_events')
      .addColumn('source_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('event_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_events_pk', ['source_id', 'event_id'])
      .execute();
    await db.schema.createIndex('webhook_events_time').on('webhook_events').column('received_at').execute();

    await db.schema
      .createTable('ptv_catalogues')
      .addColumn('municipality_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('fetched_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('ptv_catalogues').ifExists().execute();
    await db.schema.dropTable('webhook_events').ifExists().execute();
    await db.schema.dropTable('source_snapshots').ifExists().execute();
  },
};
