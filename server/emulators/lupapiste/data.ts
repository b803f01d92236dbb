/**
 * The emulated Lupapiste's applications. Each is kept as Lupapiste keeps an application (with its `history`, where
 * state changes and handler assignments are entries), and searched as `applications-search` answers: the row
 * projection of lupapiste/lupapiste src/lupapalvelu/application_search.clj (`frontend-fields` and the indicator
 * fields), which has no `history` and no `created`. Histories walk legal edges of the state graph (states.ts).
 * Times are epoch milliseconds relative to the emulator's "now", at office hours in Europe/Helsinki.
 */
import type { CitizenKey, TestCitizen } from '../population/citizens.js';
import { isLegalTransition, type LupapisteState } from './states.js';

/** `usr/summary` of a user (user.clj `summary-keys`). */
export interface LupapisteUserSummary {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  role: 'applicant' | 'authority';
}

/** A state change (application_state.clj `history-entry`) or a handler assignment (application.clj). */
export type LupapisteHistoryEntry =
  | { state: LupapisteState; ts: number; user: LupapisteUserSummary }
  | { handler: LupapisteHandler & { 'new-entry'?: boolean }; ts: number; user: LupapisteUserSummary };

export interface LupapisteHandler {
  id: string;
  roleId: string;
  userId: string;
  firstName: string;
  lastName: string;
}

/** `primaryOperation`: application.clj `make-op`. */
export interface LupapisteOperation {
  id: string;
  name: string;
  description: string | null;
  created: number;
}

/** The stored application: the fields the emulator keeps of Lupapiste's application document. */
export interface LupapisteApplication {
  id: string;
  address: string;
  applicant: string;
  creator: LupapisteUserSummary;
  handlers: LupapisteHandler[];
  authorityNotice: string;
  infoRequest: false;
  location: [number, number];
  municipality: string;
  organization: string;
  permitType: 'R';
  primaryOperation: LupapisteOperation;
  state: LupapisteState;
  created: number;
  submitted: number | null;
  modified: number;
  verdictDate?: number;
  kuntalupatunnus: string | null;
  urgency: 'normal';
  foreman: string;
  foremanRole: string;
  history: LupapisteHistoryEntry[];
}

/** One row of `applications-search`, as Lupapiste returns it to an applicant. */
export interface LupapisteApplicationRow {
  id: string;
  address: string;
  applicant: string;
  creator: LupapisteUserSummary;
  handlers: Array<Omit<LupapisteHandler, 'id'>>;
  authorityNotice: string;
  infoRequest: false;
  kind: 'applications.application';
  location: { x: number; y: number };
  modified: number;
  municipality: string;
  organization: string;
  primaryOperation: LupapisteOperation;
  state: LupapisteState;
  submitted: number | null;
  urgency: 'normal';
  foreman: string;
  foremanRole: string;
  permitType: 'R';
  verdictDate?: number;
  kuntalupatunnus: string | null;
  documentModificationsPerDoc: Record<string, number>;
  documentModifications: number;
  unseenComments: number;
  unseenStatements: number;
  unseenVerdicts: number;
  unseenAuthorityNotice: boolean;
  attachmentsRequiringAction: number;
  fullyArchived: boolean;
  indicators: number;
  statementsSummary: null;
}

interface Person {
  firstName: string;
  lastName: string;
}

