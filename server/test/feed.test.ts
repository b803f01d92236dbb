import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testCitizen, testCitizens, type CitizenKey } from '../emulators/population/citizens.js';
import { loadMunicipalities } from '../src/tenants/load-municipalities.js';
import type { MunicipalityConfig } from '../src/tenants/municipality-config.js';
import { API_BASE, buildTestApp, NIVALA_ORIGIN, type TestApp } from './helpers/app.js';
import { FakeCases, FakeCatalogue, FakeFacts } from './helpers/feed-fakes.js';
import { TEST_ISSUER } from './helpers/identity-provider.js';

type Text = { fi: string; sv: string; en: string };

interface FeedItemBody {
  id: string;
  kind: string;
  personal: boolean;
  priority: number;
  title: Text;
  body: Text;
  action: { href: string; label: Text } | null;
  service: { id: string } | null;
  reason: {
    ruleId: string;
    ruleVersion: string;
    dataUsed: Text[];
    legalBasis: Text;
    explanation: Text;
  } | null;
  lifeEvent?: { code: string };
  validUntil: string | null;
}

const MUNICIPALITIES: Array<[string, string, string]> = [
  ['kalajoki', '208', 'Kalajoki'],
  ['ylivieska', '977', 'Ylivieska'],
  ['haapavesi', '071', 'Haapavesi'],
  ['sievi', '746', 'Sievi'],
];

/** Nivala from its real file (with a notice added); the others of the test citizens made from it. */
function municipalities(): MunicipalityConfig[] {
  const [nivala] = loadMunicipalities({ env: { IDP_URL: TEST_ISSUER, DEMO_ORIGIN: NIVALA_ORIGIN } }).filter(
    (m) => m.id === 'nivala',
  );
  assert.ok(nivala);
  const withNotice: MunicipalityConfig = {
    ...nivala,
    notices: [
      {
        id: 'water-break',
        title: { fi: 'Vesikatko', sv: 'Vattenavbrott', en: 'Water outage' },
        body: { fi: 'Keskustassa vesikatko.', sv: 'Vattenavbrott i centrum.', en: 'Water outage in the centre.' },
        link: { href: 'https://nivala.test/vesi', label: { fi: 'Lue', sv: 'Läs', en: 'Read' } },
        priority: 95,
      },
      {
        id: 'expired',
        title: { fi: 'Vanha', sv: 'Gammal', en: 'Old' },
        body: { fi: 'x', sv: 'x', en: 'x' },
        until: '2000-01-01',
      },
    ],
    rules: { overrides: {} },
  };
  return [
    withNotice,
    ...MUNICIPALITIES.map(([id, code, name]): MunicipalityConfig => ({
      ...nivala,
      id,
      code,
      name: { fi: name, sv: name },
      auth: { ...nivala.auth, clientId: `kunta-akkuna-${id}` },
      sources: {},
      rules:
        id === 'kalajoki'
          ? {
              overrides: {
                'newcomer-library-card': { link: 'https://kalajoki.test/oma-kirjasto' },
                'newcomer-welcome': { enabled: false },
              },
            }
          : { overrides: {} },
    })),
  ];
}

