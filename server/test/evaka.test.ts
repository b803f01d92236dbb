// eVaka against its own types: fixtures of eVaka's real answers (test/fixtures/evaka, SOURCE.md) through the
// response schemas, the pure mapper and the HTTP connector; the emulator checked against the fixtures' shapes;
// one malformed row among good ones; one eVaka instance per municipality.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT, createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { startEmulators, type StartedEmulators } from '../emulators/app.js';
import { DEV_EVAKA_PUBLIC_JWK } from '../emulators/evaka/dev-key.js';
import { testCitizen } from '../emulators/population/citizens.js';
import { EvakaSource, evakaSigningKey } from '../src/connectors/evaka/index.js';
import type { EvakaSourceConfig } from '../src/connectors/evaka/config.js';
import { mapEvakaCases, type EvakaAnswers } from '../src/connectors/evaka/evaka.mapper.js';
import {
  applicationChildrenCheck,
  applicationDecisionsCheck,
  applicationsByGuardianCheck,
  applicationsOfChildCheck,
  citizenApplicationSummaryCheck,
  citizenChildrenCheck,
  citizenUserIdentityCheck,
  decisionSummaryCheck,
} from '../src/connectors/evaka/evaka.schemas.js';
import { OutboundHttp } from '../src/connectors/outbound-http.js';
import type { Case } from '../src/schemas/case.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../src/tenants/load-municipalities.js';
import { buildTestApp, type MunicipalityFile, type TestApp } from './helpers/app.js';
import { allSourcesNivala, bearer } from './helpers/sources.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'evaka');
const fixture = <T = unknown>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
/** A stand-in for the server's keyed pseudonym: stable, and not the identity code. */
const ref = (hetu: string) => `ref:${createHash('sha256').update(hetu).digest('hex').slice(0, 16)}`;
const PUBLIC_URL = 'https://evaka.nivala.fi';
const ids = {
  eino: '3a6f0e2b-9c1d-4f5e-8a7b-2c3d4e5f6a7b',
  helmiDaycare: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
  helmiClub: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
};

function answers(): EvakaAnswers {
  return {
    children: fixture('applications-children.json'),
    byGuardian: fixture('applications-by-guardian.json'),
    decisions: fixture('decisions.json'),
  };
}

/** A fresh RS256 key pair, as a municipality would make for its instance. */
function keyPair(kid: string): { privateKey: string; jwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as JWK;
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), jwk };
}

/** Nivala's configured dev key (the default of EVAKA_NIVALA_JWT_KEY). */
function nivalaDevKey(): string {
  const file = readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'nivala.json'), 'utf8');
  return /"\$\{EVAKA_NIVALA_JWT_KEY:-([^}]+)\}"/.exec(file)![1]!;
}

function source(config: Partial<EvakaSourceConfig> & Pick<EvakaSourceConfig, 'baseUrl' | 'jwtPrivateKey'>) {
  return new EvakaSource(
    'nivala',
    { jwtKid: 'kunta-akkuna-dev', publicUrl: PUBLIC_URL, ...config },
    { childRef: ref, http: (id, options) => new OutboundHttp(id, options) },
  );
}

const call = () => ({ signal: AbortSignal.timeout(5000), deadline: performance.now() + 5000 });
const byId = (cases: readonly Case[], id: string) => cases.find((c) => c.id === `evaka:${id}`);
const timeline = (c: Case | undefined) => c?.timeline.map((e) => `${e.status}:${e.label.en}`);

describe('eVaka fixtures through the response schemas', () => {
  test("each answer's envelope and every row validate against eVaka's types", () => {
    const { children, byGuardian, decisions } = answers();
    assert.ok(citizenUserIdentityCheck.Check(fixture('citizen-login.json')));
    assert.ok(applicationChildrenCheck.Check(children) && children.every((c) => citizenChildrenCheck.Check(c)));
    assert.ok(applicationsByGuardianCheck.Check(byGuardian));
    for (const group of byGuardian) {
      assert.ok(applicationsOfChildCheck.Check(group));
      for (const row of group.applicationSummaries) assert.ok(citizenApplicationSummaryCheck.Check(row));
    }
    assert.ok(applicationDecisionsCheck.Check(decisions));
    assert.ok(decisions.decisions.every((d) => decisionSummaryCheck.Check(d)));
  });

  test('an application summary has no modifiedDate, as eVaka hides it from citizens', () => {
    for (const group of answers().byGuardian as Array<{ applicationSummaries: object[] }>) {
      for (const row of group.applicationSummaries) assert.ok(!('modifiedDate' in row));
    }
  });
});

