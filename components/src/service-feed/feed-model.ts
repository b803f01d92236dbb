/**
 * The feed's model, without DOM or Lit: which items show and in what order, how they split into the citizen's own
 * items, general services and notices, how general services group by life event, what label each item carries,
 * and how a suggestion's window and a service's channels read. Unit-tested in Node (tests/unit/feed-model.test.ts).
 */
import type {
  FeedItem,
  FeedWindow,
  Municipality,
  Service,
  ServiceChannel,
  ServiceHours,
  SourceStatus,
} from '@kunta-akkuna/sdk';
import type { ConsentOrganisation } from '../i18n/translation.js';

/** Highest priority first; items past `validUntil` are left out. Stable for equal priorities. */
export function ordered(items: readonly FeedItem[], now = Date.now()): FeedItem[] {
  return items
    .filter(
      (item) => !item.validUntil || Number.isNaN(Date.parse(item.validUntil)) || Date.parse(item.validUntil) > now,
    )
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.priority - a.item.priority || a.index - b.index)
    .map(({ item }) => item);
}

/** One status per source; when two responses name the same source, the worse status wins. */
export function mergeSources(...lists: SourceStatus[][]): SourceStatus[] {
  const rank = { ok: 0, partial: 1, stale: 2, unavailable: 3 } as const;
  const byId = new Map<string, SourceStatus>();
  for (const source of lists.flat()) {
    const seen = byId.get(source.id);
    if (!seen || (rank[source.status] ?? 0) > (rank[seen.status] ?? 0)) byId.set(source.id, source);
  }
  return [...byId.values()];
}

/** An item made for this citizen from their data (a suggestion or a task), as opposed to a catalogue service. */
export function isPersonal(item: FeedItem): boolean {
  return item.personal && item.kind !== 'notice' && item.kind !== 'service';
}

export interface FeedParts {
  personal: FeedItem[];
  services: FeedItem[];
  notices: FeedItem[];
}

/** Personal items, general services and notices, each in the order given. */
export function splitFeed(items: readonly FeedItem[]): FeedParts {
  return {
    personal: items.filter(isPersonal),
    services: items.filter((i) => i.kind !== 'notice' && !isPersonal(i)),
    notices: items.filter((i) => i.kind === 'notice'),
  };
}

/** The label an item carries: "suggestion" only on one made for this citizen; a catalogue entry is a service. */
export function kindOf(item: FeedItem): FeedItem['kind'] {
  if (item.kind === 'notice' || item.kind === 'task') return item.kind;
  return isPersonal(item) ? 'suggestion' : 'service';
}

export interface Group {
  key: string;
  heading: string;
  items: FeedItem[];
}

/**
 * Services by life event (the item's own, else its service's first), in order of first appearance; "other" last.
 * `names` gives a life event's name by top-level code when the item does not name it.
 */
export function groupByLifeEvent(
  items: readonly FeedItem[],
  catalogue: ReadonlyMap<string, Service> | null,
  names: { lifeEvent: Record<string, string>; other: string },
  text: (value: FeedItem['title'] | undefined) => string,
): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const service = item.service ? catalogue?.get(item.service.id) : undefined;
    const code = item.lifeEvent?.code ?? service?.lifeEvents[0] ?? '';
    const top = code.split('.')[0] ?? '';
    const named = item.lifeEvent ? text(item.lifeEvent.name) : '';
    const known = /^KE\d+(\.\d+)?$/.test(code) && (named || names.lifeEvent[top]);
    const key = known ? (named ? code : top) : 'other';
    const heading = key === 'other' ? names.other : named || names.lifeEvent[top] || key;
    const group = groups.get(key) ?? { key, heading, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const other = groups.get('other');
  groups.delete('other');
  return other ? [...groups.values(), other] : [...groups.values()];
}

export interface WindowStrings {
  range: Record<FeedWindow['kind'], (from: string, to: string) => string>;
  opens: Record<FeedWindow['kind'], (date: string) => string>;
  closes: Record<FeedWindow['kind'], (date: string) => string>;
}

/** `YYYY-MM-DD` as the calendar day it is (no time zone shift), in the widget's locale. */
export function formatDay(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' }).format(
    date,
  );
}

/** The real period of what is suggested, in words: "Ilmoittautumisaika 1.1.2027–28.2.2027", "Haku alkaa 1.3.2027". */
export function windowText(window: FeedWindow | null | undefined, strings: WindowStrings, locale: string): string {
  if (!window) return '';
  const opens = window.opens ? formatDay(window.opens, locale) : '';
  const closes = window.closes ? formatDay(window.closes, locale) : '';
  if (opens && closes) return strings.range[window.kind](opens, closes);
  if (opens) return strings.opens[window.kind](opens);
  if (closes) return strings.closes[window.kind](closes);
  return '';
}

export type ChannelView =
  | { kind: 'link'; type: ServiceChannel['type']; href: string; label: string }
  | { kind: 'phone'; href: string; number: string; label: string; info: string; hours: string[] }
  | { kind: 'address'; address: string; label: string; hours: string[] };

