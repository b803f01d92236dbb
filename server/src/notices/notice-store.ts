import type { Db, NoticeTable } from '../store/database.js';
import { uuidV7 } from '../lib/uuid-v7.js';
import type { CheckedNotice, NoticeStatus } from './notice-rules.js';
import { noticeStatus } from './notice-rules.js';

/** A stored notice, as the service and the routes use it. */
export interface StoredNotice extends CheckedNotice {
  id: string;
  municipalityId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Actor {
  iss: string;
  sub: string;
  name: string | null;
}

export interface NoticeChangeRow {
  id: string;
  noticeId: string;
  action: 'created' | 'updated' | 'ended';
  actor: { sub: string; name: string | null };
  occurredAt: string;
}

/** Notices in SQL (Kysely; SQLite and PostgreSQL alike). Each change and its log row are one transaction. */
export class NoticeStore {
  constructor(private readonly db: Db) {}

  /** Not yet ended at `now` (visible or not). */
  async current(municipalityId: string, now: Date): Promise<StoredNotice[]> {
    const rows = await this.db
      .selectFrom('notices')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .where('ends_at', '>', now.toISOString())
      .execute();
    return rows.map(fromRow);
  }

  /** For staff: everything not ended, and what ended in the last `days` days. */
  async forStaff(municipalityId: string, now: Date, days = 30): Promise<StoredNotice[]> {
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const rows = await this.db
      .selectFrom('notices')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .where('ends_at', '>', since)
      .orderBy('starts_at', 'desc')
      .execute();
    return rows.map(fromRow);
  }

  async get(municipalityId: string, id: string): Promise<StoredNotice | undefined> {
    const row = await this.db
      .selectFrom('notices')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async create(municipalityId: string, notice: CheckedNotice, actor: Actor, requestId: string, now: Date) {
    const at = now.toISOString();
    const stored: StoredNotice = {
      ...notice,
      id: uuidV7(now.getTime()),
      municipalityId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('notices').values(toRow(stored)).execute();
      await trx
        .insertInto('notice_changes')
        .values(changeRow(stored, 'created', actor, requestId, at))
        .execute();
    });
    return stored;
  }

  /** Replaces the notice if it is still at `version`; undefined when another change came first. */
  async update(
    previous: StoredNotice,
    notice: CheckedNotice,
    action: 'updated' | 'ended',
    actor: Actor,
    requestId: string,
    now: Date,
  ): Promise<StoredNotice | undefined> {
    const at = now.toISOString();
    const stored: StoredNotice = { ...previous, ...notice, updatedAt: at, version: previous.version + 1 };
    const { id: _id, municipality_id: _m, created_at: _c, ...changes } = toRow(stored);
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('notices')
        .set(changes)
        .where('id', '=', previous.id)
        .where('municipality_id', '=', previous.municipalityId)
        .where('version', '=', previous.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      await trx
        .insertInto('notice_changes')
        .values(changeRow(stored, action, actor, requestId, at))
        .execute();
      return stored;
    });
  }

  async changes(municipalityId: string, noticeId: string): Promise<NoticeChangeRow[]> {
    const rows = await this.db
      .selectFrom('notice_changes')
      .select(['id', 'notice_id', 'action', 'actor_sub', 'actor_name', 'occurred_at'])
      .where('municipality_id', '=', municipalityId)
      .where('notice_id', '=', noticeId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      noticeId: r.notice_id,
      action: r.action,
      actor: { sub: r.actor_sub, name: r.actor_name },
      occurredAt: r.occurred_at,
    }));
  }
}

export function statusOf(notice: StoredNotice, now: Date): NoticeStatus {
  return noticeStatus(notice, now);
}

function toRow(n: StoredNotice): NoticeTable {
  return {
    id: n.id,
    municipality_id: n.municipalityId,
    severity: n.severity,
    title: JSON.stringify(n.title),
    body: JSON.stringify(n.body),
    link: n.link ? JSON.stringify(n.link) : null,
    topics: JSON.stringify(n.topics),
    visible_from: n.visibleFrom,
    starts_at: n.startsAt,
    ends_at: n.endsAt,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    version: n.version,
  };
}

function fromRow(r: NoticeTable): StoredNotice {
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    severity: r.severity,
    title: JSON.parse(r.title) as Record<string, string>,
    body: JSON.parse(r.body) as Record<string, string>,
    link: r.link ? (JSON.parse(r.link) as StoredNotice['link']) : null,
    topics: JSON.parse(r.topics) as string[],
    visibleFrom: r.visible_from,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

function changeRow(
  n: StoredNotice,
  action: 'created' | 'updated' | 'ended',
  actor: Actor,
  requestId: string,
  at: string,
) {
  return {
    id: uuidV7(),
    notice_id: n.id,
    municipality_id: n.municipalityId,
    action,
    actor_iss: actor.iss,
    actor_sub: actor.sub,
    actor_name: actor.name,
    occurred_at: at,
    request_id: requestId,
    snapshot: JSON.stringify(toRow(n)),
  };
}
