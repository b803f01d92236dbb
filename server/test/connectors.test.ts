import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildCatalogue } from '../emulators/ptv/catalogue.js';
import { ptvMunicipality } from '../emulators/ptv/municipalities.js';
import { StaleStore } from '../src/aggregate/stale-store.js';
import { mapGenericRecords } from '../src/connectors/generic/generic.mapper.js';
import { classificationCode, localizedFrom, mapPtvChannel, mapPtvService } from '../src/connectors/ptv/ptv.mapper.js';
import { ptvChannelListCheck, ptvServicePageCheck, type PtvService } from '../src/connectors/ptv/ptv.schemas.js';
import { loadSecrets } from '../src/config/secrets.js';
import { createServer } from '../src/server.js';
import { loadMunicipalities } from '../src/tenants/load-municipalities.js';
import type { ServiceChannel } from '../src/schemas/service.js';
import { buildTestApp, type MunicipalityFile, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/database.js';
import {
  allSourcesNivala,
  forgetSavedCopies,
  statusOf,
  timedCases,
  ylivieskaGenericSource,
} from './helpers/sources.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../src/tenants/load-municipalities.js';

// The eVaka mapper, emulator and connector are tested in test/evaka.test.ts, against fixtures of eVaka's own types.

describe('generic case-system mapper', () => {
  const mapping = ylivieskaGenericSource().mapping;
  const body = {
    tulos: {
      hakemukset: [
        {
          asianumero: 'YV-KH-2026-0042',
          otsikko: { fi: 'Kotihoidon hakemus' },
          tila: { koodi: 'ARVIOINTI', muutettu: '2026-11-20T11:00:00Z' },
          vaiheet: [
            { tila: 'VASTAANOTETTU', aika: '2026-11-08T09:30:00Z' },
            { tila: 'ARVIOINTI', aika: '2026-11-20T11:00:00Z' },
          ],
          linkki: 'javascript:alert(1)',
        },
      ],
    },
  };

  test('field paths and the status table of the configuration drive the mapping', () => {
    const {
      cases: [c],
      skipped,
    } = mapGenericRecords(body, 'generic', mapping);
    assert.deepEqual(skipped, []);
    assert.ok(c);
    assert.equal(c.id, 'generic:YV-KH-2026-0042');
    assert.equal(c.type, 'home_care');
    assert.equal(c.status, 'in_progress');
    assert.deepEqual(c.title, { fi: 'Kotihoidon hakemus', sv: 'Kotihoidon hakemus', en: 'Kotihoidon hakemus' });
    assert.deepEqual(
      c.timeline.map((e) => [e.status, e.label.en]),
      [
        ['submitted', 'Received'],
        ['in_progress', 'Assessment of service needs'],
      ],
    );
    assert.deepEqual(c.actions, [], 'a link that is not http(s) is dropped');
  });

  test('a record without a mapped required field is left out with its reason; no list at all is malformed', () => {
    const broken = structuredClone(body);
    delete (broken.tulos.hakemukset[0] as { tila?: unknown }).tila;
    assert.deepEqual(mapGenericRecords(broken, 'generic', mapping), {
      cases: [],
      skipped: [{ reason: 'missing_field' }],
    });
    assert.throws(() => mapGenericRecords({ tulos: {} }, 'generic', mapping), /no array at \/tulos\/hakemukset/);
  });
});

describe('generic mapping configuration', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const nivala = () =>
    JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'nivala.json'), 'utf8')) as MunicipalityFile;

  test('a mapping with a bad field path is refused at start, naming the path', () => {
    const config = nivala();
    config.sources.generic = ylivieskaGenericSource();
    config.sources.generic.mapping.fields.id = 'asianumero';
    const dir = mkdtempSync(join(tmpdir(), 'ka-generic-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'nivala.json'), JSON.stringify(config));
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), {
      name: 'ConfigError',
      message: 'nivala.json: /sources/generic/mapping/fields/id must be a JSON pointer (e.g. "/field/subfield")',
    });

    config.sources.generic = ylivieskaGenericSource();
    config.sources.generic.mapping.statusTable.ARVIOINTI = 'pending';
    writeFileSync(join(dir, 'nivala.json'), JSON.stringify(config));
    assert.throws(
      () => loadMunicipalities({ configDir: dir, env: {} }),
      /\/sources\/generic\/mapping\/statusTable\/ARVIOINTI/,
    );
  });

  test('rules between fields are checked when the server starts', async () => {
    const [base] = loadMunicipalities({ env: {} }).filter((m) => m.id === 'nivala');
    assert.ok(base);
    const generic = ylivieskaGenericSource();
    generic.request = { method: 'GET', path: '/api/v1/hakemukset' };
    const dataDir = mkdtempSync(join(tmpdir(), 'ka-generic-'));
    dirs.push(dataDir);
    const database = await createTestDatabase();
    try {
      await assert.rejects(
        createServer({
          municipalities: [{ ...base, sources: { ...base.sources, generic } } as typeof base],
          db: database.db,
          secrets: await loadSecrets({ env: {}, dataDir }),
          logger: false,
          widgets: false,
        }),
        { name: 'ConfigError', message: /\/sources\/generic\/request\/personIdHeader is required/ },
      );
    } finally {
      await database.drop();
    }
  });
});

