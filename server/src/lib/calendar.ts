/**
 * Calendar arithmetic on Europe/Helsinki dates held as `YYYY-MM-DD` strings (which compare correctly as strings).
 * A day that does not exist rolls forward: 29 February plus one year is 1 March. That is also how a person born
 * on a leap day comes of age in Finland in a common year (the day after 28 February), and it agrees with ageOn().
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(iso: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The date for (year, month, day), rolling over a day past the end of the month (2027-02-29 → 2027-03-01). */
export function calendarDate(year: number, month: number, day: number): IsoDate {
  if (year < 100) throw new RangeError(`year out of range: ${year}`);
  return toIso(new Date(Date.UTC(year, month - 1, day)));
}

function toIso(date: Date): IsoDate {
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Adds whole years and months (rolling over missing days), then days. */
export function addToDate(iso: IsoDate, offset: { years?: number; months?: number; days?: number }): IsoDate {
  const { year, month, day } = parseIsoDate(iso);
  const monthIndex = month - 1 + (offset.months ?? 0);
  const base = new Date(Date.UTC(year + (offset.years ?? 0), monthIndex, day));
  // Date.UTC maps years 0–99 to 1900–1999; our years are four-digit, so this only guards nonsense input.
  if (year + (offset.years ?? 0) < 100) throw new RangeError(`year out of range: ${iso}`);
  base.setUTCDate(base.getUTCDate() + (offset.days ?? 0));
  return toIso(base);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Full years of age on `onDate`. A leap-day child turns a year older on 1 March in a common year. */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const d = parseIsoDate(onDate);
  return d.year - b.year - (d.month < b.month || (d.month === b.month && d.day < b.day) ? 1 : 0);
}

const helsinkiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

function helsinkiParts(instant: Date): { date: IsoDate; hour: number } {
  const parts = helsinkiFormat.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The calendar day of `instant` in Europe/Helsinki. */
export function helsinkiDate(instant: Date): IsoDate {
  return helsinkiParts(instant).date;
}

/** The instant when `iso` begins in Europe/Helsinki (UTC+2 in winter, UTC+3 in summer). */
export function helsinkiMidnight(iso: IsoDate): Date {
  const { year, month, day } = parseIsoDate(iso);
  for (const offsetHours of [3, 2]) {
    const candidate = new Date(Date.UTC(year, month - 1, day) - offsetHours * 3_600_000);
    const parts = helsinkiParts(candidate);
    if (parts.date === iso && parts.hour === 0) return candidate;
  }
  return new Date(Date.UTC(year, month - 1, day) - 2 * 3_600_000);
}
