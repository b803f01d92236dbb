/**
 * Finnish personal identity code (henkilötunnus, "hetu") helpers.
 *
 * Format `DDMMYY C NNN Q` (reference/backends.md §2.5): birth date, century sign, individual number and a check
 * character over the nine digits DDMMYYNNN (mod 31). Since 2023 the century sign is part of the identity
 * (`010594Y9032` and `010594-9032` can be two people), so the sign is never normalised away.
 */

const HETU_PATTERN = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9ABCDEFHJKLMNPRSTUVWXY])$/;
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/** The primary (pre-2023) century sign used when we create codes. */
const PRIMARY_SIGN_BY_CENTURY: Readonly<Record<number, string>> = { 1800: '+', 1900: '-', 2000: 'A' };

/** Individual numbers 900–999 are never given to real persons: test and temporary codes only. */
export const TEST_INDIVIDUAL_NUMBER_MIN = 900;
export const TEST_INDIVIDUAL_NUMBER_MAX = 999;

interface ParsedHetu {
  year: number;
  month: number;
  day: number;
  individualNumber: number;
}

/** The check character for the nine digits DDMMYYNNN. */
export function hetuCheckCharacter(dateDigits: string, individualDigits: string): string {
  const value = Number.parseInt(`${dateDigits}${individualDigits}`, 10);
  return CHECK_CHARACTERS.charAt(value % 31);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseHetu(code: string): ParsedHetu | null {
  const match = HETU_PATTERN.exec(code);
  if (!match) return null;
  const [, dd, mm, yy, sign, nnn, check] = match as unknown as [string, string, string, string, string, string, string];
  const century = CENTURY_BY_SIGN[sign];
  if (century === undefined) return null;
  const year = century + Number.parseInt(yy, 10);
  const month = Number.parseInt(mm, 10);
  const day = Number.parseInt(dd, 10);
  if (!isRealDate(year, month, day)) return null;
  const individualNumber = Number.parseInt(nnn, 10);
  // 000 and 001 are not in use.
  if (individualNumber < 2) return null;
  if (hetuCheckCharacter(`${dd}${mm}${yy}`, nnn) !== check) return null;
  return { year, month, day, individualNumber };
}

/**
 * True when `code` is a well-formed identity code: pattern (upper case only), a century sign including the
 * signs in force since 1 January 2023, a real calendar date, an individual number of 002–999 and the right
 * check character.
 */
export function isValidHetu(code: unknown): code is string {
  return typeof code === 'string' && parseHetu(code) !== null;
}

/** True when `code` is valid and its individual number is in the test range 900–999. */
export function isTestHetu(code: unknown): code is string {
  if (typeof code !== 'string') return false;
  const parsed = parseHetu(code);
  return parsed !== null && parsed.individualNumber >= TEST_INDIVIDUAL_NUMBER_MIN;
}

/** The birth date (`YYYY-MM-DD`) encoded in a valid identity code, or `null` for an invalid one. */
export function hetuBirthDate(code: string): string | null {
  const parsed = parseHetu(code);
  if (!parsed) return null;
  return `${String(parsed.year).padStart(4, '0')}-${String(parsed.month).padStart(2, '0')}-${String(parsed.day).padStart(2, '0')}`;
}

/**
 * A test identity code for a birth date (`YYYY-MM-DD`, years 1800–2099) and an individual number of 900–999
 * (odd = male, even = female). Uses the primary century sign (`+`, `-` or `A`).
 */
export function makeTestHetu(birthDate: string, individualNumber: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new RangeError(`birth date must be YYYY-MM-DD, got "${birthDate}"`);
  const [, yyyy, mm, dd] = match as unknown as [string, string, string, string];
  const year = Number.parseInt(yyyy, 10);
  if (!isRealDate(year, Number.parseInt(mm, 10), Number.parseInt(dd, 10))) {
    throw new RangeError(`not a calendar date: ${birthDate}`);
  }
  const sign = PRIMARY_SIGN_BY_CENTURY[Math.floor(year / 100) * 100];
  if (sign === undefined) throw new RangeError(`year out of range 1800–2099: ${year}`);
  if (
    !Number.isInteger(individualNumber) ||
    individualNumber < TEST_INDIVIDUAL_NUMBER_MIN ||
    individualNumber > TEST_INDIVIDUAL_NUMBER_MAX
  ) {
    throw new RangeError(`test individual number must be an integer 900–999, got ${individualNumber}`);
  }
  const dateDigits = `${dd}${mm}${yyyy.slice(2)}`;
  const individualDigits = String(individualNumber);
  return `${dateDigits}${sign}${individualDigits}${hetuCheckCharacter(dateDigits, individualDigits)}`;
}
