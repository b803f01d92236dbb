/**
 * PTV v11 services and channels → unified Service (docs/contracts.md "PTV"). Pure; unit-tested in
 * test/ptv-mapper.test.ts. Falls back across languages (fi → sv → en), skips null values, accepts both URI forms
 * of classifications (`http://uri.suomi.fi/codelist/ptv/ptvelti/code/KE4` and `http://urn.fi/URN:NBN:fi:au:ptvl:KE4`)
 * and null codes (reference/backends.md §1.9b).
 */
import type { LocalizedText } from '../../schemas/common.js';
import type { ChannelPhone, Service, ServiceChannel, ServiceChannelType, ServiceHours } from '../../schemas/service.js';
import { PHONE_TYPES, SERVICE_CHANNEL_TYPES, WEEKDAYS } from '../../schemas/service.js';
import type { PtvLangValue, PtvService, PtvServiceChannel } from './ptv.schemas.js';

const LANGS = ['fi', 'sv', 'en'] as const;

/** The texts of one `type` (or all when undefined) as fi/sv/en, each missing language filled from the others. */
export function localizedFrom(values: readonly PtvLangValue[] | null | undefined, type?: string): LocalizedText {
  const found: Partial<Record<(typeof LANGS)[number], string>> = {};
  for (const entry of values ?? []) {
    if (type !== undefined && entry.type !== type) continue;
    const value = entry.value?.trim();
    const lang = entry.language as (typeof LANGS)[number];
    if (!value || !LANGS.includes(lang) || found[lang]) continue;
    found[lang] = value;
  }
  const any = found.fi ?? found.sv ?? found.en ?? '';
  return { fi: found.fi ?? any, sv: found.sv ?? found.fi ?? any, en: found.en ?? found.fi ?? any };
}

/** `KE4` from a code, or from either URI form; null when nothing usable. */
export function classificationCode(item: { code?: string | null; uri?: string | null }): string | null {
  if (item.code && item.code.trim()) return item.code.trim();
  const uri = item.uri ?? '';
  const match = /\/code\/([A-Za-z0-9.]+)$/.exec(uri) ?? /:([A-Za-z0-9.]+)$/.exec(uri);
  return match?.[1] ?? null;
}

function codes(items: readonly { code?: string | null; uri?: string | null }[] | null | undefined): string[] {
  return [...new Set((items ?? []).map(classificationCode).filter((c): c is string => c !== null))];
}

function firstByLanguage<T extends { language?: string | null }>(
  items: readonly T[] | null | undefined,
): T | undefined {
  const list = items ?? [];
  return list.find((i) => i.language === 'fi') ?? list[0];
}

function channelType(value: string): ServiceChannelType | null {
  return (SERVICE_CHANNEL_TYPES as readonly string[]).includes(value) ? (value as ServiceChannelType) : null;
}