const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function weekdayName(day: (typeof WEEK)[number], locale: string): string {
  // 1 January 2024 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day)));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
}

function clock(hhmm: string, locale: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const date = new Date(Date.UTC(2024, 0, 1, h ?? 0, m ?? 0));
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date);
}

/**
 * Standard hours as lines, consecutive days with the same hours joined: "ma–pe 9.00–15.00". Exceptional hours
 * (holidays) are left to the service's own page.
 */
export function formatHours(
  hours: readonly ServiceHours[] | undefined,
  locale: string,
  words: { alwaysOpen: string; closed: string },
): string[] {
  const lines: string[] = [];
  for (const entry of (hours ?? []).filter((h) => h.kind === 'standard')) {
    if (entry.alwaysOpen) lines.push(words.alwaysOpen);
    else if (entry.closed) lines.push(words.closed);
    const days = entry.days.flatMap((d) => {
      const from = WEEK.indexOf(d.from);
      const to = d.to ? WEEK.indexOf(d.to) : from;
      return WEEK.slice(from, Math.max(from, to) + 1).map((day) => ({ day, opens: d.opens, closes: d.closes }));
    });
    days.sort((a, b) => WEEK.indexOf(a.day) - WEEK.indexOf(b.day));
    for (let i = 0; i < days.length;) {
      let j = i;
      while (
        j + 1 < days.length &&
        WEEK.indexOf(days[j + 1]!.day) === WEEK.indexOf(days[j]!.day) + 1 &&
        days[j + 1]!.opens === days[i]!.opens &&
        days[j + 1]!.closes === days[i]!.closes
      ) {
        j++;
      }
      const first = weekdayName(days[i]!.day, locale);
      const span = i === j ? first : `${first}–${weekdayName(days[j]!.day, locale)}`;
      lines.push(`${span} ${clock(days[i]!.opens, locale)}–${clock(days[i]!.closes, locale)}`);
      i = j + 1;
    }
  }
  return lines;
}

/** `tel:` target of an international number; null for anything that is not a plain number. */
export function telHref(number: string): string | null {
  const compact = number.replace(/[\s()-]/g, '');
  return /^\+?[0-9]{3,20}$/.test(compact) ? `tel:${compact}` : null;
}

/** +358448701977 → "+358 44 870 1977"-like groups, so it reads as a number; others unchanged. */
export function displayNumber(number: string): string {
  const match = /^\+358(\d{2})(\d{3})(\d+)$/.exec(number);
  return match ? `+358 ${match[1]} ${match[2]} ${match[3]}` : number;
}

export interface ChannelContext {
  locale: string;
  text: (value: ServiceChannel['name'] | undefined) => string;
  safeHref: (href: string | undefined) => string | undefined;
  words: { alwaysOpen: string; closed: string };
}

/**
 * The ways to reach an item's service, e-service first: links (e-service, form, web page), phone numbers as
 * `tel:` links with their service hours, visiting addresses with opening hours. The item's own action link is not
 * repeated. The item's channels come from the server; for an older server, from the catalogue.
 */
export function channelViews(
  item: FeedItem,
  catalogue: ReadonlyMap<string, Service> | null,
  context: ChannelContext,
  actionHref?: string,
): ChannelView[] {
  // An older server sends no `channels` at all; then the catalogue's are used.
  const sent = (item as Partial<FeedItem>).channels;
  const channels = sent ?? (item.service ? (catalogue?.get(item.service.id)?.channels ?? []) : []);
  const views: ChannelView[] = [];
  for (const channel of channels) {
    const label = context.text(channel.name);
    const hours = formatHours(channel.hours, context.locale, context.words);
    if (channel.type === 'Phone') {
      for (const phone of (channel.phones ?? []).filter((p) => p.type === 'Phone')) {
        const href = telHref(phone.number);
        if (href)
          views.push({
            kind: 'phone',
            href,
            number: displayNumber(phone.number),
            label,
            info: phone.info ?? '',
            hours,
          });
      }
      continue;
    }
    if (channel.type === 'ServiceLocation' && channel.address) {
      views.push({ kind: 'address', address: channel.address, label, hours });
      continue;
    }
    const href = context.safeHref(channel.url);
    if (href && href !== actionHref && label && !views.some((v) => v.kind === 'link' && v.href === href)) {
      views.push({ kind: 'link', type: channel.type, href, label });
    }
  }
  return views;
}

/**
 * The municipality the consent is given to, by its own name and type (kaupunki/kunta), from its settings; undefined
 * before they load, or when an older server's settings lack the type or cases: the generic words are true for all.
 */
export function consentOrganisation(
  settings: Municipality | undefined,
  text: (value: Municipality['name']) => string,
): ConsentOrganisation | undefined {
  const genitive = settings?.finnishCases?.genitive;
  if (!settings?.name || !genitive || (settings.type !== 'kunta' && settings.type !== 'kaupunki')) return undefined;
  return { name: text(settings.name), genitive, type: settings.type };
}