describe('PTV mapper', () => {
  const catalogue = buildCatalogue(ptvMunicipality('208')!);
  const services = catalogue.services as unknown as PtvService[];
  const channels = new Map<string, ServiceChannel>();
  for (const raw of catalogue.channels.values()) {
    const mapped = mapPtvChannel(raw as never);
    if (mapped) channels.set(mapped.id, mapped);
  }

  test('the emulated catalogue passes the connector’s v11 schema checks', () => {
    assert.ok(ptvServicePageCheck.Check({ pageNumber: 1, pageSize: 10, pageCount: 1, itemList: catalogue.services }));
    assert.ok(ptvChannelListCheck.Check([...catalogue.channels.values()].slice(0, 100)));
  });

  test('languages fall back, null values are skipped, both URI forms give codes', () => {
    assert.deepEqual(
      localizedFrom([
        { language: 'fi', value: 'Jätehuolto', type: 'Name' },
        { language: 'sv', value: null, type: 'Name' },
      ]),
      { fi: 'Jätehuolto', sv: 'Jätehuolto', en: 'Jätehuolto' },
    );
    assert.equal(classificationCode({ code: null, uri: 'http://urn.fi/URN:NBN:fi:au:ptvl:KE4.2' }), 'KE4.2');
    assert.equal(classificationCode({ uri: 'http://uri.suomi.fi/codelist/ptv/ptvelti/code/KE5' }), 'KE5');
    assert.equal(classificationCode({ code: null, uri: null }), null);
  });

  test('Kalajoki has the newcomer services a feed needs, with channels', () => {
    const mapped = services.map((s) => mapPtvService(s, channels)).filter((s) => s !== null);
    const names = mapped.map((s) => s.name.fi);
    for (const expected of ['Jätehuolto', 'Kirjastokortti', 'Terveysaseman asiakkaaksi rekisteröityminen']) {
      assert.ok(names.includes(expected), expected);
    }
    const newcomer = mapped.filter((s) => s.lifeEvents.includes('KE4.2'));
    assert.ok(newcomer.length >= 4);
    for (const service of mapped) {
      assert.ok(service.summary.fi && service.description.fi, `${service.name.fi} has texts`);
      assert.ok(service.channels.length > 0, `${service.name.fi} has channels`);
    }
    const library = mapped.find((s) => s.name.fi === 'Kirjastokortti')!;
    const location = library.channels.find((c) => c.type === 'ServiceLocation');
    assert.match(location?.address ?? '', /, 85100 KALAJOKI$/);
  });
});

describe('stale store', () => {
  test('copies expire after their TTL and are purged; they decrypt only under their own key', async () => {
    const database = await createTestDatabase();
    let now = new Date('2026-11-01T10:00:00Z');
    const store = new StaleStore(database.db, new Uint8Array(32).fill(3), () => now);
    const key = { municipalityId: 'nivala', subjectPseudonym: 'p1', sourceId: 'evaka' };
    try {
      await store.save(key, [{ id: 'x' }], 60);
      assert.deepEqual((await store.load(key))?.data, [{ id: 'x' }]);
      assert.equal(await store.load({ ...key, subjectPseudonym: 'p2' }), null);
      const other = new StaleStore(database.db, new Uint8Array(32).fill(4), () => now);
      assert.equal(await other.load(key), null, 'another key cannot read it');
      now = new Date('2026-11-01T10:01:01Z');
      assert.equal(await store.load(key), null, 'past the window the copy is not served');
      assert.equal(await store.purgeExpired(), 1);
      await store.save(key, [{ id: 'y' }], 0);
      assert.equal(await store.load(key), null, 'a TTL of 0 saves nothing');
    } finally {
      await database.drop();
    }
  });
});

describe('authorization by population data', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, { nivala: allSourcesNivala(1500) });
  });
  beforeEach(async () => {
    t.emulator.app.faults.reset();
    t.emulator.app.populationState.reset();
    await forgetSavedCopies(t, t.hetu.maija);
  });
  after(async () => t.close());

  test("Maija sees her younger child's daycare application, marked as the child's", async () => {
    const result = await timedCases(t, t.hetu.maija);
    const daycare = result.body.items.filter((c) => c.source === 'evaka');
    assert.equal(daycare.length, 1);
    assert.equal(daycare[0]?.status, 'in_progress');
    assert.equal(daycare[0]?.subject.kind, 'child');
    const facts = await t.app.population.facts({ municipalityId: 'nivala', identityCode: t.hetu.maija });
    const helmi = facts.facts?.children.find((c) => c.givenName === 'Helmi');
    assert.equal(daycare[0]?.subject.ref, helmi?.ref);
  });

  test("a restricted child is never shown: the child's own flag is 1, missing, unknown, or empty beside a running end date", async () => {
    const nextYear = `${new Date().getUTCFullYear() + 1}0101`;
    for (const flags of [
      { nonDisclosure: true },
      { turvakieltoTieto: null },
      { turvakieltoTieto: 'K' },
      { turvakieltoTieto: '', turvakieltoPaattymispvm: nextYear },
    ]) {
      t.emulator.app.populationState.reset();
      t.emulator.app.populationState.flags.set('helmi', flags);
      const result = await timedCases(t, t.hetu.maija);
      assert.equal(statusOf(result, 'evaka')?.status, 'ok');
      assert.ok(!result.body.items.some((c) => c.source === 'evaka'), JSON.stringify(flags));
    }
  });

  test("when guardianship cannot be checked, children's cases are withheld and their source marked", async () => {
    t.emulator.app.faults.set('population', { mode: 'error' });
    const result = await timedCases(t, t.hetu.maija);
    assert.equal(result.status, 200);
    assert.ok(!result.body.items.some((c) => c.subject.kind === 'child'));
    assert.deepEqual(statusOf(result, 'evaka'), { id: 'evaka', status: 'unavailable', fetchedAt: null });
    assert.equal(statusOf(result, 'lupapiste')?.status, 'ok');
  });
});
