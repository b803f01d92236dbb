import type { Language } from '../schemas/common.js';
import type { Service, ServiceChannel } from '../schemas/service.js';
import type { ServiceLookup } from '../rules/rule-pack.schema.js';

const LANGS = ['fi', 'sv', 'en'] as const;

const lower = (text: string) => text.toLocaleLowerCase('fi');

/**
 * Finds the service a rule means in one municipality's catalogue. Keywords weigh most (a name hit more than a
 * keyword hit); service class, life event and target group break ties. With keywords, at least one must hit;
 * without, the service class must. Null when nothing fits: the suggestion is then shown without a service.
 */
export function resolveService(services: readonly Service[], lookup: ServiceLookup | undefined): Service | null {
  if (!lookup) return null;
  let best: { service: Service; score: number } | null = null;
  for (const service of services) {
    const score = lookupScore(service, lookup);
    if (score > 0 && (!best || score > best.score || (score === best.score && service.id < best.service.id))) {
      best = { service, score };
    }
  }
  return best?.service ?? null;
}

function lookupScore(service: Service, lookup: ServiceLookup): number {
  const names = LANGS.map((l) => lower(service.name[l]));
  const keywords = service.keywords.map(lower);
  const summaries = LANGS.map((l) => lower(service.summary[l]));
  let keywordScore = 0;
  for (const keyword of (lookup.keywords ?? []).map(lower)) {
    if (names.some((n) => n.includes(keyword))) keywordScore += 5;
    else if (keywords.some((k) => k.includes(keyword))) keywordScore += 3;
    else if (summaries.some((s) => s.includes(keyword))) keywordScore += 1;
  }
  const classHit = (lookup.serviceClasses ?? []).some((c) =>
    service.serviceClasses.some((s) => s === c || s.startsWith(`${c}.`)),
  );
  if (lookup.keywords ? keywordScore === 0 : !classHit) return 0;
  const lifeEventHit = (lookup.lifeEvents ?? []).some((e) => service.lifeEvents.includes(e));
  const targetHit = (lookup.targetGroups ?? []).some((g) => service.targetGroups.includes(g));
  return keywordScore + (classHit ? 2 : 0) + (lifeEventHit ? 1 : 0) + (targetHit ? 1 : 0);
}

const LINK_ORDER = ['EChannel', 'WebPage', 'PrintableForm'] as const;

/** Where to use the service: its e-service (EChannel) first, else its web page, else its printable form. */
export function serviceLink(service: Service): string | null {
  for (const type of LINK_ORDER) {
    const channel = service.channels.find((c) => c.type === type && c.url);
    if (channel?.url) return channel.url;
  }
  return null;
}

const CHANNEL_ORDER: readonly ServiceChannel['type'][] = [
  'EChannel',
  'Phone',
  'ServiceLocation',
  'PrintableForm',
  'WebPage',
];

/** Whether a channel gives a way to reach the service: a web link, a number to call, or an address to visit. */
export function isReachable(channel: ServiceChannel): boolean {
  const web = Boolean(channel.url && /^https?:\/\//i.test(channel.url));
  switch (channel.type) {
    case 'Phone':
      return (channel.phones ?? []).some((p) => p.type === 'Phone');
    case 'ServiceLocation':
      return Boolean(channel.address) || web;
    default:
      return web;
  }
}

/** The service's channels that lead somewhere, e-service first, then phone, visiting address, form, web page. */
export function reachableChannels(service: Service): ServiceChannel[] {
  return service.channels
    .filter(isReachable)
    .filter((c, i, all) => all.findIndex((d) => d.id === c.id) === i)
    .sort((a, b) => CHANNEL_ORDER.indexOf(a.type) - CHANNEL_ORDER.indexOf(b.type))
    .map((c) => structuredClone(c));
}

export interface ServiceSearch {
  q?: string;
  lifeEvent?: string;
  lang?: Language;
}

/**
 * Free-text search over names, summaries and keywords (in `lang`, or every language), narrowed by life event
 * (KE4 also finds KE4.2). Name hits first, then by name in the asked language.
 */
export function searchServices(services: readonly Service[], search: ServiceSearch): Service[] {
  const langs = search.lang ? [search.lang] : LANGS;
  const terms = (search.q ?? '').split(/\s+/).map(lower).filter(Boolean);
  const scored = services.flatMap((service) => {
    if (
      search.lifeEvent &&
      !service.lifeEvents.some((e) => e === search.lifeEvent || e.startsWith(`${search.lifeEvent}.`))
    ) {
      return [];
    }
    let score = 0;
    for (const term of terms) {
      const inName = langs.some((l) => lower(service.name[l]).includes(term));
      const inText = langs.some(
        (l) => lower(service.summary[l]).includes(term) || lower(service.description[l]).includes(term),
      );
      const inKeywords = service.keywords.some((k) => lower(k).includes(term));
      if (!inName && !inText && !inKeywords) return [];
      score += inName ? 3 : inKeywords ? 2 : 1;
    }
    return [{ service, score }];
  });
  const lang = search.lang ?? 'fi';
  return scored
    .sort((a, b) => b.score - a.score || a.service.name[lang].localeCompare(b.service.name[lang], lang))
    .map((s) => s.service);
}