describe('eVaka mapper, on the fixtures', () => {
  const { cases, skipped } = mapEvakaCases(answers(), { publicUrl: PUBLIC_URL, childRef: ref });

  test('every row maps, none is skipped, and no identity code is in a case', () => {
    assert.equal(cases.length, 3);
    assert.deepEqual(skipped, []);
    assert.ok(!JSON.stringify(cases).includes('170621A976P') && !JSON.stringify(cases).includes('030225A954S'));
  });

  test('created and sent on the same day: the timeline says created, then sent', () => {
    const eino = byId(cases, ids.eino);
    assert.deepEqual(eino?.title, {
      fi: 'Esiopetushakemus, Eino',
      sv: 'Ansökan om förskoleundervisning, Eino',
      en: 'Pre-school application, Eino',
    });
    assert.equal(eino?.status, 'submitted');
    assert.deepEqual(timeline(eino), ['draft:Application created', 'submitted:Sent']);
    assert.deepEqual(
      eino?.timeline.map((e) => e.label.fi),
      ['Hakemus luotu', 'Lähetetty'],
    );
    const [created, sent] = eino!.timeline;
    assert.ok(created!.at <= sent!.at, 'sent is never before created');
    assert.equal(created!.at, '2026-01-15T16:40:12.345Z');
    assert.equal(eino?.nextStep?.en, 'The application has been sent. You do not need to do anything.');
    // eVaka lets the applicant edit a sent application that nobody has started on (UPDATE permitted).
    assert.deepEqual(eino?.actions, [
      {
        label: { fi: 'Muokkaa hakemusta', sv: 'Uppdatera ansökan', en: 'Edit application' },
        href: `${PUBLIC_URL}/applications/${ids.eino}/edit`,
      },
    ]);
    assert.deepEqual(eino?.subject, { kind: 'child', ref: ref('170621A976P'), givenName: 'Eino' });
  });

  test('a decision waiting for the guardian is action required, with links to confirm and to the application', () => {
    const daycare = byId(cases, ids.helmiDaycare);
    assert.equal(daycare?.title.fi, 'Varhaiskasvatushakemus, Helmi');
    assert.equal(daycare?.status, 'action_required');
    assert.equal(daycare?.sourceStatus, 'WAITING_CONFIRMATION');
    assert.deepEqual(timeline(daycare), [
      'draft:Application created',
      'submitted:Sent',
      'decided:Decision sent: early childhood education',
    ]);
    assert.equal(daycare?.timeline[2]?.label.fi, 'Päätös lähetetty: varhaiskasvatus');
    assert.equal(daycare?.timeline[2]?.at, '2026-11-19T22:00:00.000Z', 'the decision day begins in Helsinki');
    assert.match(daycare?.nextStep?.fi ?? '', /Vahvista paikka/);
    assert.deepEqual(
      daycare?.actions.map((a) => [a.label.en, a.href]),
      [
        ['Review and confirm the decision', `${PUBLIC_URL}/decisions/pending`],
        ['Open application', `${PUBLIC_URL}/applications/${ids.helmiDaycare}`],
      ],
    );
    assert.equal(daycare?.updatedAt, daycare?.timeline.at(-1)?.at);
  });

  test('a draft is a draft, with a link to go on with it', () => {
    const club = byId(cases, ids.helmiClub);
    assert.equal(club?.title.sv, 'Ansökan till klubbverksamhet, Helmi');
    assert.equal(club?.status, 'draft');
    assert.deepEqual(timeline(club), ['draft:Application created']);
    assert.equal(club?.nextStep?.sv, 'Ansökan är ett utkast. Fyll i den och skicka den.');
    assert.deepEqual(club?.actions, [
      {
        label: { fi: 'Jatka hakemusta', sv: 'Fortsätt med ansökan', en: 'Continue the application' },
        href: `${PUBLIC_URL}/applications/${ids.helmiClub}/edit`,
      },
    ]);
  });

  test('an accepted place is decided, and an application still to be answered stays action required', () => {
    const input = answers();
    const groups = input.byGuardian as Array<{ applicationSummaries: Array<Record<string, unknown>> }>;
    groups[1]!.applicationSummaries[0]!.applicationStatus = 'ACTIVE';
    const decision = input.decisions.decisions[0] as Record<string, unknown>;
    const stillDecidable = mapEvakaCases(input, { publicUrl: PUBLIC_URL, childRef: ref });
    assert.equal(byId(stillDecidable.cases, ids.helmiDaycare)?.status, 'action_required');

    Object.assign(decision, { status: 'ACCEPTED', resolved: '2026-11-22' });
    (input.byGuardian[1] as { decidableApplications: string[] }).decidableApplications = [];
    input.decisions.decidableApplications = [];
    const accepted = byId(mapEvakaCases(input, { publicUrl: PUBLIC_URL, childRef: ref }).cases, ids.helmiDaycare);
    assert.equal(accepted?.status, 'decided');
    assert.deepEqual(timeline(accepted)?.slice(-2), [
      'decided:Decision sent: early childhood education',
      'decided:Place confirmed',
    ]);
    assert.equal(accepted?.nextStep, null);
    assert.deepEqual(
      accepted?.actions.map((a) => a.href),
      [`${PUBLIC_URL}/decisions`, `${PUBLIC_URL}/applications/${ids.helmiDaycare}`],
    );
  });

  test('every eVaka status has a unified status, and a cancelled application is left out as eVaka does', () => {
    const expected: Record<string, string | undefined> = {
      CREATED: 'draft',
      SENT: 'submitted',
      WAITING_PLACEMENT: 'in_progress',
      WAITING_UNIT_CONFIRMATION: 'in_progress',
      WAITING_DECISION: 'in_progress',
      WAITING_MAILING: 'in_progress',
      WAITING_CONFIRMATION: 'action_required',
      ACTIVE: 'decided',
      REJECTED: 'closed',
      CANCELLED: undefined,
    };
    for (const [status, unified] of Object.entries(expected)) {
      const input = answers();
      const group = input.byGuardian[0] as { applicationSummaries: Array<Record<string, unknown>> };
      group.applicationSummaries[0]!.applicationStatus = status;
      const result = mapEvakaCases(input, { publicUrl: PUBLIC_URL, childRef: ref });
      assert.equal(byId(result.cases, ids.eino)?.status, unified, status);
      assert.deepEqual(result.skipped, [], status);
      if (unified) assert.ok(byId(result.cases, ids.eino)?.nextStep || status === 'ACTIVE' || status === 'REJECTED');
    }
  });
});

