/**
 * The synthetic population (shared/DESIGN.md, "Test citizens"). Every date is relative to `today` in
 * Europe/Helsinki so that each citizen's situation always holds, whatever day the demo or the tests run.
 *
 * Dates are anchored to the calendar year (or month) rather than to the exact day where the situation allows it,
 * so identity codes stay the same for as long as possible (a year for most people, a month for those whose age
 * must be exact). Everything else comes from a fixed seed: the same day always gives the same population.
 */
import { createHash } from 'node:crypto';
import { makeTestHetu } from '../../src/identity/hetu.js';

export type CitizenKey = 'maija' | 'matti' | 'aino' | 'juha' | 'liisa';

export interface TestChild {
  key: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  hetu: string;
  /** Turvakielto (address non-disclosure). */
  nonDisclosure: boolean;
}

export interface TestCitizen {
  key: CitizenKey;
  /** Stable pseudonymous subject identifier; a fixed UUID, unrelated to the identity code. */
  sub: string;
  hetu: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** Municipality id as in server/config/municipalities (e.g. `nivala`). */
  municipality: string;
  /** Kuntanumero, three digits (e.g. `535`). */
  municipalityCode: string;
  /** Municipality name in Finnish (= Swedish for all eleven). */
  municipalityName: string;
  /** YYYY-MM-DD: the day the citizen moved into the current home municipality. */
  movedInAt: string;
  children: TestChild[];
}

export const DEFAULT_POPULATION_SEED = 'kunta-akkuna-population-v1';

/** The calendar date of `instant` in Europe/Helsinki. */
export function helsinkiDate(instant: Date): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string): number => Number.parseInt(parts.find((p) => p.type === type)?.value ?? 'NaN', 10);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** `YYYY-MM-DD` of `instant` in Europe/Helsinki. */
export function helsinkiIsoDate(instant: Date): string {
  const { year, month, day } = helsinkiDate(instant);
  return isoDate(year, month, day);
}

/** Full years between a birth date and a day (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A deterministic integer in [min, max] for (seed, label). */
function pick(seed: string, label: string, min: number, max: number): number {
  const digest = createHash('sha256').update(`${seed}\u0000${label}`).digest();
  return min + (digest.readUInt32BE(0) % (max - min + 1));
}

/** A test individual number (900–999) with the given parity: odd = male, even = female. */
function individualNumber(seed: string, label: string, sex: 'female' | 'male'): number {
  const n = pick(seed, `${label}:nnn`, 450, 499) * 2; // 900–998, even
  return sex === 'male' ? n + 1 : n;
}

/** A day in `year` whose month and day come from the seed (days 1–28 exist in every month). */
function dayInYear(seed: string, label: string, year: number): string {
  return isoDate(year, pick(seed, `${label}:month`, 1, 12), pick(seed, `${label}:day`, 1, 28));
}

/**
 * A day in the month before (`year`, `month`). Whoever is born then is exactly `Y - year` years old on every
 * day of month `month` of year `Y`.
 */
function dayInPreviousMonth(seed: string, label: string, year: number, month: number): string {
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return isoDate(y, m, pick(seed, `${label}:day`, 1, 28));
}

interface PersonSpec {
  seedLabel: string;
  sex: 'female' | 'male';
  birthDate: string;
}

function hetuFor(seed: string, person: PersonSpec): string {
  return makeTestHetu(person.birthDate, individualNumber(seed, person.seedLabel, person.sex));
}

function child(
  seed: string,
  key: string,
  givenName: string,
  familyName: string,
  sex: 'female' | 'male',
  birthDate: string,
): TestChild {
  return {
    key,
    givenName,
    familyName,
    birthDate,
    hetu: hetuFor(seed, { seedLabel: `child:${key}`, sex, birthDate }),
    nonDisclosure: false,
  };
}

/**
 * The five test citizens for `today` (default: now), deterministic for a given Helsinki calendar day and seed.
 *
 * - Maija Meikäläinen, Nivala: a child who starts pre-school next August (turns 6 in that year) and a child aged 1–2.
 * - Matti Virtanen, Kalajoki: moved in within the last two months; no children.
 * - Aino Korhonen, Ylivieska: aged 78.
 * - Juha Nieminen, Haapavesi: a child aged 15.
 * - Liisa Laine, Sievi: no children.
 */