interface ApplicationPlan {
  owner: CitizenKey;
  counter: number;
  address: string;
  /** Operation name (operations.clj), e.g. `pientalo`. */
  operation: string;
  /** ETRS-TM35FIN coordinates of the site (the answer's `location`). */
  location: [number, number];
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
/** The id of the general handler role (organization `handler-roles`); synthetic, in Lupapiste's id format. */
const GENERAL_HANDLER_ROLE = 'abba1111111111111111acdc';

/** Which party moves an application into a state. */
const APPLICANT_STATES: ReadonlySet<LupapisteState> = new Set(['draft', 'open', 'submitted']);

const PLANS: readonly ApplicationPlan[] = [
  {
    // New detached house; the inspector asked for a complement: the citizen must act.
    owner: 'maija',
    counter: 12,
    address: 'Haapaniementie 14',
    operation: 'pientalo',
    location: [388_412.5, 7_101_236.0],
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
    operation: 'vapaa-ajan-asuinrakennus',
    location: [381_950.0, 7_110_480.0],
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
    operation: 'purkaminen',
    location: [389_020.0, 7_099_870.0],
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
    operation: 'pientalo',
    location: [412_300.0, 7_120_150.0],
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

/** A Lupapiste-style id (24 hex digits, as MongoDB's), derived from a name so that seeds are stable. */
function objectId(name: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 24; round++) {
    for (const ch of `${round}:${name}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, 24);
}

function applicantOf(citizen: TestCitizen): LupapisteUserSummary {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return {
    id: objectId(`user:${citizen.key}`),
    username: `${ascii(citizen.givenName)}.${ascii(citizen.familyName)}@example.com`,
    firstName: citizen.givenName,
    lastName: citizen.familyName,
    role: 'applicant',
  };
}

function authorityOf(municipalityCode: string): LupapisteUserSummary {
  const person = AUTHORITIES[municipalityCode] ?? DEFAULT_AUTHORITY;
  return {
    id: objectId(`authority:${municipalityCode}`),
    username: `rakennusvalvonta.${municipalityCode}@example.com`,
    ...person,
    role: 'authority',
  };
}

/** A municipal permit number as the backing system gives it at verdict time: `YY-NNNN-R`. */
function kuntalupatunnus(verdictTs: number, counter: number): string {
  return `${String(helsinkiYear(verdictTs) % 100).padStart(2, '0')}-${String(counter * 7 + 100).padStart(4, '0')}-R`;
}

export interface StoredApplication {
  /** The applicant's identity code (the user's `personId` in Lupapiste): the key of the search, never in a row. */
  personId: string;
  counter: number;
  application: LupapisteApplication;
}

function applyState(stored: StoredApplication, state: LupapisteState, ts: number, user: LupapisteUserSummary): void {
  const app = stored.application;
  // The authority takes the application up: it is assigned a handler first, as Lupapiste records it (no state).
  if (state === 'sent' && app.handlers.length === 0) {
    const authority = authorityOf(app.municipality);
    const handler: LupapisteHandler = {
      id: objectId(`handler:${app.id}`),
      roleId: GENERAL_HANDLER_ROLE,
      userId: authority.id,
      firstName: authority.firstName,
      lastName: authority.lastName,
    };
    app.handlers.push(handler);
    app.history.push({ handler: { ...handler, 'new-entry': true }, ts, user: authority });
  }
  app.history.push({ state, ts, user });
  app.state = state;
  app.modified = ts;
  if (state === 'submitted' && app.submitted === null) app.submitted = ts;
  if (state === 'verdictGiven') {
    app.verdictDate = ts;
    app.kuntalupatunnus ??= kuntalupatunnus(ts, stored.counter);
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
    const applicant = applicantOf(citizen);
    const id = `LP-${citizen.municipalityCode}-${helsinkiYear(created)}-${String(plan.counter).padStart(5, '0')}`;
    const stored: StoredApplication = {
      personId: citizen.hetu,
      counter: plan.counter,
      application: {
        id,
        address: plan.address,
        applicant: `${citizen.familyName} ${citizen.givenName}`,
        creator: applicant,
        handlers: [],
        authorityNotice: '',
        infoRequest: false,
        location: plan.location,
        municipality: citizen.municipalityCode,
        organization: `${citizen.municipalityCode}-R`,
        permitType: 'R',
        primaryOperation: { id: objectId(`op:${id}`), name: plan.operation, description: null, created },
        state: 'draft',
        created,
        submitted: null,
        modified: created,
        kuntalupatunnus: null,
        urgency: 'normal',
        foreman: '',
        foremanRole: '',
        history: [{ state: 'draft', ts: created, user: applicant }],
      },
    };
    let previous: LupapisteState = 'draft';
    for (const [state, daysBefore, hhmm] of rest) {
      if (!isLegalTransition(previous, state)) throw new Error(`seed walks an illegal edge ${previous} → ${state}`);
      const actor = APPLICANT_STATES.has(state) ? applicant : authorityOf(citizen.municipalityCode);
      applyState(stored, state, helsinkiTime(now, daysBefore, hhmm), actor);
      previous = state;
    }
    apps.push(stored);
  }
  return apps;
}

/** `applications-search`'s row for an applicant (application_search.clj `select-fields` of `enrich-row`). */
export function toSearchRow(app: LupapisteApplication): LupapisteApplicationRow {
  const unseenVerdicts = app.verdictDate === undefined ? 0 : 1;
  return {
    id: app.id,
    address: app.address,
    applicant: app.applicant,
    creator: { ...app.creator },
    handlers: app.handlers.map(({ firstName, lastName, userId, roleId }) => ({ firstName, lastName, userId, roleId })),
    authorityNotice: app.authorityNotice,
    infoRequest: app.infoRequest,
    kind: 'applications.application',
    location: { x: app.location[0], y: app.location[1] },
    modified: app.modified,
    municipality: app.municipality,
    organization: app.organization,
    primaryOperation: { ...app.primaryOperation },
    state: app.state,
    submitted: app.submitted,
    urgency: app.urgency,
    foreman: app.foreman,
    foremanRole: app.foremanRole,
    permitType: app.permitType,
    ...(app.verdictDate === undefined ? {} : { verdictDate: app.verdictDate }),
    kuntalupatunnus: app.kuntalupatunnus,
    // Indicators as an applicant sees them (application_meta_fields.clj): authority-only ones are 0 or empty.
    documentModificationsPerDoc: {},
    documentModifications: 0,
    unseenComments: 0,
    unseenStatements: 0,
    unseenVerdicts,
    unseenAuthorityNotice: false,
    attachmentsRequiringAction: 0,
    fullyArchived: false,
    indicators: unseenVerdicts,
    statementsSummary: null,
  };
}

export type StateChangeResult =
  | { ok: true; application: LupapisteApplication; previousState: LupapisteState; personId: string }
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

  /**
   * The applicant's applications as `applications-search` lists them: all but cancelled ones (the applicant's
   * "all" filter), most recently modified first, `skip`/`limit` applied (copies).
   */
  search(personId: string, page: { skip: number; limit: number }): LupapisteApplicationRow[] {
    return this.#apps
      .filter((a) => a.personId === personId && a.application.state !== 'canceled')
      .map((a) => toSearchRow(a.application))
      .sort((a, b) => b.modified - a.modified)
      .slice(page.skip, page.skip + page.limit);
  }

  /** Whether the applicant has any application at all (`userTotalCount`: 1 or 0, as Lupapiste counts it). */
  hasAny(personId: string): boolean {
    return this.#apps.some((a) => a.personId === personId);
  }

  /** The stored applications, with their history (control API). */
  all(): LupapisteApplication[] {
    return this.#apps.map((a) => structuredClone(a.application));
  }

  /** Moves an application along one legal edge and records it in the history. */
  changeState(id: string, to: LupapisteState): StateChangeResult {
    const stored = this.#apps.find((a) => a.application.id === id);
    if (!stored) return { ok: false, reason: 'not-found' };
    const from = stored.application.state;
    if (!isLegalTransition(from, to)) return { ok: false, reason: 'illegal-transition', from };
    const citizen = this.#citizens().find((c) => c.hetu === stored.personId);
    const user =
      APPLICANT_STATES.has(to) && citizen ? applicantOf(citizen) : authorityOf(stored.application.municipality);
    // Strictly after the previous event, even if the emulator's clock was set into the past.
    const ts = Math.max(this.#now(), stored.application.modified + 1000);
    applyState(stored, to, ts, user);
    return {
      ok: true,
      application: structuredClone(stored.application),
      previousState: from,
      personId: stored.personId,
    };
  }
}
