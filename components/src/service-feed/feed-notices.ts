/**
 * The municipality's notices in the feed (pure). Notices about what the feed shows (a life event, a service, a
 * source) are shown above it; while a critical notice is in force it comes first, with the services it is about
 * ("these services work online"), taken out of their groups below.
 */
import type { FeedItem, Notice, Service, SourceStatus } from '@kunta-akkuna/sdk';
import { currentNotices, noticesAbout } from '../internal/notice-watch.js';

function itemTopics(item: FeedItem, catalogue: ReadonlyMap<string, Service> | null): string[] {
  const service = item.service ? catalogue?.get(item.service.id) : undefined;
  return [
    item.id,
    ...(item.service ? [item.service.id] : []),
    ...(item.lifeEvent ? [item.lifeEvent.code] : []),
    ...(service?.lifeEvents ?? []),
  ];
}

export interface FeedNotices {
  /** Critical notices in force, first in the feed. */
  critical: Notice[];
  /** The services the critical notices are about. */
  linked: FeedItem[];
  /** Every other item, as before. */
  rest: FeedItem[];
  /** Info and warning notices about what the feed shows. */
  other: Notice[];
}

export function feedNotices(
  all: readonly Notice[],
  items: readonly FeedItem[],
  catalogue: ReadonlyMap<string, Service> | null,
  sources: readonly SourceStatus[],
): FeedNotices {
  const now = Date.now();
  const current = currentNotices(all, now);
  const critical = current.filter((n) => n.severity === 'critical' && Date.parse(n.startsAt) <= now);
  const linked = items.filter((item) => noticesAbout(critical, itemTopics(item, catalogue)).length > 0);
  const rest = items.filter((item) => !linked.includes(item));
  const topics = [...items.flatMap((item) => itemTopics(item, catalogue)), ...sources.map((s) => s.id)];
  const other = noticesAbout(current, topics).filter((n) => !critical.includes(n));
  return { critical, linked, rest, other };
}