describe('eVaka: one malformed row among good ones', () => {
  function malformed(): EvakaAnswers {
    const input = answers();
    const group = input.byGuardian[0] as { applicationSummaries: Array<Record<string, unknown>> };
    const good = group.applicationSummaries[0]!;
    group.applicationSummaries.push(
      { ...good, applicationId: '11111111-2222-4333-8444-555555555555', applicationStatus: 'ON_HOLD' },
      { ...good, applicationId: '11111111-2222-4333-8444-666666666666', createdDate: 'yesterday-ish, roughly' },
    );
    const { applicationId: _dropped, ...noId } = good;
    group.applicationSummaries.push(noId);
    input.decisions.decisions.push({ ...(input.decisions.decisions[0] as object), sentDate: '20.11.2026' });
    return input;
  }

  test('the good rows are shown, the bad ones are named by a fixed reason, without a value from the row', () => {
    const { cases, skipped } = mapEvakaCases(malformed(), { publicUrl: PUBLIC_URL, childRef: ref });
    assert.deepEqual(
      cases.map((c) => c.id).sort(),
      Object.values(ids)
        .map((id) => `evaka:${id}`)
        .sort(),
    );
    assert.deepEqual(skipped.map((s) => s.reason).sort(), ['bad_date', 'bad_date', 'missing_field', 'unknown_state']);
    assert.ok(!JSON.stringify(skipped).includes('ON_HOLD'));
  });

  test('an application of a child eVaka gives no identity code for is left out and counted', () => {
    const input = answers();
    (input.children[1] as Record<string, unknown>).socialSecurityNumber = null;
    const { cases, skipped } = mapEvakaCases(input, { publicUrl: PUBLIC_URL, childRef: ref });
    assert.deepEqual(
      cases.map((c) => c.id),
      [`evaka:${ids.eino}`],
    );
    assert.deepEqual(skipped, [{ reason: 'unknown_child' }, { reason: 'unknown_child' }]);
  });
});

