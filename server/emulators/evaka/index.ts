/**
 * eVaka emulator: the eVaka *service* (not its public API gateway) of one or more municipalities' own instances,
 * answering with eVaka's own types (espoon-voltti/evaka, see server/test/fixtures/evaka/SOURCE.md). Mounted at
 * `/evaka/<instance>`, e.g. `/evaka/nivala/citizen/applications/by-guardian`; each instance has its own keys,
 * persons and applications, as each municipality's eVaka has its own database.
 *
 * Who may call, as in eVaka (service RequestToAuthenticatedUser.kt, HttpFilterConfig.kt): an RS256 JWT in
 * `Authorization: Bearer`, verified against the instance's JWKS, and the user in `X-User` (JSON). `/system/*`
 * wants `{"type":"system"}`, `/citizen/*` a citizen `{"type":"citizen","id":<person id>}`; no valid JWT → 401,
 * the wrong user type → 403.
 * - `POST /system/citizen-login` `{ socialSecurityNumber, firstName, lastName }` → `CitizenUserIdentity { id }`
 * - `GET /citizen/applications/children` → `CitizenChildren[]` (the one answer with the children's identity codes)
 * - `GET /citizen/applications/by-guardian` → `ApplicationsOfChild[]` (no `modifiedDate`, no CANCELLED rows)
 * - `GET /citizen/decisions` → `ApplicationDecisions` (only decisions of applications in WAITING_CONFIRMATION,
 *   ACTIVE or REJECTED, as DecisionQueries.kt getOwnDecisions)
 * Seed: in Nivala's instance, Maija's younger child (Helmi) has a DAYCARE application in WAITING_DECISION.
 *
 * Control: `GET /__control/evaka/applications`; `PUT /__control/evaka/applications/:id/status` `{ "status" }`
 * moves an application (WAITING_CONFIRMATION sends a PENDING decision, ACTIVE accepts it, REJECTED rejects it).
 * eVaka does not push and has no webhook: the aggregation server polls it.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import { helsinkiDay, uuidFrom } from '../ids.js';
import type { TestCitizen } from '../population/citizens.js';
import { DEV_EVAKA_PUBLIC_JWK } from './dev-key.js';

export const EVAKA_SOURCE = 'evaka';

export const EVAKA_FAULT_BODIES = {
  errorBody: { message: 'Internal Server Error', errorCode: null },
  truncatedBody: '[{"childId":"',
  wrongShapeBody: { applications: 'n/a' },
};

/** Instance id (the municipality id) → the public keys its JWKS lists. Default: Nivala, with the dev key. */
export type EvakaInstances = Readonly<Record<string, readonly JWK[]>>;
export const DEFAULT_EVAKA_INSTANCES: EvakaInstances = { nivala: [DEV_EVAKA_PUBLIC_JWK] };

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
  instance: string;
  guardianSsn: string;
  childSsn: string;
  applicationId: string;
  type: 'DAYCARE' | 'PRESCHOOL' | 'CLUB';
  childName: string;
  preferredUnitName: string;
  allPreferredUnitNames: string[];
  startDate: string;
  sentDate: string | null;
  applicationStatus: Status;
  /** HelsinkiDateTime. */
  createdDate: string;
}

interface Decision {
  id: string;
  applicationId: string;
  type: 'DAYCARE' | 'PRESCHOOL' | 'CLUB';
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  sentDate: string;
  resolved: string | null;
}

