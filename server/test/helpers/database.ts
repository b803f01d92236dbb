import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db, type Dialect } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export interface TestDatabase {
  db: Db;
  dialect: Dialect;
  /** Closes the connections and, on PostgreSQL, drops the schema made for this test. */
  drop: () => Promise<void>;
}

/**
 * A migrated, empty database: in-memory SQLite by default; with DATABASE_URL a fresh PostgreSQL schema of its
 * own (so parallel runs and leftovers never collide), dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { db, dialect } = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(db);
    return { db, dialect, drop: () => db.destroy() };
  }
  const schema = `ka_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const { db, dialect } = openDatabase({ databaseUrl, pgSchema: schema });
  await migrateToLatest(db);
  return {
    db,
    dialect,
    drop: async () => {
      await db.destroy();
      await withClient(databaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