/**
 * A stand-in for one eVaka service that answers with the fixtures (and a malformed row when asked), and checks
 * what eVaka checks: an RS256 JWT from its JWKS, and the user type in X-User.
 */
async function fixtureService(
  jwks: JWK[],
  extraRow = false,
): Promise<{ url: string; app: FastifyInstance; logins: unknown[] }> {
  const app = Fastify();
  const keys = createLocalJWKSet({ keys: jwks });
  const logins: unknown[] = [];
  app.addHook('onRequest', async (request, reply) => {
    try {
      await jwtVerify(request.headers.authorization?.replace(/^Bearer /, '') ?? '', keys, { algorithms: ['RS256'] });
    } catch {
      return reply.code(401).send();
    }
    const user = JSON.parse(String(request.headers['x-user'] ?? '{}')) as { type?: string; id?: string };
    const wanted = request.url.startsWith('/system/') ? 'system' : 'citizen';
    if (user.type !== wanted) return reply.code(403).send();
    if (wanted === 'citizen' && user.id !== fixture<{ id: string }>('citizen-login.json').id) {
      return reply.code(403).send();
    }
  });
  app.post('/system/citizen-login', async (request) => {
    logins.push(request.body);
    return fixture('citizen-login.json');
  });
  app.get('/citizen/applications/children', async () => fixture('applications-children.json'));
  app.get('/citizen/applications/by-guardian', async () => {
    const body = fixture<Array<{ applicationSummaries: unknown[] }>>('applications-by-guardian.json');
    if (extraRow) body[0]!.applicationSummaries.push({ applicationId: 'not-a-uuid', applicationStatus: 'SENT' });
    return body;
  });
  app.get('/citizen/decisions', async () => fixture('decisions.json'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, logins };
}

describe('eVaka HTTP connector, on the fixtures', () => {
  const key = keyPair('nivala-2026');
  let service: Awaited<ReturnType<typeof fixtureService>>;
  before(async () => {
    service = await fixtureService([key.jwk]);
  });
  after(async () => service.app.close());

  test('signs in the citizen as eVaka does, reads the three answers and shows what the citizen would see', async () => {
    const evaka = source({ baseUrl: service.url, jwtPrivateKey: key.privateKey, jwtKid: 'nivala-2026' });
    try {
      const { cases, skipped } = await evaka.fetchCases({ identityCode: '140588-932U', ...call() });
      assert.deepEqual(skipped, []);
      assert.deepEqual(
        cases.map((c) => [c.title.en, c.status]),
        [
          ['Club application, Helmi', 'draft'],
          ['Early childhood education application, Helmi', 'action_required'],
          ['Pre-school application, Eino', 'submitted'],
        ],
      );
      assert.deepEqual(timeline(byId(cases, ids.eino)), ['draft:Application created', 'submitted:Sent']);
      assert.equal(byId(cases, ids.helmiDaycare)?.actions[0]?.href, `${PUBLIC_URL}/decisions/pending`);
      assert.equal(byId(cases, ids.helmiDaycare)?.nextStep?.en?.startsWith('Accept or reject the place'), true);
      assert.deepEqual(service.logins, [{ socialSecurityNumber: '140588-932U', firstName: '', lastName: '' }]);
      // The person id is remembered: a second read does not sign the citizen in again.
      await evaka.fetchCases({ identityCode: '140588-932U', ...call() });
      assert.equal(service.logins.length, 1);
    } finally {
      await evaka.close();
    }
  });

  test('a key that is not in the instance JWKS is refused, and the source is unavailable', async () => {
    const other = keyPair('someone-else');
    const evaka = source({ baseUrl: service.url, jwtPrivateKey: other.privateKey, jwtKid: 'someone-else' });
    await assert.rejects(evaka.fetchCases({ identityCode: '140588-932U', ...call() }), { reason: 'http_status' });
  });
});

describe('eVaka: a malformed row through the whole API', () => {
  const key = keyPair('nivala-2026');
  let service: Awaited<ReturnType<typeof fixtureService>>;
  let t: TestApp;
  before(async () => {
    service = await fixtureService([key.jwk], true);
    t = await buildTestApp(
      {},
      {
        nivala: allSourcesNivala(1500, (config) => {
          Object.assign(config.sources.evaka, {
            baseUrl: service.url,
            jwtPrivateKey: key.privateKey,
            jwtKid: 'nivala-2026',
          });
        }),
      },
    );
  });
  after(async () => {
    await t.close();
    await service.app.close();
  });

  test('the source says partial, with how many rows were left out', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: await bearer(t, t.hetu.maija) });
    assert.equal(response.statusCode, 200);
    const evaka = (
      response.json() as { sources: Array<{ id: string; status: string; omitted?: number }> }
    ).sources.find((s) => s.id === 'evaka');
    assert.equal(evaka?.status, 'partial');
    assert.equal(evaka?.omitted, 1);
  });
});

