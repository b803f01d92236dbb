/**
 * The emulated Lupapiste's applications, in the row format of the `applications-search` query
 * (reference/backends.md §5.2) and with histories that walk legal edges of the state graph (§5.1).
 * Times are epoch milliseconds relative to the emulator's "now", at office hours in Europe/Helsinki.
 */
import type { CitizenKey, TestCitizen } from '../population/citizens.js';
import { isLegalTransition, type LupapisteState } from './states.js';

export type LupapisteRole = 'applicant' | 'authority';

export interface LupapisteHistoryEntry {
  state: LupapisteState;
  ts: number;
  user: { firstName: string; lastName: string; role: LupapisteRole };
}

/** One row of `applications-search`, as Lupapiste returns it. */
export interface LupapisteApplicationRow {
  id: string;
  address: string;
  applicant: string;
  municipality: string;
  organization: string;
  permitType: 'R';
  primaryOperation: string;
  state: LupapisteState;
  created: number;
  submitted: number | null;
  modified: number;
  verdictDate: number | null;
  kuntalupatunnus: string | null;
  infoRequest: false;
  urgency: 'normal';
  history: LupapisteHistoryEntry[];
}

interface Person {
  firstName: string;
  lastName: string;
}

interface ApplicationPlan {
  owner: CitizenKey;
  counter: number;
  address: string;
  primaryOperation: string;
  /** The state walk from `draft`, each with days before today and a Helsinki time "HH:MM". */
  steps: Array<[LupapisteState, number, string]>;
}

/** Building inspectors (rakennustarkastaja) per municipality code; names are synthetic. */
const AUTHORITIES: Readonly<Record<string, Person>> = {
  '535': { firstName: 'Kari', lastName: 'Hautala' },
  '071': { firstName: 'Sari', lastName: 'Kinnunen' },
  '208': { firstName: 'Timo', lastName: 'Rahko' },
  '977': { firstName: 'Pirjo', lastName: 'Saari' },
  '746': { firstName: 'Jari', lastName: 'Kangas' },
};
const DEFAULT_AUTHORITY: Person = { firstName: 'Rakennusvalvonta', lastName: 'Viranomainen' };

/** Which party moves an application into a state. */
const APPLICANT_STATES: ReadonlySet<LupapisteState> = new Set(['draft', 'open', 'submitted']);

const PLANS: readonly ApplicationPlan[] = [
  {
    // New detached house; the inspector asked for a complement: the citizen must act.
    owner: 'maija',
    counter: 12,
    address: 'Haapaniementie 14',
    primaryOperation: 'pientalo',
    steps: [
      ['draft', 74, '19:42'],
      ['submitted', 61, '20:15'],
      ['sent', 57, '09:30'],
      ['complementNeeded', 9, '13:05'],
    ],
  },
  {
    // Summer cottage by Pidisjärvi; with the authority, no verdict yet.
    owner: 'maija',
    counter: 27,
    address: 'Pidisjärventie 218',
    primaryOperation: 'vapaa-ajan-asuinrakennus',
    steps: [
      ['draft', 31, '18:20'],
      ['submitted', 22, '21:02'],
      ['sent', 16, '10:45'],
    ],
  },
  {
    // Demolition of an old outbuilding; decided.
    owner: 'maija',
    counter: 5,
    address: 'Kalliontie 3',
    primaryOperation: 'purkaminen',
    steps: [
      ['draft', 141, '17:55'],
      ['submitted', 128, '20:40'],
      ['sent', 121, '08:50'],
      ['verdictGiven', 36, '14:10'],
    ],
  },
  {
    // Detached house in Haapavesi; verdict given, start notice and inspections next.
    owner: 'juha',
    counter: 19,
    address: 'Vatjusjärventie 12',
    primaryOperation: 'pientalo',
    steps: [
      ['draft', 103, '20:05'],
      ['submitted', 88, '19:30'],
      ['sent', 84, '09:15'],
      ['verdictGiven', 12, '11:20'],
    ],
  },
];

const HOUR = 3_600_000;

/** The epoch ms of Helsinki wall-clock `hhmm` on the day `daysBefore` days before the Helsinki day of `now`. */
export function helsinkiTime(now: number, daysBefore: number, hhmm: string): number {
  const todayParts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now));
  const [y, m, d] = todayParts.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const wallClock = Date.UTC(y, m - 1, d - daysBefore, hh, mm);
  // Helsinki is UTC+2 in winter and UTC+3 in summer: take the offset that maps back to the same wall clock.
  for (const offset of [2, 3]) {
    const candidate = wallClock - offset * HOUR;
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(candidate));
    if (shown === hhmm) return candidate;
  }
  return wallClock - 2 * HOUR;
}

function helsinkiYear(ts: number): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(ts));
}

function actorFor(state: LupapisteState, citizen: TestCitizen): LupapisteHistoryEntry['user'] {
  if (APPLICANT_STATES.has(state)) {
    return { firstName: citizen.givenName, lastName: citizen.familyName, role: 'applicant' };
  }
  const authority = AUTHORITIES[citizen.municipalityCode] ?? DEFAULT_AUTHORITY;
  return { ...authority, role: 'authority' };
}

