/** What makes a notice valid for a municipality, and how its state follows from the clock (pure; no I/O). */
import { parseHttpUrl } from '../config/formats.js';
import { ApiError } from '../http/problems.js';
import type { NoticeInput, NoticeSeverity } from '../schemas/notice.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';

export const SEVERITY_RANK: Record<NoticeSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Longest a notice may run: a notice that outlives its situation is worse than one that must be renewed. */
export const MAX_DURATION_MS = 366 * 86_400_000;

export type NoticeStatus = 'scheduled' | 'visible' | 'active' | 'ended';

export function noticeStatus(n: { visibleFrom: string; startsAt: string; endsAt: string }, now: Date): NoticeStatus {
  const t = now.getTime();
  if (Date.parse(n.endsAt) <= t) return 'ended';
  if (Date.parse(n.startsAt) <= t) return 'active';
  if (Date.parse(n.visibleFrom) <= t) return 'visible';
  return 'scheduled';
}

/** A notice ready to store: times normalised to ISO UTC, texts only in the municipality's languages. */
export interface CheckedNotice {
  severity: NoticeSeverity;
  title: Record<string, string>;
  body: Record<string, string>;
  link: { href: string; label?: Record<string, string> } | null;
  topics: string[];
  visibleFrom: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Throws KA_VALIDATION naming the first problem. The schema has already checked the shape and the lengths; this
 * checks what depends on the municipality (its languages) and on time (the order of start and end).
 */
export function checkNotice(input: NoticeInput, municipality: MunicipalityConfig): CheckedNotice {
  const languages = municipality.languages;
  const texts = (field: string, value: Partial<Record<string, string>>) => {
    for (const lang of Object.keys(value)) {
      if (!languages.includes(lang as never)) {
        throw new ApiError(
          'KA_VALIDATION',
          `${field}/${lang}: this municipality does not offer ${lang} (it offers ${languages.join(', ')})`,
        );
      }
    }
    for (const lang of languages) {
      if (!value[lang]?.trim()) {
        throw new ApiError(
          'KA_VALIDATION',
          `${field}/${lang} is required: every language the municipality offers (${languages.join(', ')})`,
        );
      }
    }
    return Object.fromEntries(languages.map((lang) => [lang, value[lang]!.trim()]));
  };
  const title = texts('title', input.title);
  const body = texts('body', input.body);

  let link: CheckedNotice['link'] = null;
  if (input.link) {
    const url = parseHttpUrl(input.link.href);
    if (!url) throw new ApiError('KA_VALIDATION', 'link/href must be an http or https address');
    link = { href: url.href };
    if (input.link.label && Object.keys(input.link.label).length > 0)
      link.label = texts('link/label', input.link.label);
  }

  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  const visibleFrom = input.visibleFrom === undefined ? startsAt : Date.parse(input.visibleFrom);
  if (endsAt <= startsAt) throw new ApiError('KA_VALIDATION', 'endsAt must be after startsAt');
  if (visibleFrom > startsAt) throw new ApiError('KA_VALIDATION', 'visibleFrom must not be after startsAt');
  if (endsAt - startsAt > MAX_DURATION_MS) throw new ApiError('KA_VALIDATION', 'a notice may run at most 366 days');

  return {
    severity: input.severity,
    title,
    body,
    link,
    topics: [...(input.topics ?? [])],
    visibleFrom: new Date(visibleFrom).toISOString(),
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  };
}