const http = (url: string | null | undefined): url is string => Boolean(url && /^https?:\/\//i.test(url.trim()));

/** The channel's link: a printable form's own file (`channelUrls`, where real PTV keeps it), else its web page. */
function channelUrl(channel: PtvServiceChannel): string | undefined {
  const form = firstByLanguage((channel.channelUrls ?? []).filter((u) => http(u.value)))?.value;
  const page = firstByLanguage(channel.webPages?.filter((w) => http(w.url)))?.url;
  return (channel.serviceChannelType === 'PrintableForm' ? (form ?? page) : (page ?? form))?.trim() ?? undefined;
}

/**
 * Every number with its type, each once (PTV repeats a number per language). `supportPhones` have no type and
 * are voice numbers; a number of an unknown type is left out rather than offered as something to call.
 */
export function channelPhones(channel: PtvServiceChannel): ChannelPhone[] {
  const typed = (channel.phoneNumbers ?? []).map((p) => ({ ...p, type: p.type ?? 'Phone' }));
  const support = (channel.supportPhones ?? []).map((p) => ({ ...p, type: 'Phone' }));
  const phones: ChannelPhone[] = [];
  for (const p of [...typed, ...support]) {
    const type = (PHONE_TYPES as readonly string[]).includes(p.type) ? (p.type as ChannelPhone['type']) : null;
    const digits = (p.number ?? '').replace(/[\s()-]/g, '');
    if (!type || !/^\+?[0-9]{3,20}$/.test(digits)) continue;
    const prefix = (p.prefixNumber ?? '').replace(/\s/g, '');
    // A Finnish service number (e.g. 0800…) is dialled as it is; the others with their country prefix.
    const number =
      digits.startsWith('+') || !prefix || p.isFinnishServiceNumber ? digits : `${prefix}${digits.replace(/^0/, '')}`;
    if (phones.some((q) => q.number === number && q.type === type)) continue;
    const phone: ChannelPhone = { type, number };
    if (p.additionalInformation?.trim()) phone.info = p.additionalInformation.trim();
    if (p.chargeDescription?.trim()) phone.charge = p.chargeDescription.trim();
    phones.push(phone);
  }
  return phones;
}

const hhmm = (time: string | null | undefined) => /^([01][0-9]|2[0-3]):[0-5][0-9]/.exec(time ?? '')?.[0] ?? null;
const isoDay = (date: string | null | undefined) => /^\d{4}-\d{2}-\d{2}/.exec(date ?? '')?.[0];
const weekday = (day: string | null | undefined) =>
  (WEEKDAYS as readonly string[]).includes(day ?? '') ? (day as (typeof WEEKDAYS)[number]) : undefined;

/** Service hours as PTV gives them; hours that PTV marks as not valid now are left out. */
export function channelHours(channel: PtvServiceChannel): ServiceHours[] {
  return (channel.serviceHours ?? []).flatMap((h): ServiceHours[] => {
    if (h.validForNow === false && h.serviceHourType !== 'Exceptional') return [];
    const days = (h.openingHour ?? []).flatMap((o) => {
      const from = weekday(o.dayFrom);
      const opens = hhmm(o.from);
      const closes = hhmm(o.to);
      if (!from || !opens || !closes) return [];
      const to = weekday(o.dayTo);
      return [{ from, ...(to && to !== from ? { to } : {}), opens, closes }];
    });
    const info = localizedFrom(h.additionalInformation);
    const validFrom = isoDay(h.validFrom);
    const validTo = isoDay(h.validTo);
    const mapped: ServiceHours = {
      kind: h.serviceHourType === 'Exceptional' ? 'exceptional' : 'standard',
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
      alwaysOpen: h.isAlwaysOpen === true,
      closed: h.isClosed === true,
      days,
      ...(info.fi ? { info } : {}),
    };
    return days.length || mapped.alwaysOpen || mapped.closed || info.fi ? [mapped] : [];
  });
}

function visitingAddress(channel: PtvServiceChannel): string | undefined {
  const street = (channel.addresses ?? []).find((a) => a.streetAddress && a.type !== 'Postal')?.streetAddress;
  if (!street) return undefined;
  const streetName = localizedFrom(street.street).fi;
  const postOffice = localizedFrom(street.postOffice).fi;
  const line = [streetName, street.streetNumber].filter(Boolean).join(' ');
  const place = [street.postalCode, postOffice].filter(Boolean).join(' ');
  return [line, place].filter(Boolean).join(', ') || undefined;
}

export function mapPtvChannel(channel: PtvServiceChannel): ServiceChannel | null {
  const type = channelType(channel.serviceChannelType);
  if (!type) return null;
  const mapped: ServiceChannel = { id: channel.id, type, name: localizedFrom(channel.serviceChannelNames, 'Name') };
  if (!mapped.name.fi) mapped.name = localizedFrom(channel.serviceChannelNames);
  const url = channelUrl(channel);
  if (url) mapped.url = url;
  const phones = channelPhones(channel);
  const voice = phones.find((p) => p.type === 'Phone');
  if (voice) mapped.phone = voice.number;
  if (phones.length) mapped.phones = phones;
  const address = visitingAddress(channel);
  if (address) mapped.address = address;
  const hours = channelHours(channel);
  if (hours.length) mapped.hours = hours;
  return mapped;
}

export function mapPtvService(service: PtvService, channels: ReadonlyMap<string, ServiceChannel>): Service | null {
  const name = localizedFrom(service.serviceNames, 'Name');
  if (!name.fi) return null;
  const descriptions = service.serviceDescriptions ?? [];
  const summaryText = localizedFrom(descriptions, 'Summary');
  const description = localizedFrom(descriptions, 'Description');
  const keywords = [
    ...new Set((service.keywords ?? []).map((k) => k.value?.trim()).filter((k): k is string => Boolean(k))),
  ];
  return {
    id: service.id,
    name,
    summary: summaryText.fi ? summaryText : description,
    description: description.fi ? description : summaryText,
    lifeEvents: codes(service.lifeEvents),
    targetGroups: codes(service.targetGroups),
    serviceClasses: codes(service.serviceClasses),
    keywords,
    channels: (service.serviceChannels ?? [])
      .map((c) => channels.get(c.serviceChannel.id))
      .filter((c): c is ServiceChannel => c !== undefined),
  };
}
