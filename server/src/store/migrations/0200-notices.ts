import type { Kysely, Migration } from 'kysely';

/**
 * Municipal notices (notices/notice-store.ts):
 * - `notices`: the current version of each notice, per municipality; texts and topics as JSON;
 * - `notice_changes`: one row per create, edit or end, naming the staff member who made it.
 */
export const noticeTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notices')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('severity', 'varchar(16)', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('visible_from', 'varchar(32)', (c) => c.notNull())
      .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('ends_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notices_municipality_end')
      .on('notices')
      .columns(['municipality_id', 'ends_at'])
      .execute();

    await db.schema
      .createTable('notice_changes')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('notice_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('action', 'varchar(16)', (c) => c.notNull())
      .addColumn('actor_iss', 'text', (c) => c.notNull())
      .addColumn('actor_sub', 'varchar(255)', (c) => c.notNull())
      .addColumn('actor_name', 'varchar(255)')
      .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
      /** The notice as it was after the change (JSON). */
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notice_changes_notice')
      .on('notice_changes')
      .columns(['notice_id', 'occurred_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('notice_changes').execute();
    await db.schema.dropTable('notices').execute();
  },
};