/** A municipal permit number as the backing system gives it at verdict time: `YY-NNNN-R`. */
function kuntalupatunnus(verdictTs: number, counter: number): string {
  return `${String(helsinkiYear(verdictTs) % 100).padStart(2, '0')}-${String(counter * 7 + 100).padStart(4, '0')}-R`;
}

export interface StoredApplication {
  /** The applicant's identity code: the key of the search, never part of the row. */
  personId: string;
  counter: number;
  row: LupapisteApplicationRow;
}

function applyState(
  app: StoredApplication,
  state: LupapisteState,
  ts: number,
  user: LupapisteHistoryEntry['user'],
): void {
  const { row } = app;
  row.history.push({ state, ts, user });
  row.state = state;
  row.modified = ts;
  if (state === 'submitted' && row.submitted === null) row.submitted = ts;
  if (state === 'verdictGiven') {
    row.verdictDate = ts;
    row.kuntalupatunnus ??= kuntalupatunnus(ts, app.counter);
  }
}

/** The seeded applications of the test citizens, as of `now` (epoch ms). */
export function seedApplications(citizens: readonly TestCitizen[], now: number): StoredApplication[] {
  const apps: StoredApplication[] = [];
  for (const plan of PLANS) {
    const citizen = citizens.find((c) => c.key === plan.owner);
    if (!citizen) continue;
    const [first, ...rest] = plan.steps;
    if (!first || first[0] !== 'draft') throw new Error('an application starts as a draft');
    const created = helsinkiTime(now, first[1], first[2]);
    const app: StoredApplication = {
      personId: citizen.hetu,
      counter: plan.counter,
      row: {
        id: `LP-${citizen.municipalityCode}-${helsinkiYear(created)}-${String(plan.counter).padStart(5, '0')}`,
        address: plan.address,
        applicant: `${citizen.familyName} ${citizen.givenName}`,
        municipality: citizen.municipalityCode,
        organization: `${citizen.municipalityCode}-R`,
        permitType: 'R',
        primaryOperation: plan.primaryOperation,
        state: 'draft',
        created,
        submitted: null,
        modified: created,
        verdictDate: null,
        kuntalupatunnus: null,
        infoRequest: false,
        urgency: 'normal',
        history: [{ state: 'draft', ts: created, user: actorFor('draft', citizen) }],
      },
    };
    let previous: LupapisteState = 'draft';
    for (const [state, daysBefore, hhmm] of rest) {
      if (!isLegalTransition(previous, state)) throw new Error(`seed walks an illegal edge ${previous} → ${state}`);
      applyState(app, state, helsinkiTime(now, daysBefore, hhmm), actorFor(state, citizen));
      previous = state;
    }
    apps.push(app);
  }
  return apps;
}

export type StateChangeResult =
  | { ok: true; row: LupapisteApplicationRow; previousState: LupapisteState; personId: string }
  | { ok: false; reason: 'not-found' | 'illegal-transition'; from?: LupapisteState };

/** The emulator's mutable application store. */
export class LupapisteStore {
  #apps: StoredApplication[] = [];
  readonly #citizens: () => readonly TestCitizen[];
  readonly #now: () => number;

  constructor(citizens: () => readonly TestCitizen[], now: () => number) {
    this.#citizens = citizens;
    this.#now = now;
    this.reset();
  }

  reset(): void {
    this.#apps = seedApplications(this.#citizens(), this.#now());
  }

  /** Rows where `personId` is the applicant, most recently modified first (copies). */
  search(personId: string): LupapisteApplicationRow[] {
    return this.#apps
      .filter((a) => a.personId === personId)
      .map((a) => structuredClone(a.row))
      .sort((a, b) => b.modified - a.modified);
  }

  all(): LupapisteApplicationRow[] {
    return this.#apps.map((a) => structuredClone(a.row));
  }

  /** Moves an application along one legal edge and records it in the history. */
  changeState(id: string, to: LupapisteState): StateChangeResult {
    const app = this.#apps.find((a) => a.row.id === id);
    if (!app) return { ok: false, reason: 'not-found' };
    const from = app.row.state;
    if (!isLegalTransition(from, to)) return { ok: false, reason: 'illegal-transition', from };
    const citizen = this.#citizens().find((c) => c.hetu === app.personId);
    const user: LupapisteHistoryEntry['user'] = citizen
      ? actorFor(to, citizen)
      : { ...DEFAULT_AUTHORITY, role: APPLICANT_STATES.has(to) ? 'applicant' : 'authority' };
    // Strictly after the previous event, even if the emulator's clock was set into the past.
    const ts = Math.max(this.#now(), app.row.modified + 1000);
    applyState(app, to, ts, user);
    return { ok: true, row: structuredClone(app.row), previousState: from, personId: app.personId };
  }
}
