// The feed end to end against the back-end emulators (population, PTV, Lupapiste, eVaka, generic), with each
// test citizen's real municipality file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCatalogue } from '../emulators/ptv/catalogue.js';
import { ptvMunicipality } from '../emulators/ptv/municipalities.js';
import { testCitizen, type CitizenKey } from '../emulators/population/citizens.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../src/tenants/load-municipalities.js';
import { API_BASE, buildTestApp, type MunicipalityFile, type TestApp } from './helpers/app.js';

interface Item {
  id: string;
  kind: string;
  personal: boolean;
  action: { href: string } | null;
  service: { id: string } | null;
  reason: { ruleId: string } | null;
  title: { fi: string };
  channels: Array<{
    type: string;
    url?: string;
    address?: string;
    phones?: Array<{ type: string; number: string }>;
    hours?: Array<{ days: Array<{ from: string; to?: string; opens: string; closes: string }> }>;
  }>;
}

const readConfig = (id: string) =>
  JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, `${id}.json`), 'utf8')) as MunicipalityFile;

describe('the feed against the emulators', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(
      {},
      {
        extraMunicipalities: Object.fromEntries(
          ['kalajoki', 'ylivieska', 'haapavesi', 'sievi'].map((id) => [id, readConfig(id)]),
        ),
      },
    );
  });
  after(async () => t.close());

  async function call(key: CitizenKey, method: 'GET' | 'PUT' | 'DELETE', url: string, json?: unknown) {
    const citizen = testCitizen(key);
    const token = await t.idp.accessToken(citizen.hetu, {
      claims: { client_id: `kunta-akkuna-${citizen.municipality}`, cnf: { jkt: t.dpopKey.jkt } },
    });
    const proof = await t.dpopKey.proof({
      htm: method,
      htu: `${API_BASE}${url}`,
      accessToken: token,
      iat: t.idp.nowSeconds(),
    });
    return t.app.inject({
      method,
      url,
      headers: {
        authorization: `DPoP ${token}`,
        dpop: proof,
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(json !== undefined ? { payload: JSON.stringify(json) } : {}),
    });
  }

  const feedOf = async (key: CitizenKey) => {
    const response = await call(key, 'GET', '/v1/me/feed');
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Item[]; sources: Array<{ id: string; status: string }> };
  };
  const rules = (items: Item[]) => new Set(items.flatMap((i) => (i.reason ? [i.reason.ruleId] : [])));

  test('the general feed features PTV services of the municipality', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala/feed' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { items: Item[]; sources: Array<{ id: string; status: string }> };
    assert.deepEqual(
      body.sources.map((s) => [s.id, s.status]),
      [['ptv', 'ok']],
    );
    assert.ok(body.items.some((i) => i.service !== null && i.action !== null));
  });

  test('service search finds pre-school enrolment in the PTV emulator', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala/services?q=esiopetus' });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(response.json().items.length > 0);
  });

  test('without consent nobody’s population data is read', async () => {
    const before = (await t.auditRows()).length;
    for (const key of ['maija', 'matti', 'aino', 'juha', 'liisa'] as const) {
      const feed = await feedOf(key);
      assert.ok(
        feed.items.every((i) => !i.personal),
        key,
      );
      assert.ok(!feed.sources.some((s) => s.id === 'population'));
    }
    assert.equal((await t.auditRows()).length, before);
  });

  const expected: Record<CitizenKey, string[]> = {
    maija: ['preschool-enrolment', 'task-action-required', 'task-decision-pending'],
    matti: ['newcomer-waste-management', 'newcomer-library-card', 'newcomer-health-centre', 'newcomer-welcome'],
    aino: ['senior-transport-service', 'senior-meal-service', 'task-home-care-application'],
    juha: ['summer-job-voucher', 'building-next-steps'],
    liisa: [],
  };
  for (const key of Object.keys(expected) as CitizenKey[]) {
    test(`${key} with consent sees their situation`, async () => {
      assert.equal((await call(key, 'PUT', '/v1/me/consent', { textVersion: 'feed-consent-2' })).statusCode, 200);
      const feed = await feedOf(key);
      const seen = rules(feed.items);
      for (const rule of expected[key]) assert.ok(seen.has(rule), `${key}: ${rule} in ${[...seen].join(', ')}`);
      if (key === 'liisa') assert.equal(seen.size, 0);
      assert.equal(feed.sources.find((s) => s.id === 'population')?.status, 'ok');
      for (const item of feed.items.filter((i) => i.kind === 'suggestion' && i.personal)) {
        // Every suggestion finds its service; a service reachable only by phone has no link to act on.
        assert.ok(item.service, `${item.reason?.ruleId} found its service in PTV`);
      }
      if (key === 'maija') {
        const preschool = feed.items.find((i) => i.reason?.ruleId === 'preschool-enrolment');
        assert.match(preschool?.action?.href ?? '', /^https:\/\/evaka\./, 'the e-service channel from PTV');
      }
      const row = (await t.auditRows()).at(-1)!;
      assert.equal(row.purpose, 'proactive_feed');
      assert.ok(JSON.parse(row.sources).includes('population'));
    });
  }

  /** At least one way to reach it: a web link, a number to call (tel:) or an address to visit, from PTV. */
  const reachable = (item: Item) =>
    item.channels.some(
      (c) => /^https?:/.test(c.url ?? '') || Boolean(c.address) || (c.phones ?? []).some((p) => p.type === 'Phone'),
    );
  const CITIZENS = ['maija', 'matti', 'aino', 'juha', 'liisa'] as const;

  test('every item of every test citizen’s feed, signed out and signed in, can be reached', async () => {
    for (const key of CITIZENS) {
      const municipality = testCitizen(key).municipality;
      const signedOut = await t.app.inject({ method: 'GET', url: `/v1/municipalities/${municipality}/feed` });
      assert.equal(signedOut.statusCode, 200);
      await call(key, 'DELETE', '/v1/me/consent');
      const withoutConsent = await feedOf(key);
      assert.equal((await call(key, 'PUT', '/v1/me/consent', { textVersion: 'feed-consent-2' })).statusCode, 200);
      const withConsent = await feedOf(key);
      for (const [state, items] of [
        ['signed out', (signedOut.json() as { items: Item[] }).items],
        ['signed in', withoutConsent.items],
        ['with consent', withConsent.items],
      ] as const) {
        assert.ok(items.length > 0, `${key} ${state}`);
        for (const item of items) {
          const what = `${key} ${state}: ${item.title.fi}`;
          // A notice is the municipality's own message; a task about a case may have no service of its own, and
          // then its link goes to the case.
          if (item.kind === 'notice') continue;
          if (item.kind === 'task' && !item.service) assert.ok(item.action, what);
          else assert.ok(reachable(item), what);
        }
      }
    }
  });

  test('Aino’s “Ateriapalvelu kotiin” shows the phone number PTV has for the meal service, with its hours', async () => {
    await call('aino', 'PUT', '/v1/me/consent', { textVersion: 'feed-consent-2' });
    const feed = await feedOf('aino');
    const meals = feed.items.find((i) => i.reason?.ruleId === 'senior-meal-service')!;
    assert.equal(meals.title.fi, 'Ateriapalvelu kotiin');
    // The number as the PTV emulator publishes it for Ylivieska's meal service channel.
    const ptv = buildCatalogue(ptvMunicipality('977')!);
    const channel = [...ptv.channels.values()].find(
      (c) => (c.serviceChannelNames as Array<{ value: string }>)[0]?.value === 'Ateriapalvelun tilaukset',
    )!;
    const raw = (channel.phoneNumbers as Array<{ prefixNumber: string; number: string }>)[0]!;
    const phone = meals.channels.find((c) => c.type === 'Phone');
    assert.equal(phone?.phones?.[0]?.number, `${raw.prefixNumber}${raw.number}`);
    assert.equal(phone?.phones?.[0]?.type, 'Phone');
    assert.deepEqual(phone?.hours?.[0]?.days[0], { from: 'Monday', opens: '08:00', closes: '12:00' });
    assert.equal(phone?.hours?.[0]?.days.length, 5);
  });
});
