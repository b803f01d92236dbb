import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The proactive feed's own state, keyed by the subject pseudonym (never the identity code):
 * - `feed_consent_events`: every grant and withdrawal with its time and consent-text version; append-only
 *   (triggers refuse UPDATE and DELETE), so the history cannot be rewritten;
 * - `feed_consents`: the current state per citizen and municipality (each municipality is its own controller);
 * - `feed_dismissals`: items the citizen dismissed, so they do not come back.
 */
export const feedTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('feed_consent_events')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('subject_pseudonym', 'varchar(64)', (c) => c.notNull())
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('action', 'varchar(16)', (c) => c.notNull())
      .addColumn('text_version', 'varchar(32)')
      .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('feed_consent_events_subject')
      .on('feed_consent_events')
      .columns(['subject_pseudonym', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('feed_consents')
      .addColumn('subject_pseudonym', 'varchar(64)', (c) => c.notNull())
      .addColumn('municipality_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('granted', 'integer', (c) => c.notNull())
      .addColumn('text_version', 'varchar(32)')
      .addColumn('granted_at', 'varchar(32)')
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('feed_consents_pk', ['subject_pseudonym', 'municipality_id'])
      .execute();

    await db.schema
      .createTable('feed_dismissals')
      .addColumn('subject_pseudonym', 'varchar(64)', (c) => c.notNull())
      .addColumn('item_id', 'varchar(256)', (c) => c.notNull())
      .addColumn('dismissed_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('feed_dismissals_pk', ['subject_pseudonym', 'item_id'])
      .execute();

    if (dialectOf(db) === 'postgres') {
      await sql`
        CREATE FUNCTION feed_consent_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'feed_consent_events is append-only';
        END
        $$`.execute(db);
      await sql`
        CREATE TRIGGER feed_consent_events_no_update_or_delete BEFORE UPDATE OR DELETE ON feed_consent_events
        FOR EACH ROW EXECUTE FUNCTION feed_consent_events_refuse_change()`.execute(db);
    } else {
      await sql`
        CREATE TRIGGER feed_consent_events_no_update BEFORE UPDATE ON feed_consent_events
        BEGIN SELECT RAISE(ABORT, 'feed_consent_events is append-only'); END`.execute(db);
      await sql`
        CREATE TRIGGER feed_consent_events_no_delete BEFORE DELETE ON feed_consent_events
        BEGIN SELECT RAISE(ABORT, 'feed_consent_events is append-only'); END`.execute(db);
    }
  },
  async down() {
    // None: consent history is evidence and is not dropped by a migration.
  },
};
