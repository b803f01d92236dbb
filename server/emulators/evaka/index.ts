/**
 * eVaka emulator: early-childhood-education applications and decisions as a guardian sees them, in eVaka's
 * citizen API format (reference/backends.md §6; espoon-voltti/evaka ApplicationControllerCitizen.kt), mounted at
 * `/evaka` so paths are `/evaka/api/citizen/...` as behind eVaka's API gateway.
 *
 * Server-to-server identification (eVaka itself uses a cookie session from Suomi.fi login): the integration
 * sends `Authorization: Bearer <token>` (dev `dev-evaka-token`) and the guardian's identity code in the header
 * `X-Evaka-Citizen-Ssn` — never in the URL.
 * - `GET /api/citizen/children` → `{ children: [{ id, firstName, lastName, preferredName, socialSecurityNumber,
 *   duplicateOf }] }` (the integration variant carries the child's identity code, as eVaka's person records do)
 * - `GET /api/citizen/applications/by-guardian` → `ApplicationsOfChild[]`
 * - `GET /api/citizen/decisions` → `{ decisions: [...], permittedActions, decidableApplications }`
 * Seed: Maija's younger child (Helmi) has a DAYCARE application in WAITING_DECISION. Nobody else has any.
 *
 * Control: `GET /__control/evaka/applications`; `PUT /__control/evaka/applications/:id/status` `{ "status" }`
 * moves an application (WAITING_CONFIRMATION creates a PENDING decision, ACTIVE accepts it, REJECTED rejects it).
 * eVaka does not push: the aggregation server polls it.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import { helsinkiDay, uuidFrom } from '../ids.js';
import { bearerMatches } from '../lupapiste/index.js';
import type { TestCitizen } from '../population/citizens.js';

export const EVAKA_SOURCE = 'evaka';
export const DEV_EVAKA_TOKEN = 'dev-evaka-token';
export const EVAKA_CITIZEN_HEADER = 'x-evaka-citizen-ssn';

export const EVAKA_FAULT_BODIES = {
  errorBody: { message: 'Internal Server Error', errorCode: null },
  truncatedBody: '[{"childId":"',
  wrongShapeBody: { applications: 'n/a' },
};

const STATUSES = [
  'CREATED',
  'SENT',
  'WAITING_PLACEMENT',
  'WAITING_UNIT_CONFIRMATION',
  'WAITING_DECISION',
  'WAITING_MAILING',
  'WAITING_CONFIRMATION',
  'REJECTED',
  'ACTIVE',
  'CANCELLED',
] as const;
type Status = (typeof STATUSES)[number];

interface Application {
  guardianSsn: string;
  childSsn: string;
  childId: string;
  childName: string;
  applicationId: string;
  type: 'DAYCARE' | 'PRESCHOOL' | 'CLUB';
  preferredUnitName: string;
  allPreferredUnitNames: string[];
  startDate: string;
  sentDate: string | null;
  applicationStatus: Status;
  createdDate: string;
  modifiedDate: string;
}

interface Decision {
  id: string;
  childId: string;
  applicationId: string;
  type: 'DAYCARE' | 'PRESCHOOL' | 'CLUB';
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  sentDate: string;
  resolved: string | null;
}

/** The first day of the month about `months` ahead: eVaka start dates are usually month starts. */
function monthStart(now: number, months: number): string {
  const [y, m] = helsinkiDay(now, 0).split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return date.toISOString().slice(0, 10);
}

export class EvakaStore {
  #applications: Application[] = [];
  #decisions: Decision[] = [];
  readonly #citizens: () => readonly TestCitizen[];
  readonly #now: () => number;

  constructor(citizens: () => readonly TestCitizen[], now: () => number) {
    this.#citizens = citizens;
    this.#now = now;
    this.reset();
  }

