import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Selectable } from 'kysely';
import pg from 'pg';

export interface AuditEventTable {
  id: string;
  occurred_at: string;
  request_id: string;
  actor_iss: string;
  actor_sub: string;
  client_id: string;
  /** The municipality whose site the request came through. */
  municipality_id: string;
  /**
   * The municipality that controls the records read (migration 0004). Null only in rows written before it,
   * when the site's municipality was recorded as the only one.
   */
  controller: string | null;
  subject_pseudonym: string;
  data_category: string;
  /** JSON array of source ids. */
  sources: string;
  /** JSON array of object references (e.g. case ids). */
  object_refs: string;
  purpose: string;
  outcome: string;
  /**
   * `self`: the subject asked; `guardian`: a guardian's request read it (the subject is their child). Null in rows
   * written before migration 0200, all of which were the subject's own requests.
   */
  subject_role: string | null;
}

export type AuditEventRow = Selectable<AuditEventTable>;

/** How far the access log has reached the separate log store (audit/audit-shipper.ts). */
export interface AuditShippingTable {
  sink_id: string;
  last_id: string;
  /** SHA-256 (hex) of the last line sent: the next line's `prev`. */
  chain_head: string;
  shipped_at: string;
}

/** A citizen's last good answer from one source (aggregate/stale-store.ts); the payload is AES-256-GCM. */
export interface SourceSnapshotTable {
  municipality_id: string;
  subject_pseudonym: string;
  source_id: string;
  /** ISO time the data was fetched from the source. */
  fetched_at: string;
  /** ISO time after which the copy may no longer be served (and is purged). */
  expires_at: string;
  /** base64url(iv ‖ tag ‖ ciphertext). */
  payload: string;
}

/** Webhook event ids already accepted, for idempotency (routes/webhooks.ts). */
export interface WebhookEventTable {
  source_id: string;
  event_id: string;
  received_at: string;
}

/** The last good copy of each municipality's PTV catalogue (public data, not encrypted). */
export interface PtvCatalogueTable {
  municipality_id: string;
  fetched_at: string;
  /** JSON array of unified Service objects. */
  payload: string;
}

/** Consent history (feed/consent-store.ts): append-only. */
export interface FeedConsentEventTable {
  id: string;
  subject_pseudonym: string;
  municipality_id: string;
  action: 'granted' | 'withdrawn';
  text_version: string | null;
  occurred_at: string;
  request_id: string;
}

/** Current consent per citizen and municipality; `granted` is 0 or 1. */
export interface FeedConsentTable {
  subject_pseudonym: string;
  municipality_id: string;
  granted: number;
  text_version: string | null;
  granted_at: string | null;
  updated_at: string;
}

export interface FeedDismissalTable {
  subject_pseudonym: string;
  item_id: string;
  dismissed_at: string;
}

/** A municipal notice, current version (notices/notice-store.ts). */
export interface NoticeTable {
  id: string;
  municipality_id: string;
  severity: 'info' | 'warning' | 'critical';
  /** JSON object, language → text. */
  title: string;
  body: string;
  /** JSON `{ href, label? }` or null. */
  link: string | null;
  /** JSON array of topic strings. */
  topics: string;
  visible_from: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Who changed which notice, when, and to what (append-only by use). */
export interface NoticeChangeTable {
  id: string;
  notice_id: string;
  municipality_id: string;
  action: 'created' | 'updated' | 'ended';
  actor_iss: string;
  actor_sub: string;
  actor_name: string | null;
  occurred_at: string;
  request_id: string;
  snapshot: string;
}

/** Per append-only table, the ISO time before which its rows may be purged (privacy/purge.ts). */
export interface RetentionHorizonTable {
  table_name: string;
  cutoff: string;
}

/** A background job's lease: one instance at a time holds it, until `expires_at` (privacy/job-lease.ts). */
export interface JobLeaseTable {
  job: string;
  holder: string;
  expires_at: string;
}

export interface Database {
  notices: NoticeTable;
  notice_changes: NoticeChangeTable;
  audit_events: AuditEventTable;
  audit_shipping: AuditShippingTable;
  feed_consent_events: FeedConsentEventTable;
  feed_consents: FeedConsentTable;
  feed_dismissals: FeedDismissalTable;
  source_snapshots: SourceSnapshotTable;
  webhook_events: WebhookEventTable;
  ptv_catalogues: PtvCatalogueTable;
  retention_horizons: RetentionHorizonTable;
  job_leases: JobLeaseTable;
}

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** PostgreSQL when set (`postgres://…`); otherwise the embedded SQLite file. */
  databaseUrl?: string;
  /** SQLite file; defaults to `<dataDir>/kunta-akkuna.sqlite`. `:memory:` works for tests. */
  sqliteFile?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (search_path); tests use a fresh one per run. */
  pgSchema?: string;
}

export interface OpenDatabase {
  db: Db;
  dialect: Dialect;
  /** The SQLite file (absent for PostgreSQL and for `:memory:`), for writers with a connection of their own. */
  sqliteFile?: string;
}

export function openDatabase(options: DatabaseOptions = {}): OpenDatabase {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${quoteIdentifierForOption(options.pgSchema)}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  const file = options.sqliteFile ?? join(resolve(options.dataDir ?? './data'), 'kunta-akkuna.sqlite');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', ...(file === ':memory:' ? {} : { sqliteFile: resolve(file) }) };
}

function quoteIdentifierForOption(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  return schema;
}
