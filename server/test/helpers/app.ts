import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { startEmulators, type StartedEmulators } from '../../emulators/app.js';
import { testCitizen } from '../../emulators/population/citizens.js';
import { JsonLinesFileSink } from '../../src/audit/audit-shipper.js';
import { loadSecrets, type ServerSecrets } from '../../src/config/secrets.js';
import { createServer, type ServerOptions } from '../../src/server.js';
import type { AuditEventRow } from '../../src/store/database.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../../src/tenants/load-municipalities.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { DpopKey, TEST_ISSUER, TestIdentityProvider } from './identity-provider.js';

export const API_BASE = 'http://api.test';
export const NIVALA_ORIGIN = 'https://www.nivala.test';
export const TESTILA_ORIGIN = 'https://www.testila.test';

/** A second municipality, so that tests can show one municipality's token is useless on another's pages. */
export const TESTILA = {
  id: 'testila',
  code: '999',
  businessId: '1234567-8',
  name: { fi: 'Testilä', sv: 'Testby' },
  swedishNameOfficial: true,
  type: 'kunta',
  finnishCases: { genitive: 'Testilän', inessive: 'Testilässä', elative: 'Testilästä', illative: 'Testilään' },
  languages: ['fi', 'sv'],
  defaultLanguage: 'fi',
  origins: [TESTILA_ORIGIN],
  auth: {
    issuer: '${IDP_URL}',
    clientId: 'kunta-akkuna-testila',
    audience: 'urn:kunta-akkuna:api',
    scope: 'openid profile',
    redirectUris: [`${TESTILA_ORIGIN}/`],
    claims: { identityCode: 'ka_pid' },
    requiredAcr: null,
  },
  sources: {},
};

export interface TestApp {
  app: FastifyInstance;
  idp: TestIdentityProvider;
  database: TestDatabase;
  emulator: StartedEmulators;
  /** Every log line the server wrote. */
  logs: string[];
  /** Test citizens' identity codes, from the emulated population. */
  hetu: { maija: string; juha: string; matti: string; aino: string; liisa: string };
  dpopKey: DpopKey;
  auditRows: () => Promise<AuditEventRow[]>;
  close: () => Promise<void>;
}

/** Test-only knobs of buildTestApp (the server's own options go in `overrides`). */
export interface TestAppOptions {
  /** Changes the copied Nivala configuration (budgets, breaker thresholds, extra sources…). */
  nivala?: (config: MunicipalityFile) => MunicipalityFile;
  /** Extra municipality files, by id. */
  extraMunicipalities?: Record<string, MunicipalityFile>;
  /** A database shared with another test app (not dropped by this one's close). */
  database?: TestDatabase;
  /** Secrets shared with another test app (same snapshot key and pseudonyms). */
  secrets?: ServerSecrets;
  /** Use these running emulators (not closed by this app's close). */
  emulator?: StartedEmulators;
  /**
   * The freshness window (aggregate/fresh-answers.ts) of every source that does not set its own: 0 (off) unless a
   * test asks for it, since most tests are about what happens when each read reaches the back end.
   * `'default'` leaves the server's default.
   */
  freshnessSeconds?: number | 'default';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON file being edited by a test
export type MunicipalityFile = Record<string, any>;

/** Builds the whole server against the back-end emulators (ephemeral port) and a fresh database. */
export async function buildTestApp(
  overrides: Partial<ServerOptions> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const emulator = options.emulator ?? (await startEmulators({ port: 0 }));
  const tempDir = mkdtempSync(join(tmpdir(), 'ka-server-test-'));
  const configDir = join(tempDir, 'municipalities');
  mkdirSync(configDir);
  const nivala = JSON.parse(
    readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'nivala.json'), 'utf8'),
  ) as MunicipalityFile;
  const freshness = options.freshnessSeconds ?? 0;
  const withFreshness = (file: MunicipalityFile): MunicipalityFile => {
    if (freshness === 'default') return file;
    const copy = structuredClone(file);
    for (const source of Object.values(copy.sources ?? {}) as MunicipalityFile[]) {
      source.resilience = { freshnessSeconds: freshness, ...source.resilience };
    }
    return copy;
  };
  writeFileSync(
    join(configDir, 'nivala.json'),
    JSON.stringify(withFreshness(options.nivala ? options.nivala(nivala) : nivala)),
  );
  writeFileSync(join(configDir, 'testila.json'), JSON.stringify(withFreshness(TESTILA)));
  for (const [id, file] of Object.entries(options.extraMunicipalities ?? {})) {
    writeFileSync(join(configDir, `${id}.json`), JSON.stringify(withFreshness(file)));
  }

  const env = { IDP_URL: TEST_ISSUER, DEMO_ORIGIN: NIVALA_ORIGIN, EMULATOR_URL: emulator.url };
  const secrets = options.secrets ?? (await loadSecrets({ env, dataDir: tempDir }));
  const idp = await TestIdentityProvider.create(secrets.identityEncryptionPublicJwk, () => new Date());
  const database = options.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  const app = await createServer({
    env,
    configDir,
    db: database.db,
    secrets,
    keys: idp.keyResolver(),
    publicUrl: API_BASE,
    widgets: false,
    logger: { level: 'debug', stream },
    // The separate log store of the access log: a file of this test's own.
    auditSink: new JsonLinesFileSink(join(tempDir, 'audit-log.jsonl')),
    // The retention purge writes a row of its own when it runs; tests that are about it run it themselves.
    retention: { schedulePurge: false },
    ...overrides,
  });
  await app.ready();

  return {
    app,
    idp,
    database,
    emulator,
    logs,
    hetu: {
      maija: testCitizen('maija').hetu,
      juha: testCitizen('juha').hetu,
      matti: testCitizen('matti').hetu,
      aino: testCitizen('aino').hetu,
      liisa: testCitizen('liisa').hetu,
    },
    dpopKey: await DpopKey.create(),
    auditRows: () => database.db.selectFrom('audit_events').selectAll().execute(),
    close: async () => {
      await app.close();
      if (!options.emulator) await emulator.close();
      if (!options.database) await database.drop();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Headers for a DPoP-bound request, the way the SDK sends them. */
export async function dpopHeaders(
  t: TestApp,
  identityCode: string,
  options: { url?: string; method?: string } = {},
): Promise<Record<string, string>> {
  const url = options.url ?? '/v1/me/cases';
  const token = await t.idp.accessToken(identityCode, { claims: { cnf: { jkt: t.dpopKey.jkt } } });
  const proof = await t.dpopKey.proof({
    htm: options.method ?? 'GET',
    htu: `${API_BASE}${url}`,
    accessToken: token,
    iat: t.idp.nowSeconds(),
  });
  return { authorization: `DPoP ${token}`, dpop: proof };
}

/** A problem body without its request-specific `instance`, for comparing two answers. */
export function withoutInstance(body: string): Record<string, unknown> {
  const { instance: _instance, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
}