/** The first day of the month about `months` ahead: eVaka start dates are usually month starts. */
function monthStart(now: number, months: number): string {
  const [y, m] = helsinkiDay(now, 0).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** An instant as eVaka's HelsinkiDateTime serialises it: local time with the Helsinki offset. */
export function helsinkiDateTime(instant: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Math.floor(instant / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** Decisions that reach the citizen's list: sent, of an application the guardian must or did answer. */
const DECISION_VISIBLE: ReadonlySet<Status> = new Set(['WAITING_CONFIRMATION', 'ACTIVE', 'REJECTED']);

export class EvakaStore {
  #applications: Application[] = [];
  #decisions: Decision[] = [];
  readonly #citizens: () => readonly TestCitizen[];
  readonly #now: () => number;
  readonly #instances: readonly string[];

  constructor(citizens: () => readonly TestCitizen[], now: () => number, instances: readonly string[]) {
    this.#citizens = citizens;
    this.#now = now;
    this.#instances = instances;
    this.reset();
  }

  reset(): void {
    const now = this.#now();
    this.#decisions = [];
    this.#applications = [];
    const maija = this.#citizens().find((c) => c.key === 'maija');
    const helmi = maija?.children.find((c) => c.key === 'helmi');
    if (maija && helmi && this.#instances.includes(maija.municipality)) {
      this.#applications.push({
        instance: maija.municipality,
        guardianSsn: maija.hetu,
        childSsn: helmi.hetu,
        applicationId: uuidFrom(`evaka-application:${helmi.hetu}:daycare`),
        type: 'DAYCARE',
        childName: `${helmi.familyName} ${helmi.givenName}`,
        preferredUnitName: 'Päiväkoti Pikkukarhu',
        allPreferredUnitNames: ['Päiväkoti Pikkukarhu', 'Päiväkoti Vekara'],
        startDate: monthStart(now, 3),
        sentDate: helsinkiDay(now, -45),
        applicationStatus: 'WAITING_DECISION',
        createdDate: helsinkiDateTime(now - 46 * 86_400_000),
      });
    }
  }

  /** eVaka's person id: per instance, as each instance has its own person table. */
  personId(instance: string, ssn: string): string {
    return uuidFrom(`evaka-person:${instance}:${ssn}`);
  }

  #guardian(instance: string, personId: string): TestCitizen | undefined {
    return this.#citizens().find((c) => this.personId(instance, c.hetu) === personId);
  }

  /** `CitizenChildren[]`. */
  children(instance: string, personId: string) {
    return (this.#guardian(instance, personId)?.children ?? []).map((child) => ({
      dateOfBirth: child.birthDate,
      duplicateOf: null,
      firstName: child.givenName,
      id: this.personId(instance, child.hetu),
      lastName: child.familyName,
      socialSecurityNumber: child.hetu,
    }));
  }

  #own(instance: string, personId: string): Application[] {
    const guardian = this.#guardian(instance, personId);
    return this.#applications.filter((a) => a.instance === instance && a.guardianSsn === guardian?.hetu);
  }

  #decidable(application: Application): boolean {
    return (
      (application.applicationStatus === 'WAITING_CONFIRMATION' || application.applicationStatus === 'ACTIVE') &&
      this.#decisions.some((d) => d.applicationId === application.applicationId && d.status === 'PENDING')
    );
  }

  /** `ApplicationsOfChild[]`: every child, with or without applications; no CANCELLED rows. */
  byGuardian(instance: string, personId: string) {
    const own = this.#own(instance, personId).filter((a) => a.applicationStatus !== 'CANCELLED');
    return this.children(instance, personId).map((child) => {
      const applications = own
        .filter((a) => this.personId(instance, a.childSsn) === child.id)
        .sort((a, b) => (b.sentDate ?? '').localeCompare(a.sentDate ?? ''));
      return {
        applicationSummaries: applications.map((a) => ({
          allPreferredUnitNames: [...a.allPreferredUnitNames],
          applicationId: a.applicationId,
          applicationStatus: a.applicationStatus,
          childId: child.id,
          childName: a.childName,
          createdDate: a.createdDate,
          preferredUnitName: a.preferredUnitName,
          sentDate: a.sentDate,
          startDate: a.startDate,
          transferApplication: false,
          type: a.type,
        })),
        childId: child.id,
        childName: `${child.firstName} ${child.lastName}`,
        decidableApplications: applications.filter((a) => this.#decidable(a)).map((a) => a.applicationId),
        duplicateOf: null,
        permittedActions: Object.fromEntries(
          applications.map((a) => [
            a.applicationId,
            ['CREATED', 'SENT'].includes(a.applicationStatus)
              ? ['READ', 'READ_DECISIONS', 'DELETE', 'UPDATE', 'UPLOAD_ATTACHMENT']
              : ['READ', 'READ_DECISIONS'],
          ]),
        ),
      };
    });
  }

  /** `ApplicationDecisions`. */
  decisions(instance: string, personId: string) {
    const applications = this.#own(instance, personId).filter((a) => DECISION_VISIBLE.has(a.applicationStatus));
    const decisions = this.#decisions.flatMap((d) => {
      const application = applications.find((a) => a.applicationId === d.applicationId);
      if (!application) return [];
      const childId = this.personId(instance, application.childSsn);
      const { applicationId, id, resolved, sentDate, status, type } = d;
      return [{ applicationId, childId, id, resolved, sentDate, status, type }];
    });
    return {
      decidableApplications: applications.filter((a) => this.#decidable(a)).map((a) => a.applicationId),
      decisions,
      permittedActions: Object.fromEntries(decisions.map((d) => [d.id, ['READ', 'DOWNLOAD_PDF']])),
    };
  }

  /** For the control API: without identity codes. */
  all() {
    return this.#applications.map(({ guardianSsn: _g, childSsn: _c, ...rest }) => structuredClone(rest));
  }

  setStatus(applicationId: string, status: Status) {
    const app = this.#applications.find((a) => a.applicationId === applicationId);
    if (!app) return null;
    const now = this.#now();
    app.applicationStatus = status;
    if (status !== 'CREATED') app.sentDate ??= helsinkiDay(now, 0);
    let decision = this.#decisions.find((d) => d.applicationId === applicationId);
    if (['WAITING_CONFIRMATION', 'ACTIVE', 'REJECTED'].includes(status) && !decision) {
      decision = {
        id: uuidFrom(`evaka-decision:${applicationId}`),
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
  instances: EvakaInstances;
}

type EvakaUser = { type: 'system' } | { type: 'citizen'; id: string };

export const evakaEmulator: FastifyPluginAsync<EvakaEmulatorOptions> = async (app, opts) => {
  const keySets = new Map(
    Object.entries(opts.instances).map(([id, keys]) => [id, createLocalJWKSet({ keys: [...keys] })]),
  );
  app.addHook('onRequest', opts.faults.hook(EVAKA_SOURCE));

  /** The user eVaka would see, or a reply already sent (as HttpAccessControl does). */
  async function user(
    request: FastifyRequest<{ Params: { instance: string } }>,
    reply: FastifyReply,
    wanted: EvakaUser['type'],
  ): Promise<EvakaUser | null> {
    const keys = keySets.get(request.params.instance);
    if (!keys) return (reply.code(404).send({ message: 'Not Found', errorCode: null }), null);
    const token = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    let found: EvakaUser | null = null;
    try {
      if (!token) throw new Error('no token');
      await jwtVerify(token, keys, { algorithms: ['RS256'], clockTolerance: 1 });
      const header = request.headers['x-user'];
      const parsed = typeof header === 'string' ? (JSON.parse(header) as Partial<EvakaUser>) : null;
      if (parsed?.type === 'system') found = { type: 'system' };
      if (parsed?.type === 'citizen' && typeof parsed.id === 'string') found = { type: 'citizen', id: parsed.id };
    } catch {
      found = null;
    }
    if (!found) return (reply.code(401).send({ message: 'Unauthorized', errorCode: null }), null);
    if (found.type !== wanted) return (reply.code(403).send({ message: 'Forbidden', errorCode: null }), null);
    return found;
  }

  type InstanceRequest = FastifyRequest<{ Params: { instance: string } }>;
  app.post('/:instance/system/citizen-login', async (request: InstanceRequest, reply) => {
    if (!(await user(request, reply, 'system'))) return reply;
    const ssn = (request.body as { socialSecurityNumber?: unknown } | null)?.socialSecurityNumber;
    if (!isValidHetu(ssn)) return reply.code(400).send({ message: 'Invalid SSN', errorCode: null });
    return { id: opts.store.personId(request.params.instance, ssn as string) };
  });
  const citizenGet = (path: string, answer: (instance: string, personId: string) => unknown) =>
    app.get(`/:instance${path}`, async (request: InstanceRequest, reply) => {
      const citizen = await user(request, reply, 'citizen');
      if (!citizen || citizen.type !== 'citizen') return reply;
      return answer(request.params.instance, citizen.id);
    });
  citizenGet('/citizen/applications/children', (i, p) => opts.store.children(i, p));
  citizenGet('/citizen/applications/by-guardian', (i, p) => opts.store.byGuardian(i, p));
  citizenGet('/citizen/decisions', (i, p) => opts.store.decisions(i, p));
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
