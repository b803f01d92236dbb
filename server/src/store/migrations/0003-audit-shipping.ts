import type { Kysely, Migration } from 'kysely';

/**
 * How far the access log has been shipped to the separate log store (audit/audit-shipper.ts): the last row sent
 * and the head of the hash chain, per sink, so that a restart neither skips nor repeats rows.
 */
export const auditShipping: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_shipping')
      .addColumn('sink_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('last_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('chain_head', 'varchar(64)', (c) => c.notNull())
      .addColumn('shipped_at', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_shipping').ifExists().execute();
  },
};
