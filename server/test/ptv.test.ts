// PTV against real recorded OUT answers (test/fixtures/ptv, see SOURCE.md): the response schema, the pure mapper,
// the HTTP connector, and a contract test that keeps the emulator in the shape of the real answers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildCatalogue } from '../emulators/ptv/catalogue.js';
import { PTV_MUNICIPALITIES } from '../emulators/ptv/municipalities.js';
import { mapPtvChannel, mapPtvService } from '../src/connectors/ptv/ptv.mapper.js';
import {
  ptvChannelListCheck,
  ptvServicePageCheck,
  type PtvService,
  type PtvServiceChannel,
} from '../src/connectors/ptv/ptv.schemas.js';
import type { Service, ServiceChannel } from '../src/schemas/service.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'ptv');
type Json = Record<string, unknown>;
const readDir = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8')) as Json);
const realServices = readDir('services');
const realChannels = readDir('servicechannels');
/** A v11 answer (`ServiceChannel/list/area/Municipality/code/…`) from smbackend's tests, with anonymised data. */
const v11Page = JSON.parse(readFileSync(join(FIXTURES, 'smbackend', 'municipality_channels.json'), 'utf8')) as {
  itemList: Json[];
};
const v11Channels = v11Page.itemList;
const realChannel = (id: string) => realChannels.find((c) => c.id === id) as unknown as PtvServiceChannel;
const mapped = (id: string) => mapPtvChannel(realChannel(id))!;

describe('real PTV answers through the response schema', () => {
  test('every recorded channel and service passes the connector’s checks', () => {
    assert.equal(realChannels.length, 7);
    const check = ptvChannelListCheck.Check(realChannels);
    assert.ok(check, JSON.stringify([...ptvChannelListCheck.Errors(realChannels)].slice(0, 3)));
    assert.ok(ptvChannelListCheck.Check(v11Channels), 'the v11 channels too');
    const page = { pageNumber: 1, pageSize: 1000, pageCount: 1, itemList: realServices };
    assert.ok(ptvServicePageCheck.Check(page), JSON.stringify([...ptvServicePageCheck.Errors(page)].slice(0, 3)));
  });
});

