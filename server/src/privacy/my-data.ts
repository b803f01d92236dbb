import type { Db, AuditEventRow } from '../store/database.js';
import type { AccessLogEntry, MyData } from '../schemas/my-data.js';
import type { RetentionPolicy } from './retention.js';

/** Whose rows a viewer may see: their own, and those of the children they may see (access-rules.ts). */
export interface LogScope {
  /** The viewer's own pseudonym. */
  self: string;
  /** Whether the viewer sees the rows a guardian's requests wrote about them (only once of age). */
  seesGuardianRowsAboutSelf: boolean;
  /** The children whose rows the viewer sees, by the child's own pseudonym. */
  children: ReadonlyArray<{ pseudonym: string; givenName: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An opaque cursor: the id of the last row of the page, base64url. Null when it does not decode to one. */
export function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('latin1');
  return UUID.test(id) ? id : null;
}

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'latin1').toString('base64url');
}

const OUTCOMES = new Set(['disclosed', 'disclosed_partial', 'used', 'deleted']);

/** The citizen's own data, read and removed (routes/me-data.ts), from the database only: no back end is asked. */
export class MyDataStore {
  readonly #db: Db;
  readonly #policy: RetentionPolicy;
  readonly #now: () => Date;

  constructor(db: Db, policy: RetentionPolicy, now: () => Date) {
    this.#db = db;
    this.#policy = policy;
    this.#now = now;
  }

  /**
   * One page of the rows the viewer may see, newest first. Paged by id (time-ordered, uuid v7) below the cursor:
   * rows written after the first page have greater ids, so they never shift the pages that follow.
   */
  async accessLog(scope: LogScope, options: { before?: string; limit: number }) {
    let query = this.#visible(scope)
      .selectAll()
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.before) query = query.where('id', '<', options.before);
    const rows = await query.execute();
    const page = rows.slice(0, options.limit);
    return {
      items: page.map((row) => toEntry(row, scope)),
      nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1]!.id) : null,
    };
  }

  /** Every row the viewer may see (for the export), newest first. */
  async wholeAccessLog(scope: LogScope): Promise<AccessLogEntry[]> {
    const rows = await this.#visible(scope).selectAll().orderBy('id', 'desc').execute();
    return rows.map((row) => toEntry(row, scope));
  }

  #visible(scope: LogScope) {
    const children = scope.children.map((c) => c.pseudonym);
    return this.#db
      .selectFrom('audit_events')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('subject_pseudonym', '=', scope.self),
            scope.seesGuardianRowsAboutSelf
              ? eb.lit(true)
              : eb.or([eb('subject_role', 'is', null), eb('subject_role', '=', 'self')]),
          ]),
          ...(children.length > 0 ? [eb('subject_pseudonym', 'in', children)] : []),
        ]),
      );
  }

  /** What is held about the citizen (their own, not their children's). */
  async holdings(pseudonym: string): Promise<MyData> {
    const [consents, events, dismissals, copies, logRows] = await Promise.all([
      this.#db.selectFrom('feed_consents').selectAll().where('subject_pseudonym', '=', pseudonym).execute(),
      this.#db
        .selectFrom('feed_consent_events')
        .select(['municipality_id', 'action', 'text_version', 'occurred_at'])
        .where('subject_pseudonym', '=', pseudonym)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute(),
      this.#db
        .selectFrom('feed_dismissals')
        .select(['item_id', 'dismissed_at'])
        .where('subject_pseudonym', '=', pseudonym)
        .orderBy('dismissed_at', 'desc')
        .execute(),
      this.#db
        .selectFrom('source_snapshots')
        .select(['municipality_id', 'source_id', 'fetched_at', 'expires_at'])
        .where('subject_pseudonym', '=', pseudonym)
        .where('expires_at', '>', this.#now().toISOString())
        .orderBy('source_id')
        .execute(),
      this.#db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('subject_pseudonym', '=', pseudonym)
        .executeTakeFirst(),
    ]);
    const municipalities = [
      ...new Set([...consents.map((c) => c.municipality_id), ...events.map((e) => e.municipality_id)]),
    ];
    return {
      consents: municipalities.sort().map((municipality) => {
        const current = consents.find((c) => c.municipality_id === municipality);
        const granted = Number(current?.granted ?? 0) === 1;
        return {
          municipality,
          granted,
          textVersion: granted ? (current?.text_version ?? null) : null,
          grantedAt: granted ? (current?.granted_at ?? null) : null,
          history: events
            .filter((e) => e.municipality_id === municipality)
            .map((e) => ({ action: e.action, textVersion: e.text_version, at: e.occurred_at })),
        };
      }),
      dismissals: dismissals.map((d) => ({ itemId: d.item_id, dismissedAt: d.dismissed_at })),
      savedCopies: copies.map((c) => ({
        municipality: c.municipality_id,
        source: c.source_id,
        fetchedAt: c.fetched_at,
        expiresAt: c.expires_at,
      })),
      settings: [],
      accessLog: { rows: Number(logRows?.n ?? 0), removable: false },
      retention: {
        accessLogDays: this.#policy.accessLogDays,
        consentHistoryDays: this.#policy.consentHistoryDays,
        dismissalDays: this.#policy.dismissalDays,
      },
    };
  }

  async removeDismissals(pseudonym: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('feed_dismissals')
      .where('subject_pseudonym', '=', pseudonym)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeSavedCopies(pseudonym: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('source_snapshots')
      .where('subject_pseudonym', '=', pseudonym)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The municipalities where the citizen's consent is in force (to withdraw each, keeping its history). */
  async grantedIn(pseudonym: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('feed_consents')
      .select('municipality_id')
      .where('subject_pseudonym', '=', pseudonym)
      .where('granted', '=', 1)
      .execute();
    return rows.map((r) => r.municipality_id);
  }
}

function toEntry(row: AuditEventRow, scope: LogScope): AccessLogEntry {
  const child = scope.children.find((c) => c.pseudonym === row.subject_pseudonym);
  return {
    id: row.id,
    at: row.occurred_at,
    subject:
      child && row.subject_pseudonym !== scope.self ? { kind: 'child', givenName: child.givenName } : { kind: 'self' },
    onBehalfOf: row.subject_role === 'guardian' ? 'guardian' : 'you',
    sources: parseList(row.sources),
    controller: row.controller ?? row.municipality_id,
    dataCategory: row.data_category,
    purpose: row.purpose,
    outcome: (OUTCOMES.has(row.outcome) ? row.outcome : 'used') as AccessLogEntry['outcome'],
  };
}

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
