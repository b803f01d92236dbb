import fp from 'fastify-plugin';
import type { Notice, NoticeList } from '../schemas/notice.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import { NoticeStore, type StoredNotice } from './notice-store.js';
import { SEVERITY_RANK } from './notice-rules.js';
import { outageNotices } from './outages.js';

declare module 'fastify' {
  interface FastifyInstance {
    notices: NoticeService;
  }
}

/** Rows are read at most this often per municipality: every open page polls, the table changes seldom. */
const ROW_CACHE_MS = 1_000;

export interface NoticeService {
  store: NoticeStore;
  /** What citizens see now: visible, not ended, plus outage notices; most severe first. */
  publicList(municipality: MunicipalityConfig): Promise<NoticeList>;
  /** A change was written: the next read goes to the database. */
  changed(municipalityId: string): void;
}

export function toPublicNotice(n: StoredNotice): Notice {
  return {
    id: n.id,
    kind: 'notice',
    severity: n.severity,
    title: n.title,
    body: n.body,
    ...(n.link ? { link: n.link } : {}),
    topics: n.topics,
    visibleFrom: n.visibleFrom,
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    updatedAt: n.updatedAt,
  };
}

export function noticeOrder(a: Notice, b: Notice): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.startsAt.localeCompare(b.startsAt) ||
    a.id.localeCompare(b.id)
  );
}

export const noticesPlugin = fp(
  async (app) => {
    const store = new NoticeStore(app.db);
    const cache = new Map<string, { at: number; rows: Promise<StoredNotice[]> }>();

    const rows = (municipalityId: string, now: Date) => {
      const cached = cache.get(municipalityId);
      if (cached && now.getTime() - cached.at < ROW_CACHE_MS && now.getTime() >= cached.at) return cached.rows;
      const read = store.current(municipalityId, now);
      read.catch(() => cache.delete(municipalityId));
      cache.set(municipalityId, { at: now.getTime(), rows: read });
      return read;
    };

    const service: NoticeService = {
      store,
      async publicList(municipality) {
        const now = app.clock();
        const written = (await rows(municipality.id, now))
          .filter((n) => Date.parse(n.visibleFrom) <= now.getTime() && Date.parse(n.endsAt) > now.getTime())
          .map(toPublicNotice);
        const items = [...written, ...outageNotices(app.sources, municipality, now)].sort(noticeOrder);
        return { items, generatedAt: now.toISOString() };
      },
      changed: (municipalityId) => cache.delete(municipalityId),
    };
    app.decorate('notices', service);
  },
  { name: 'ka-notices', dependencies: ['ka-store', 'ka-aggregate', 'ka-clock'] },
);