describe('real PTV answers through the mapper', () => {
  test('a printable form’s link comes from channelUrls, where real PTV keeps it', () => {
    const form = mapped('14a9874a-8b9b-488a-aec5-5321dd36678f');
    assert.equal(form.type, 'PrintableForm');
    assert.equal(form.name.fi, 'Kiinteistötoimitushakemus');
    assert.match(form.url ?? '', /^http:\/\/www\.naantali\.fi\/.*kiinteistotoimitushakemus_taytettava\.pdf$/);
    // Its support phone has no type in PTV: a voice number, in international form for a tel: link.
    assert.deepEqual(form.phones, [
      { type: 'Phone', number: '+358444171376', info: 'toimitusinsinööri Seija Malmsten' },
    ]);
  });

  test('phone numbers keep their type; a fax is never offered as a number to call', () => {
    const school = mapped('13992280-9c95-4ede-af13-33ad2acde746');
    assert.equal(school.type, 'ServiceLocation');
    // The recorded answer has a Fax entry with no number, and the same Phone once per language.
    assert.deepEqual(school.phones, [{ type: 'Phone', number: '+358405166046', info: 'Rektor' }]);
    assert.equal(school.phone, '+358405166046');
    assert.equal(school.address, 'Sundomvägen 13, 65410 SUNDOM');
  });

  test('a phone channel’s service hours are kept, per weekday', () => {
    const phone = mapped('403097f7-f397-4eed-aac6-98442faa33b6');
    assert.deepEqual(
      phone.phones?.map((p) => p.number),
      ['+35824345264', '+358447334643'],
    );
    assert.equal(phone.hours?.length, 1);
    const [hours] = phone.hours!;
    assert.equal(hours!.kind, 'standard');
    assert.equal(hours!.closed, false);
    assert.deepEqual(
      hours!.days.map((d) => [d.from, d.opens, d.closes]),
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d) => [d, '09:00', '15:00']),
    );
  });

  test('a v11 service location: typed phone with its note, opening hours with their note', () => {
    const centre = mapPtvChannel(v11Channels[0] as unknown as PtvServiceChannel)!;
    assert.equal(centre.name.sv, 'Hälsostationen');
    assert.deepEqual(centre.phones, [{ type: 'Phone', number: '+358101010100', info: 'Asiakaspalvelu' }]);
    assert.equal(centre.address, 'Testitie 13, 12345 TESTIKUNTA');
    assert.deepEqual(centre.hours, [
      {
        kind: 'standard',
        alwaysOpen: false,
        closed: false,
        days: [
          { from: 'Wednesday', opens: '08:00', closes: '16:00' },
          { from: 'Friday', opens: '08:00', closes: '14:00' },
        ],
        info: { fi: 'Normaalit palveluajat', sv: 'Normaalit palveluajat', en: 'Normaalit palveluajat' },
      },
    ]);
  });

  test('an e-service and a web page give their links, in Finnish first', () => {
    assert.equal(mapped('2f648147-a615-4d31-b251-f4fbe3a26ee4').url, 'https://wilma.vaasa.fi/');
    assert.equal(
      mapped('0daede62-be2c-4f7a-aa87-d36f86bb7c7c').url,
      'http://vakri.kotisivukone.com/vaasankristillinenkoulu',
    );
  });

  test('a recorded service maps with its names, classes and the channels it links', () => {
    const channels = new Map<string, ServiceChannel>(
      realChannels.map((c) => mapPtvChannel(c as unknown as PtvServiceChannel)!).map((c) => [c.id, c]),
    );
    const services = realServices.map((s) => mapPtvService(s as unknown as PtvService, channels)!);
    const plot = services.find((s) => s.id === '0739289c-cc26-4097-b029-fa9c58c8d4e9')!;
    assert.equal(plot.name.fi, 'Rajankäynti asemakaava-alueella');
    assert.ok(plot.summary.fi.length > 0);
    assert.deepEqual(
      plot.channels.map((c) => c.type),
      ['PrintableForm', 'WebPage'],
    );
    const school = services.find((s) => s.id === '17c633dd-5408-495a-86c1-d8f57598e899')!;
    assert.ok(school.channels.some((c) => c.type === 'ServiceLocation' && c.address));
    assert.ok(school.serviceClasses.length > 0);
  });
});

describe('real PTV answers through the HTTP connector', () => {
  let fixtureServer: FastifyInstance;
  let t: TestApp;
  const asked: string[] = [];
  before(async () => {
    // Real PTV's two calls, answered with the recorded objects (the page envelope is PTV's own shape).
    fixtureServer = Fastify();
    fixtureServer.get('/v11/Service/list/area/Municipality/code/:code', async (request) => {
      asked.push(request.url);
      return { pageNumber: 1, pageSize: 1000, pageCount: 1, itemList: realServices };
    });
    fixtureServer.get<{ Querystring: { guids: string } }>('/v11/ServiceChannel/list', async (request) => {
      asked.push(request.url);
      const ids = request.query.guids.split(',');
      return realChannels.filter((c) => ids.includes(c.id as string));
    });
    const url = await fixtureServer.listen({ port: 0, host: '127.0.0.1' });
    t = await buildTestApp(
      {},
      {
        nivala: (config) => ({
          ...config,
          sources: { ...config.sources, ptv: { ...config.sources.ptv, baseUrl: url } },
        }),
      },
    );
  });
  after(async () => {
    await t.close();
    await fixtureServer.close();
  });

  test('the catalogue API serves the recorded services with their form link, typed phones and hours', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala/services' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { items: Service[]; sources: Array<{ id: string; status: string }> };
    assert.deepEqual(
      body.sources.map((s) => [s.id, s.status]),
      [['ptv', 'ok']],
    );
    assert.ok(asked.some((u) => u.startsWith('/v11/Service/list/area/Municipality/code/535')));
    const plot = body.items.find((s) => s.name.fi === 'Rajankäynti asemakaava-alueella')!;
    const form = plot.channels.find((c) => c.type === 'PrintableForm')!;
    assert.match(form.url ?? '', /\.pdf$/);
    const school = body.items.find((s) => s.id === '17c633dd-5408-495a-86c1-d8f57598e899')!;
    const location = school.channels.find((c) => c.id === '13992280-9c95-4ede-af13-33ad2acde746')!;
    assert.deepEqual(location.phones, [{ type: 'Phone', number: '+358405166046', info: 'Rektor' }]);
  });
});

