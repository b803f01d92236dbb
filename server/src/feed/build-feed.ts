/** Turns rule matches, featured services and notices into feed items (pure; no I/O). */
import { helsinkiMidnight, addToDate, type IsoDate } from '../lib/calendar.js';
import type { RuleMatch } from '../rules/evaluate.js';
import type { RulePack } from '../rules/rule-pack.schema.js';
import type { FeedItem } from '../schemas/feed.js';
import type { Service, ServiceChannel } from '../schemas/service.js';
import type { NoticeConfig } from '../tenants/municipality-config.js';
import { reachableChannels, resolveService, serviceLink } from './catalogue.js';

const validUntilInstant = (day: IsoDate | null) => (day ? helsinkiMidnight(day).toISOString() : null);

export function matchToItem(match: RuleMatch, services: readonly Service[], pack: RulePack): FeedItem {
  const { rule } = match;
  const service = resolveService(services, rule.service);
  const caseLink = match.case?.actions[0]?.href ?? null;
  const ptvLink = service ? serviceLink(service) : null;
  const href = rule.localLink ?? (rule.action.prefer === 'case' ? (caseLink ?? ptvLink) : (ptvLink ?? caseLink));
  const lifeEventCode = rule.lifeEvents[0];
  const lifeEventName = lifeEventCode ? pack.lifeEvents[lifeEventCode] : undefined;
  return {
    id: match.itemId,
    kind: rule.kind,
    title: match.title,
    body: match.body,
    action: href ? { label: { ...rule.action.label }, href } : null,
    service: service ? { id: service.id, name: { ...service.name } } : null,
    reason: {
      ruleId: rule.id,
      ruleVersion: rule.version,
      explanation: match.explanation,
      dataUsed: rule.dataUsed.map((d) => ({ ...d })),
      legalBasis: { ...rule.legalBasis },
    },
    priority: rule.priority,
    validUntil: validUntilInstant(match.validUntil),
    window: match.window ? { ...match.window } : null,
    channels: service ? reachableChannels(service) : [],
    caseId: match.case?.id ?? null,
    personal: true,
    ...(lifeEventCode && lifeEventName ? { lifeEvent: { code: lifeEventCode, name: { ...lifeEventName } } } : {}),
  };
}

/**
 * An item the citizen can act on: a link, a channel of its service (phone, address, form…), or the case it is
 * about. A suggestion whose service the municipality's catalogue does not have is none of these, and is not shown:
 * it would promise, under the municipality's name, something it may not offer.
 */
export function isReachable(item: FeedItem): boolean {
  return Boolean(item.action?.href) || item.channels.length > 0 || item.caseId !== null;
}

/** The general feed's services: for each featured life event, the first few services that carry it. */
export function featuredItems(pack: RulePack, services: readonly Service[]): FeedItem[] {
  const { featured } = pack;
  const used = new Set<string>();
  return featured.lifeEvents.flatMap((code, groupIndex) => {
    const name = pack.lifeEvents[code];
    if (!name) return [];
    const picked = services
      .filter((s) => !used.has(s.id) && s.lifeEvents.some((e) => e === code || e.startsWith(`${code}.`)))
      .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi') || a.id.localeCompare(b.id))
      .slice(0, featured.perLifeEvent);
    return picked.map((service): FeedItem => {
      used.add(service.id);
      const href = serviceLink(service);
      return {
        id: `featured.${code}.${service.id}`,
        // A catalogue entry is a service, not a suggestion: nothing about the citizen chose it.
        kind: 'service',
        title: { ...service.name },
        body: { ...service.summary },
        action: href ? { label: { ...featured.action.label }, href } : null,
        service: { id: service.id, name: { ...service.name } },
        reason: null,
        // Keeps the groups in the pack's order and the services in name order within a group.
        priority: Math.max(0, featured.priority - groupIndex),
        validUntil: null,
        window: null,
        channels: reachableChannels(service),
        caseId: null,
        personal: false,
        lifeEvent: { code, name: { ...name } },
      };
    });
  });
}

export function noticeItems(notices: readonly NoticeConfig[] | undefined, today: IsoDate): FeedItem[] {
  return (notices ?? [])
    .filter((n) => (!n.from || n.from <= today) && (!n.until || today <= n.until))
    .map((n) => ({
      id: `notice.${n.id}`,
      kind: 'notice' as const,
      title: { ...n.title },
      body: { ...n.body },
      action: n.link ? { label: { ...n.link.label }, href: n.link.href } : null,
      service: null,
      reason: null,
      priority: n.priority ?? 50,
      validUntil: validUntilInstant(n.until ? addToDate(n.until, { days: 1 }) : null),
      window: null,
      channels: [] as ServiceChannel[],
      caseId: null,
      personal: false,
    }));
}

const KIND_ORDER: Record<FeedItem['kind'], number> = { task: 0, suggestion: 1, service: 2, notice: 3 };

/** Priority order: higher priority first; then tasks, suggestions, notices; then id, so the order is stable. */
export function sortFeed(items: FeedItem[]): FeedItem[] {
  return items.sort(
    (a, b) => b.priority - a.priority || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
}
