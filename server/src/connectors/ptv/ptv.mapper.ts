/**
 * PTV v11 services and channels → unified Service (docs/contracts.md "PTV"). Pure; unit-tested in
 * test/ptv-mapper.test.ts. Falls back across languages (fi → sv → en), skips null values, accepts both URI forms
 * of classifications (`http://uri.suomi.fi/codelist/ptv/ptvelti/code/KE4` and `http://urn.fi/URN:NBN:fi:au:ptvl:KE4`)
 * and null codes (reference/backends.md §1.9b).
 */
import type { LocalizedText } from '../../schemas/common.js';
import type { Service, ServiceChannel, ServiceChannelType } from '../../schemas/service.js';
import { SERVICE_CHANNEL_TYPES } from '../../schemas/service.js';
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

export function mapPtvChannel(channel: PtvServiceChannel): ServiceChannel | null {
  const type = channelType(channel.serviceChannelType);
  if (!type) return null;
  const mapped: ServiceChannel = { id: channel.id, type, name: localizedFrom(channel.serviceChannelNames, 'Name') };
  if (!mapped.name.fi) mapped.name = localizedFrom(channel.serviceChannelNames);
  const url = firstByLanguage(channel.webPages?.filter((w) => w.url && /^https?:\/\//.test(w.url)))?.url;
  if (url) mapped.url = url;
  const phone = firstByLanguage(
    [...(channel.phoneNumbers ?? []), ...(channel.supportPhones ?? [])].filter((p) => p.number),
  );
  if (phone?.number) mapped.phone = [phone.prefixNumber, phone.number].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  const street = (channel.addresses ?? []).find((a) => a.streetAddress && a.type !== 'Postal')?.streetAddress;
  if (street) {
    const streetName = localizedFrom(street.street).fi;
    const postOffice = localizedFrom(street.postOffice).fi;
    const line = [streetName, street.streetNumber].filter(Boolean).join(' ');
    const place = [street.postalCode, postOffice].filter(Boolean).join(' ');
    const address = [line, place].filter(Boolean).join(', ');
    if (address) mapped.address = address;
  }
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