export function testCitizens(today: Date = new Date(), seed: string = DEFAULT_POPULATION_SEED): TestCitizen[] {
  const { year, month } = helsinkiDate(today);
  const todayIso = helsinkiIsoDate(today);

  const person = (seedLabel: string, sex: 'female' | 'male', birthDate: string) => ({
    birthDate,
    hetu: hetuFor(seed, { seedLabel, sex, birthDate }),
  });

  const maija = person('maija', 'female', dayInYear(seed, 'maija:birth', year - 34));
  const matti = person('matti', 'male', dayInYear(seed, 'matti:birth', year - 41));
  const aino = person('aino', 'female', dayInPreviousMonth(seed, 'aino:birth', year - 78, month));
  const juha = person('juha', 'male', dayInYear(seed, 'juha:birth', year - 46));
  const liisa = person('liisa', 'female', dayInYear(seed, 'liisa:birth', year - 29));

  return [
    {
      key: 'maija',
      sub: '72ea88c3-1da9-4236-9f61-94cd976dc50f',
      ...maija,
      givenName: 'Maija',
      familyName: 'Meikäläinen',
      municipality: 'nivala',
      municipalityCode: '535',
      municipalityName: 'Nivala',
      movedInAt: dayInYear(seed, 'maija:moved', year - 8),
      children: [
        // Starts pre-school next August, i.e. turns 6 in the year of next August: from August that is next year,
        // before August this year. So the enrolment period (January–February) is upcoming in August–December,
        // open in January–February and over (late enrolment) in March–July.
        child(seed, 'eino', 'Eino', 'Meikäläinen', 'male', dayInYear(seed, 'eino:birth', year - (month >= 8 ? 5 : 6))),
        // Born two calendar years ago: aged 1 or 2 on every day of this year.
        child(seed, 'helmi', 'Helmi', 'Meikäläinen', 'female', dayInYear(seed, 'helmi:birth', year - 2)),
      ],
    },
    {
      key: 'matti',
      sub: '17a0a69f-c556-43db-807a-49f244977b44',
      ...matti,
      givenName: 'Matti',
      familyName: 'Virtanen',
      municipality: 'kalajoki',
      municipalityCode: '208',
      municipalityName: 'Kalajoki',
      movedInAt: addDays(todayIso, -pick(seed, 'matti:moved', 10, 45)),
      children: [],
    },
    {
      key: 'aino',
      sub: 'd40612b5-4fbd-4dba-be72-896747d4e655',
      ...aino,
      givenName: 'Aino',
      familyName: 'Korhonen',
      municipality: 'ylivieska',
      municipalityCode: '977',
      municipalityName: 'Ylivieska',
      movedInAt: dayInYear(seed, 'aino:moved', year - 52),
      children: [],
    },
    {
      key: 'juha',
      sub: '47b51801-0bdc-44b4-b975-f5d7b5c39197',
      ...juha,
      givenName: 'Juha',
      familyName: 'Nieminen',
      municipality: 'haapavesi',
      municipalityCode: '071',
      municipalityName: 'Haapavesi',
      movedInAt: dayInYear(seed, 'juha:moved', year - 19),
      children: [
        // Born in the month before this month, fifteen years ago: exactly 15 all month.
        child(seed, 'venla', 'Venla', 'Nieminen', 'female', dayInPreviousMonth(seed, 'venla:birth', year - 15, month)),
      ],
    },
    {
      key: 'liisa',
      sub: '97c3c204-e656-40b4-9689-419823f9e183',
      ...liisa,
      givenName: 'Liisa',
      familyName: 'Laine',
      municipality: 'sievi',
      municipalityCode: '746',
      municipalityName: 'Sievi',
      movedInAt: dayInYear(seed, 'liisa:moved', year - 3),
      children: [],
    },
  ];
}

/** One citizen by key; throws for an unknown key. */
export function testCitizen(key: CitizenKey, today: Date = new Date()): TestCitizen {
  const found = testCitizens(today).find((c) => c.key === key);
  if (!found) throw new Error(`unknown test citizen ${key}`);
  return found;
}