  reset(): void {
    const now = this.#now();
    this.#decisions = [];
    this.#applications = [];
    const maija = this.#citizens().find((c) => c.key === 'maija');
    const helmi = maija?.children.find((c) => c.key === 'helmi');
    if (maija && helmi) {
      const created = new Date(now - 46 * 86_400_000).toISOString();
      this.#applications.push({
        guardianSsn: maija.hetu,
        childSsn: helmi.hetu,
        childId: uuidFrom(`evaka-child:${helmi.hetu}`),
        childName: `${helmi.familyName} ${helmi.givenName}`,
        applicationId: uuidFrom(`evaka-application:${helmi.hetu}:daycare`),
        type: 'DAYCARE',
        preferredUnitName: 'Päiväkoti Pikkukarhu',
        allPreferredUnitNames: ['Päiväkoti Pikkukarhu', 'Päiväkoti Vekara'],
        startDate: monthStart(now, 3),
        sentDate: helsinkiDay(now, -45),
        applicationStatus: 'WAITING_DECISION',
        createdDate: created,
        modifiedDate: new Date(now - 12 * 86_400_000).toISOString(),
      });
    }
  }

  children(guardianSsn: string) {
    const guardian = this.#citizens().find((c) => c.hetu === guardianSsn);
    return (guardian?.children ?? []).map((child) => ({
      id: uuidFrom(`evaka-child:${child.hetu}`),
      firstName: child.givenName,
      lastName: child.familyName,
      preferredName: child.givenName,
      socialSecurityNumber: child.hetu,
      duplicateOf: null,
    }));
  }

  byGuardian(guardianSsn: string) {
    const children = this.children(guardianSsn);
    return children.map((child) => ({
      childId: child.id,
      childName: `${child.lastName} ${child.firstName}`,
      applicationSummaries: this.#applications
        .filter((a) => a.guardianSsn === guardianSsn && a.childId === child.id)
        .map(({ guardianSsn: _g, childSsn: _c, ...summary }) => ({ ...summary, transferApplication: false })),
      permittedActions: {},
      decidableApplications: [],
      duplicateOf: null,
    }));
  }

  decisions(guardianSsn: string) {
    const ids = new Set(this.#applications.filter((a) => a.guardianSsn === guardianSsn).map((a) => a.applicationId));
    return {
      decisions: this.#decisions.filter((d) => ids.has(d.applicationId)),
      permittedActions: {},
      decidableApplications: [],
    };
  }

  /** For the control API: without identity codes. */
  all(): Omit<Application, 'guardianSsn' | 'childSsn'>[] {
    return this.#applications.map(({ guardianSsn: _g, childSsn: _c, ...rest }) => structuredClone(rest));
  }

  setStatus(applicationId: string, status: Status): Omit<Application, 'guardianSsn' | 'childSsn'> | null {
    const app = this.#applications.find((a) => a.applicationId === applicationId);
    if (!app) return null;
    const now = this.#now();
    app.applicationStatus = status;
    app.modifiedDate = new Date(now).toISOString();
    if (status !== 'CREATED') app.sentDate ??= helsinkiDay(now, 0);
    let decision = this.#decisions.find((d) => d.applicationId === applicationId);
    if (['WAITING_MAILING', 'WAITING_CONFIRMATION', 'ACTIVE', 'REJECTED'].includes(status) && !decision) {
      decision = {
        id: uuidFrom(`evaka-decision:${applicationId}`),
        childId: app.childId,
        applicationId,
        type: app.type,
        status: 'PENDING',
        sentDate: helsinkiDay(now, 0),
        resolved: null,
      };
      this.#decisions.push(decision);
    }
    if (decision && (status === 'ACTIVE' || status === 'REJECTED')) {
      decision.status = status === 'ACTIVE' ? 'ACCEPTED' : 'REJECTED';
      decision.resolved = helsinkiDay(now, 0);
    }
    const { guardianSsn: _g, childSsn: _c, ...rest } = app;
    return structuredClone(rest);
  }
}

export interface EvakaEmulatorOptions {
  store: EvakaStore;
  faults: FaultInjector;
  token: string;
}

export const evakaEmulator: FastifyPluginAsync<EvakaEmulatorOptions> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(EVAKA_SOURCE));
  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, opts.token)) {
      return reply.code(401).send({ message: 'Unauthorized', errorCode: null });
    }
    if (!isValidHetu(request.headers[EVAKA_CITIZEN_HEADER])) {
      return reply.code(403).send({ message: 'Forbidden', errorCode: null });
    }
  });
  const ssn = (headers: Record<string, unknown>) => headers[EVAKA_CITIZEN_HEADER] as string;

  app.get('/api/citizen/children', async (request) => ({ children: opts.store.children(ssn(request.headers)) }));
  app.get('/api/citizen/applications/by-guardian', async (request) => opts.store.byGuardian(ssn(request.headers)));
  app.get('/api/citizen/decisions', async (request) => opts.store.decisions(ssn(request.headers)));
};

export async function evakaControl(app: FastifyInstance, opts: { store: EvakaStore }): Promise<void> {
  app.get('/applications', async () => ({ applications: opts.store.all() }));
  app.put<{ Params: { id: string } }>('/applications/:id/status', async (request, reply) => {
    const status = (request.body as { status?: unknown } | null)?.status;
    if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
      return reply.code(400).send({ error: `status must be one of ${STATUSES.join(', ')}` });
    }
    const updated = opts.store.setStatus(request.params.id, status as Status);
    return updated ?? reply.code(404).send({ error: 'no such application' });
  });
}