/** The shape of a JSON value: keys and types, arrays by the shapes of their items; null fits any type. */
function shapeErrors(real: unknown, ours: unknown, path = ''): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (real === null || ours === null) return [];
  if (kind(real) !== kind(ours)) return [`${path || '/'}: eVaka ${kind(real)}, emulator ${kind(ours)}`];
  if (Array.isArray(real) && Array.isArray(ours)) {
    if (real.length === 0 || ours.length === 0) return [];
    return ours.flatMap((item, i) => shapeErrors(real[0], item, `${path}/${i}`));
  }
  if (kind(real) !== 'object') return [];
  const a = real as Record<string, unknown>;
  const b = ours as Record<string, unknown>;
  // permittedActions is a map keyed by ids: its keys are data, not fields.
  if (path.endsWith('permittedActions')) {
    const sample = Object.values(a)[0];
    return Object.values(b).flatMap((v) => shapeErrors(sample, v, `${path}/*`));
  }
  const missing = Object.keys(a)
    .filter((k) => !(k in b))
    .map((k) => `${path}/${k}: missing in the emulator`);
  const extra = Object.keys(b)
    .filter((k) => !(k in a))
    .map((k) => `${path}/${k}: not in eVaka's answer`);
  return [
    ...missing,
    ...extra,
    ...Object.keys(a)
      .filter((k) => k in b)
      .flatMap((k) => shapeErrors(a[k], b[k], `${path}/${k}`)),
  ];
}

