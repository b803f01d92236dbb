import { createHash } from 'node:crypto';

/** A deterministic UUID (version-4 shaped) from a label: the same seed data always gets the same ids. */
export function uuidFrom(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `YYYY-MM-DD` of the Helsinki day `days` from `now` (negative = before). */
export function helsinkiDay(now: number, days: number): string {
  const date = new Date(now + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