describe('the proactive feed', () => {
  let t: TestApp;
  const now = () => new Date();
  const facts = new FakeFacts(now);
  const cases = new FakeCases(now);
  const catalogue = new FakeCatalogue(now);

  before(async () => {
    t = await buildTestApp({ municipalities: municipalities(), feed: { facts, cases, catalogue } });
  });
  after(async () => t.close());
  beforeEach(() => {
    facts.calls = [];
    facts.failing = false;
    cases.calls = [];
    catalogue.status = 'ok';
  });

  async function call(
    key: CitizenKey,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    options: { json?: unknown; contentType?: string | null; body?: string } = {},
  ) {
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
    const headers: Record<string, string> = { authorization: `DPoP ${token}`, dpop: proof };
    let payload: string | undefined = options.body;
    if (options.json !== undefined) {
      payload = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType === null) delete headers['content-type'];
    else if (options.contentType) headers['content-type'] = options.contentType;
    return t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  }

  const feedOf = async (key: CitizenKey) => {
    const response = await call(key, 'GET', '/v1/me/feed');
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: FeedItemBody[]; sources: Array<{ id: string; status: string }> };
  };
  const consent = (key: CitizenKey) => call(key, 'PUT', '/v1/me/consent', { json: { textVersion: 'feed-consent-2' } });
  const withdraw = (key: CitizenKey) => call(key, 'DELETE', '/v1/me/consent', { json: {} });
  const ruleIds = (items: FeedItemBody[]) => items.flatMap((i) => (i.reason ? [i.reason.ruleId] : [])).sort();
  const auditRowsOf = async (key: CitizenKey) => {
    const rows = await t.auditRows();
    const sub = (await t.idp.accessToken(testCitizen(key).hetu)).split('.')[1]!;
    const actorSub = JSON.parse(Buffer.from(sub, 'base64url').toString()).sub as string;
    return rows.filter((r) => r.actor_sub === actorSub);
  };

  describe('signed out: the general feed', () => {
    test('featured services grouped by life event, and the notices in force', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/nivala/feed' });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as { items: FeedItemBody[]; sources: Array<{ id: string; status: string }> };
      assert.deepEqual(
        body.sources.map((s) => [s.id, s.status]),
        [['ptv', 'ok']],
      );
      const notice = body.items[0]!;
      assert.equal(notice.kind, 'notice');
      assert.equal(notice.id, 'notice.water-break');
      assert.ok(!body.items.some((i) => i.id === 'notice.expired'));
      const featured = body.items.filter((i) => i.kind === 'service');
      assert.ok(featured.length >= 4);
      assert.ok(featured.every((i) => !i.personal && i.reason === null && i.lifeEvent && i.service));
      assert.deepEqual([...new Set(featured.map((i) => i.lifeEvent!.code))], ['KE1', 'KE4', 'KE6', 'KE10']);
      const preschool = featured.find((i) => i.service?.id === 's-preschool');
      assert.equal(preschool?.action?.href, 'https://asiointi.nivala.test/esiopetus', 'the e-service channel first');
      assert.equal(response.headers['cache-control'], 'public, max-age=300');
      assert.equal(facts.calls.length, 0);
    });

    test('an unknown municipality is 404, a malformed id 400', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/v1/municipalities/helsinki/feed' })).statusCode, 404);
      const bad = await t.app.inject({ method: 'GET', url: '/v1/municipalities/NIVALA!/feed' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'KA_VALIDATION');
    });
  });

  describe('service search', () => {
    const search = (query: string) =>
      t.app.inject({ method: 'GET', url: `/v1/municipalities/nivala/services${query}` });

    test('by text, language and life event', async () => {
      const library = (await search('?q=kirjasto')).json();
      assert.equal(library.items[0].id, 's-library');
      assert.deepEqual(
        library.sources.map((s: { id: string }) => s.id),
        ['ptv'],
      );
      assert.equal((await search('?q=bibliotek&lang=sv')).json().items[0].id, 's-library');
      assert.equal((await search('?q=bibliotek&lang=fi')).json().items.length, 0);
      const moving = (await search('?lifeEvent=KE4'))
        .json()
        .items.map((s: { id: string }) => s.id)
        .sort();
      assert.deepEqual(moving, ['s-library', 's-waste', 's-welcome'], 'KE4 also finds KE4.2');
    });

    test('bad input is a 400 problem', async () => {
      for (const query of ['?lifeEvent=moving', `?q=${'x'.repeat(101)}`, '?lang=de', '?q=', '?personId=1']) {
        const response = await search(query);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(response.json().code, 'KA_VALIDATION');
      }
    });
  });

  describe('consent', () => {
    test('is off until given, recorded with time and text version, and can be withdrawn', async () => {
      assert.deepEqual((await call('liisa', 'GET', '/v1/me/consent')).json(), {
        granted: false,
        textVersion: null,
        grantedAt: null,
      });
      const given = await consent('liisa');
      assert.equal(given.statusCode, 200, given.body);
      assert.equal(given.json().granted, true);
      assert.equal(given.json().textVersion, 'feed-consent-2');
      assert.ok(!Number.isNaN(Date.parse(given.json().grantedAt)));
      assert.deepEqual((await call('liisa', 'GET', '/v1/me/consent')).json(), given.json());
      const withdrawn = await withdraw('liisa');
      assert.equal(withdrawn.statusCode, 204, withdrawn.body);
      assert.equal((await call('liisa', 'GET', '/v1/me/consent')).json().granted, false);

      const history = await t.database.db
        .selectFrom('feed_consent_events')
        .selectAll()
        .orderBy('occurred_at')
        .execute();
      const liisas = history.filter((h) => h.municipality_id === 'sievi');
      assert.deepEqual(
        liisas.map((h) => [h.action, h.text_version]),
        [
          ['granted', 'feed-consent-2'],
          ['withdrawn', null],
        ],
      );
      assert.ok(
        !JSON.stringify(history).includes(testCitizen('liisa').hetu),
        'keyed by pseudonym, never the identity code',
      );
      await assert.rejects(t.database.db.deleteFrom('feed_consent_events').execute(), 'the history is append-only');
    });

    test('a consent given to an earlier text is not in force: the citizen is asked again (history kept)', async () => {
      assert.equal((await consent('liisa')).statusCode, 200);
      // As if Liisa had agreed before the consent text changed (it now names Sievin kunta, not "kaupunki").
      await t.database.db
        .updateTable('feed_consents')
        .set({ text_version: 'feed-consent-1' })
        .where('municipality_id', '=', 'sievi')
        .execute();
      assert.deepEqual((await call('liisa', 'GET', '/v1/me/consent')).json(), {
        granted: false,
        textVersion: null,
        grantedAt: null,
      });
      assert.equal(
        (await feedOf('liisa')).items.some((i) => i.personal),
        false,
        'the general feed only',
      );
      assert.equal((await consent('liisa')).json().granted, true, 'agreeing to the current text works again');
      assert.equal((await withdraw('liisa')).statusCode, 204);
    });

    test('a state change that is not application/json is refused (415), a bad body is 400', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        null,
      ]) {
        const response = await call('liisa', 'PUT', '/v1/me/consent', { body: '{"textVersion":"1"}', contentType });
        assert.equal(response.statusCode, 415, String(contentType));
        assert.equal(response.json().code, 'KA_VALIDATION');
        const dismissal = await call('liisa', 'POST', '/v1/me/feed/notice.water-break/dismiss', { contentType });
        assert.equal(dismissal.statusCode, 415);
        const withdrawal = await call('liisa', 'DELETE', '/v1/me/consent', { contentType });
        assert.equal(withdrawal.statusCode, 415);
      }
      for (const json of [
        {},
        { textVersion: '' },
        { textVersion: 'x'.repeat(40) },
        { textVersion: 'feed-consent-2', extra: 1 },
        // Not coerced: a number is not the string it would print as.
        { textVersion: 1 },
        // Only the text the municipality shows now.
        { textVersion: 'feed-consent-0' },
      ]) {
        assert.equal((await call('liisa', 'PUT', '/v1/me/consent', { json })).statusCode, 400, JSON.stringify(json));
      }
      assert.equal((await call('liisa', 'GET', '/v1/me/consent')).json().granted, false);
    });

    test('requires sign-in', async () => {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/v1/me/consent',
        headers: { 'content-type': 'application/json' },
        payload: '{"textVersion":"1"}',
      });
      assert.equal(response.statusCode, 401);
    });

    test('a browser may send the JSON requests from a municipality page (CORS preflight)', async () => {
      const response = await t.app.inject({
        method: 'OPTIONS',
        url: '/v1/me/consent',
        headers: {
          origin: NIVALA_ORIGIN,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization, dpop, content-type',
        },
      });
      assert.equal(response.statusCode, 204);
      assert.match(String(response.headers['access-control-allow-methods']), /PUT/);
      assert.match(String(response.headers['access-control-allow-methods']), /DELETE/);
    });
  });

  describe('signed in without consent', () => {
    for (const key of ['maija', 'matti', 'aino', 'juha', 'liisa'] as const) {
      test(`${key} gets the general feed, and no personal data is read`, async () => {
        const before = (await auditRowsOf(key)).length;
        const feed = await feedOf(key);
        assert.ok(feed.items.length > 0);
        assert.ok(feed.items.every((i) => !i.personal && i.reason === null));
        assert.deepEqual(
          feed.sources.map((s) => s.id),
          ['ptv'],
        );
        assert.equal(facts.calls.length, 0, 'population data not read');
        assert.equal(cases.calls.length, 0, 'cases not read');
        const rows = await auditRowsOf(key);
        assert.equal(rows.length, before, 'nothing personal read, so nothing logged');
        assert.ok(!rows.some((r) => JSON.parse(r.sources).includes('population')));
      });
    }
  });

  describe('signed in with consent', () => {
    test('Maija: her two tasks, then pre-school enrolment for Eino, worded for where enrolment stands', async () => {
      await consent('maija');
      const feed = await feedOf('maija');
      assert.deepEqual(ruleIds(feed.items), ['preschool-enrolment', 'task-action-required', 'task-decision-pending']);
      const order = feed.items.map((i) => i.reason?.ruleId ?? i.id);
      assert.deepEqual(order.slice(0, 4), [
        'task-action-required',
        'notice.water-break',
        'task-decision-pending',
        'preschool-enrolment',
      ]);
      const complement = feed.items[0]!;
      assert.equal(complement.kind, 'task');
      assert.equal(complement.action?.href, 'https://cases.test/lupapiste:LP-535-2026-00012');
      assert.match(complement.body.fi, /Lisää puuttuvat liitteet/);
      const preschool = feed.items.find((i) => i.reason?.ruleId === 'preschool-enrolment')!;
      assert.equal(preschool.kind, 'suggestion');
      assert.equal(preschool.personal, true);
      assert.match(preschool.title.fi, /Eino/);
      const month = new Date().getMonth() + 1;
      const phaseWord = month >= 8 ? /tammi–helmikuussa/ : month <= 2 ? /nyt/ : /myöhässä/;
      assert.match(preschool.title.fi, phaseWord);
      assert.equal(preschool.action?.href, 'https://asiointi.nivala.test/esiopetus');
      assert.equal(preschool.service?.id, 's-preschool');
      assert.deepEqual(preschool.reason!.dataUsed[0], {
        fi: 'lapsesi syntymäaika',
        sv: 'ditt barns födelsedatum',
        en: "your child's date of birth",
      });
      assert.match(preschool.reason!.legalBasis.fi, /628\/1998/);
      assert.equal(preschool.reason!.ruleVersion, '1.1');
      assert.ok(preschool.validUntil && !Number.isNaN(Date.parse(preschool.validUntil)));
      assert.ok(
        !JSON.stringify(feed).includes('Helmi') || feed.items.some((i) => i.reason?.ruleId === 'task-decision-pending'),
      );
      assert.deepEqual(
        feed.sources.map((s) => s.id),
        ['population', 'lupapiste', 'evaka', 'generic', 'ptv'],
      );
    });

    test('the feed read is audited with its data category and sources', async () => {
      await consent('maija');
      const before = (await auditRowsOf('maija')).length;
      const feed = await feedOf('maija');
      const rows = await auditRowsOf('maija');
      assert.equal(rows.length, before + 1, 'exactly one row');
      const row = rows.at(-1)!;
      assert.equal(row.data_category, 'life_situation');
      assert.deepEqual(JSON.parse(row.sources), ['population', 'lupapiste', 'evaka', 'generic']);
      assert.equal(row.purpose, 'proactive_feed');
      assert.equal(row.outcome, 'disclosed');
      assert.deepEqual(
        JSON.parse(row.object_refs),
        feed.items.filter((i) => i.personal).map((i) => i.id),
      );
      assert.ok(!JSON.stringify(rows).includes(testCitizen('maija').hetu));
    });

    test('Matti: newcomer services, with the municipality override link and a rule turned off', async () => {
      await consent('matti');
      const feed = await feedOf('matti');
      assert.deepEqual(ruleIds(feed.items), [
        'newcomer-health-centre',
        'newcomer-library-card',
        'newcomer-waste-management',
      ]);
      const library = feed.items.find((i) => i.reason?.ruleId === 'newcomer-library-card')!;
      assert.equal(library.action?.href, 'https://kalajoki.test/oma-kirjasto');
      const waste = feed.items.find((i) => i.reason?.ruleId === 'newcomer-waste-management')!;
      assert.equal(waste.action?.href, 'https://asiointi.kalajoki.test/jatehuolto');
      assert.match(waste.reason!.explanation.en, /moved on/);
    });

    test("Aino: senior services and her home-care application's status", async () => {
      await consent('aino');
      const feed = await feedOf('aino');
      // Her home-care application is under way: she is not told how to apply for home care.
      assert.deepEqual(ruleIds(feed.items), [
        'senior-meal-service',
        'senior-transport-service',
        'task-home-care-application',
      ]);
      const status = feed.items.find((i) => i.reason?.ruleId === 'task-home-care-application')!;
      assert.equal(status.kind, 'task');
      assert.match(status.title.fi, /lähetetty/);
      assert.match(
        feed.items.find((i) => i.reason?.ruleId === 'senior-meal-service')!.reason!.explanation.fi,
        /78-vuotias/,
      );
    });

    test('Juha: the summer job voucher for Venla, and that a decision has been made on his permit', async () => {
      await consent('juha');
      const feed = await feedOf('juha');
      assert.deepEqual(ruleIds(feed.items), ['building-next-steps', 'summer-job-voucher']);
      const voucher = feed.items.find((i) => i.reason?.ruleId === 'summer-job-voucher')!;
      assert.match(voucher.title.fi, /Kesätyöseteli/);
      assert.match(voucher.reason!.explanation.fi, /Venla on 15-vuotias/);
      const steps = feed.items.find((i) => i.reason?.ruleId === 'building-next-steps')!;
      assert.equal(steps.action?.href, 'https://cases.test/lupapiste:LP-071-2026-00003', 'the permit in Lupapiste');
      assert.match(steps.title.en, /a decision has been made/i);
      assert.doesNotMatch(steps.body.en, /granted|inspection/);
    });

    test('Liisa: no personal suggestion, the general feed', async () => {
      await consent('liisa');
      const feed = await feedOf('liisa');
      assert.deepEqual(ruleIds(feed.items), []);
      assert.ok(feed.items.length > 0 && feed.items.every((i) => !i.personal));
    });

    test('withdrawal stops the use of personal data at once', async () => {
      await consent('juha');
      assert.ok((await feedOf('juha')).items.some((i) => i.personal));
      facts.calls = [];
      cases.calls = [];
      assert.equal((await withdraw('juha')).statusCode, 204);
      const feed = await feedOf('juha');
      assert.ok(feed.items.every((i) => !i.personal));
      assert.equal(facts.calls.length + cases.calls.length, 0);
    });

    test('with the population data down, tasks and notices still come, the source is marked, the log says partial', async () => {
      await consent('maija');
      facts.failing = true;
      const feed = await feedOf('maija');
      assert.deepEqual(ruleIds(feed.items), ['task-action-required', 'task-decision-pending']);
      assert.equal(feed.sources.find((s) => s.id === 'population')?.status, 'unavailable');
      const row = (await auditRowsOf('maija')).at(-1)!;
      assert.equal(row.outcome, 'disclosed_partial');
      assert.equal(row.data_category, 'cases');
    });
  });

  describe('dismissal', () => {
    test('a dismissed item does not come back; dismissing twice is fine', async () => {
      await consent('aino');
      const item = (await feedOf('aino')).items.find((i) => i.reason?.ruleId === 'senior-meal-service')!;
      const url = `/v1/me/feed/${encodeURIComponent(item.id)}/dismiss`;
      const first = await call('aino', 'POST', url, { json: {} });
      assert.equal(first.statusCode, 204, first.body);
      assert.ok(!(await feedOf('aino')).items.some((i) => i.id === item.id));
      assert.equal((await call('aino', 'POST', url, { json: {} })).statusCode, 204);
      const stored = await t.database.db.selectFrom('feed_dismissals').selectAll().execute();
      assert.ok(stored.some((d) => d.item_id === item.id));
      assert.ok(!JSON.stringify(stored).includes(testCitizen('aino').hetu));
      // Still dismissed after withdrawing and giving consent again.
      await withdraw('aino');
      await consent('aino');
      assert.ok(!(await feedOf('aino')).items.some((i) => i.id === item.id));
    });

    test("a non-existent id and another citizen's id both give 404; a malformed id 400", async () => {
      await consent('juha');
      await consent('maija');
      const juhas = (await feedOf('juha')).items.find((i) => i.personal)!;
      const others = await call('maija', 'POST', `/v1/me/feed/${encodeURIComponent(juhas.id)}/dismiss`, { json: {} });
      const missing = await call('maija', 'POST', '/v1/me/feed/preschool-enrolment.AAAAAAAAAAAAAAAA/dismiss', {
        json: {},
      });
      assert.equal(others.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.equal(others.json().detail, missing.json().detail);
      const malformed = await call('maija', 'POST', '/v1/me/feed/..%2Fetc/dismiss', { json: {} });
      assert.equal(malformed.statusCode, 400);
      // Juha's item is still in his feed.
      assert.ok((await feedOf('juha')).items.some((i) => i.id === juhas.id));
    });

    test('without consent, general items can be dismissed too, without reading personal data', async () => {
      await withdraw('liisa');
      const response = await call('liisa', 'POST', '/v1/me/feed/notice.water-break/dismiss', { json: {} });
      assert.equal(response.statusCode, 404, 'that is a Nivala notice; Liisa lives in Sievi');
      const featured = (await feedOf('liisa')).items[0]!;
      const ok = await call('liisa', 'POST', `/v1/me/feed/${encodeURIComponent(featured.id)}/dismiss`, { json: {} });
      assert.equal(ok.statusCode, 204);
      assert.ok(!(await feedOf('liisa')).items.some((i) => i.id === featured.id));
      assert.equal(facts.calls.length, 0);
    });
  });

  test('every test citizen lives in a municipality of their own', () => {
    assert.deepEqual(
      testCitizens().map((c) => c.municipality),
      ['nivala', 'kalajoki', 'ylivieska', 'haapavesi', 'sievi'],
    );
  });
});