describe('eVaka emulator contract', () => {
  let emulator: StartedEmulators;
  const haapavesi = keyPair('haapavesi-2026');
  before(async () => {
    emulator = await startEmulators({
      port: 0,
      evakaInstances: { nivala: [DEV_EVAKA_PUBLIC_JWK], haapavesi: [haapavesi.jwk] },
    });
  });
  after(async () => emulator.close());

  const nivala = () => source({ baseUrl: `${emulator.url}/evaka/nivala`, jwtPrivateKey: nivalaDevKey() });

  async function read(instance: string, privateKey: string, kid: string, identityCode: string) {
    const key = evakaSigningKey(privateKey);
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setExpirationTime('5m').sign(key);
    const base = `${emulator.url}/evaka/${instance}`;
    const login = await fetch(`${base}/system/citizen-login`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'x-user': '{"type":"system"}', 'content-type': 'application/json' },
      body: JSON.stringify({ socialSecurityNumber: identityCode, firstName: '', lastName: '' }),
    });
    const identity = (await login.json()) as { id: string };
    const headers = { authorization: `Bearer ${jwt}`, 'x-user': JSON.stringify({ type: 'citizen', id: identity.id }) };
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers })).json();
    return {
      identity,
      children: await get('/citizen/applications/children'),
      byGuardian: await get('/citizen/applications/by-guardian'),
      decisions: await get('/citizen/decisions'),
      jwt,
    };
  }

  test("the emulator answers with the same keys and types as eVaka's answers", async () => {
    const hetu = testCitizen('maija').hetu;
    const list = (await (await fetch(`${emulator.url}/__control/evaka/applications`)).json()) as {
      applications: Array<{ applicationId: string }>;
    };
    await fetch(`${emulator.url}/__control/evaka/applications/${list.applications[0]!.applicationId}/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'WAITING_CONFIRMATION' }),
    });
    try {
      const ours = await read('nivala', nivalaDevKey(), 'kunta-akkuna-dev', hetu);
      assert.deepEqual(shapeErrors(fixture('citizen-login.json'), ours.identity), []);
      assert.deepEqual(shapeErrors(fixture('applications-children.json'), ours.children), []);
      assert.deepEqual(shapeErrors(fixture('applications-by-guardian.json'), ours.byGuardian), []);
      assert.deepEqual(shapeErrors(fixture('decisions.json'), ours.decisions), []);
      assert.equal((ours.decisions as { decisions: unknown[] }).decisions.length, 1, 'the decision is listed');
    } finally {
      await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
    }
  });

  test('like eVaka, it wants a JWT from its JWKS and the right user type', async () => {
    const base = `${emulator.url}/evaka/nivala`;
    assert.equal((await fetch(`${base}/citizen/decisions`)).status, 401);
    const { jwt } = await read('nivala', nivalaDevKey(), 'kunta-akkuna-dev', '140588-932U');
    const asSystem = await fetch(`${base}/citizen/decisions`, {
      headers: { authorization: `Bearer ${jwt}`, 'x-user': '{"type":"system"}' },
    });
    assert.equal(asSystem.status, 403);
    const elsewhere = await fetch(`${emulator.url}/evaka/haapavesi/citizen/decisions`, {
      headers: { authorization: `Bearer ${jwt}`, 'x-user': '{"type":"citizen","id":"x"}' },
    });
    assert.equal(elsewhere.status, 401, "Nivala's key is not in Haapavesi's JWKS");
  });

  test('each municipality has its own eVaka: Maija through Haapavesi sees none of her Nivala applications', async () => {
    const hetu = testCitizen('maija').hetu;
    const fromNivala = nivala();
    const fromHaapavesi = new EvakaSource(
      'haapavesi',
      {
        baseUrl: `${emulator.url}/evaka/haapavesi`,
        jwtPrivateKey: haapavesi.privateKey,
        jwtKid: 'haapavesi-2026',
        publicUrl: 'https://evaka.haapavesi.fi',
      },
      { childRef: ref, http: (id, options) => new OutboundHttp(id, options) },
    );
    try {
      const there = await fromNivala.fetchCases({ identityCode: hetu, ...call() });
      assert.equal(there.cases.length, 1);
      assert.match(there.cases[0]!.actions[0]!.href, /^https:\/\/evaka\.nivala\.fi\/applications\//);
      const here = await fromHaapavesi.fetchCases({ identityCode: hetu, ...call() });
      assert.deepEqual(here, { cases: [], skipped: [] });
    } finally {
      await fromNivala.close();
      await fromHaapavesi.close();
    }
  });
});

describe('eVaka tenancy through the whole API', () => {
  const haapavesiKey = keyPair('haapavesi-2026');
  let t: TestApp;
  let emulator: StartedEmulators;
  before(async () => {
    emulator = await startEmulators({
      port: 0,
      evakaInstances: { nivala: [DEV_EVAKA_PUBLIC_JWK], haapavesi: [haapavesiKey.jwk] },
    });
    const haapavesi = JSON.parse(
      readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'haapavesi.json'), 'utf8'),
    ) as MunicipalityFile;
    delete haapavesi.sources.ptv; // its background refresh is not what this test is about
    haapavesi.sources.evaka = {
      baseUrl: `${emulator.url}/evaka/haapavesi`,
      jwtPrivateKey: haapavesiKey.privateKey,
      jwtKid: 'haapavesi-2026',
      publicUrl: 'https://evaka.haapavesi.fi',
    };
    t = await buildTestApp({}, { emulator, extraMunicipalities: { haapavesi } });
  });
  after(async () => {
    await t.close();
    await emulator.close();
  });

  async function casesThrough(municipality: string) {
    const headers = await bearer(t, t.hetu.maija, { client_id: `kunta-akkuna-${municipality}` });
    const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Case[]; sources: Array<{ id: string; status: string }> };
  }

  test("Maija through Haapavesi's site sees none of her Nivala eVaka application; through Nivala's she does", async () => {
    const nivala = await casesThrough('nivala');
    assert.deepEqual(
      nivala.items.filter((c) => c.source === 'evaka').map((c) => [c.title.fi, c.actions[0]?.href.split('/')[2]]),
      [['Varhaiskasvatushakemus, Helmi', 'evaka.nivala.fi']],
    );
    const haapavesi = await casesThrough('haapavesi');
    assert.equal(haapavesi.sources.find((s) => s.id === 'evaka')?.status, 'ok', "Haapavesi's own eVaka answered");
    assert.deepEqual(
      haapavesi.items.filter((c) => c.source === 'evaka'),
      [],
    );
  });
});
