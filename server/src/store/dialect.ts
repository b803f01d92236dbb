import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

export function dialectOf(db: Kysely<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