/**
 * Fields PTV v11 added or renamed since the recorded (v9) answers, as reference/backends.md §1.6 lists them from
 * PTV's own V11 test resources. Anything else the emulator has and the real answers lack is drift.
 */
const V11_ADDITIONS = new Set([
  'serviceCollections',
  'responsibleSoteOrganization',
  'ontologyTerms',
  'accessibilityClassification',
  'isAlwaysOpen',
  'isReservation',
  'serviceChannels[].modified',
]);
/** v9 accessibility fields that v11 replaced by `accessibilityClassification[]`. */
const V9_ONLY = new Set(['accessibilityClassificationLevel', 'wcagLevel', 'accessibilityStatementWebPage']);

/** Where the emulator's answer differs from a real one: a key only on one side, or a value of another type. */
function shapeDrift(real: unknown, emulated: unknown, path: string, out: string[]): void {
  if (real === null || emulated === null || real === undefined || emulated === undefined) return;
  if (Array.isArray(real) !== Array.isArray(emulated)) {
    out.push(`${path}: ${Array.isArray(real) ? 'array' : typeof real} in PTV, not in the emulator`);
    return;
  }
  if (Array.isArray(real)) {
    const emulatedArray = emulated as unknown[];
    if (real.length && emulatedArray.length) shapeDrift(real[0], emulatedArray[0], `${path}[]`, out);
    return;
  }
  if (typeof real !== typeof emulated) {
    out.push(`${path}: ${typeof real} in PTV, ${typeof emulated} in the emulator`);
    return;
  }
  if (typeof real !== 'object') return;
  const r = real as Json;
  const e = emulated as Json;
  const name = (key: string) => (path.endsWith('[]') ? `${path.split('.').at(-1)}.${key}` : key);
  for (const key of Object.keys(r)) {
    if (!(key in e) && !V9_ONLY.has(key)) out.push(`${path}.${key}: in PTV, missing in the emulator`);
  }
  for (const key of Object.keys(e)) {
    if (!(key in r) && !V11_ADDITIONS.has(key) && !V11_ADDITIONS.has(name(key))) {
      out.push(`${path}.${key}: in the emulator, not in PTV`);
    }
  }
  for (const key of Object.keys(r)) if (key in e) shapeDrift(r[key], e[key], `${path}.${key}`, out);
}

describe('the PTV emulator answers in the shape of real PTV', () => {
  const catalogues = PTV_MUNICIPALITIES.map((m) => buildCatalogue(m));
  const emulatedChannels = catalogues.flatMap((c) => [...c.channels.values()]);

  for (const type of ['EChannel', 'WebPage', 'Phone', 'ServiceLocation', 'PrintableForm']) {
    test(`${type} channels: same keys, same types as the recorded ones`, () => {
      const real = [...realChannels, ...v11Channels].filter((c) => c.serviceChannelType === type);
      const emulated = emulatedChannels.filter((c) => c.serviceChannelType === type);
      assert.ok(real.length > 0 && emulated.length > 0, type);
      const drift: string[] = [];
      for (const r of real) for (const e of emulated) shapeDrift(r, e, type, drift);
      assert.deepEqual([...new Set(drift)], []);
    });
  }

  test('services: same keys, same types as the recorded ones', () => {
    const drift: string[] = [];
    for (const r of realServices)
      for (const e of catalogues.flatMap((c) => c.services)) shapeDrift(r, e, 'Service', drift);
    assert.deepEqual([...new Set(drift)], []);
  });

  test('the drift check itself catches a missing key, an extra key and a changed type', () => {
    const form = realChannels.find((c) => c.serviceChannelType === 'PrintableForm')!;
    const { channelUrls: _gone, ...withoutUrls } = form;
    const drift: string[] = [];
    shapeDrift(form, { ...withoutUrls, extra: 1, modified: 5 }, 'PrintableForm', drift);
    assert.deepEqual(drift.sort(), [
      'PrintableForm.channelUrls: in PTV, missing in the emulator',
      'PrintableForm.extra: in the emulator, not in PTV',
      'PrintableForm.modified: string in PTV, number in the emulator',
    ]);
  });
});
