import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TESTILA, type TestApp } from './helpers/app.js';
import { TEST_ISSUER } from './helpers/identity-provider.js';
import { outageNotices } from '../src/notices/outages.js';

const STAFF = { clientId: 'kunta-akkuna-admin', audience: 'urn:kunta-akkuna:staff', roleClaim: 'ka_roles' };

/** A second municipality with staff sign-in, offering Finnish and Swedish only. */
const TOINEN = {
  ...TESTILA,
  id: 'toinen',
  code: '998',
  origins: ['https://www.toinen.test'],
  auth: { ...TESTILA.auth, clientId: 'kunta-akkuna-toinen', redirectUris: ['https://www.toinen.test/'] },
  staff: { issuer: '${IDP_URL}', ...STAFF, scope: 'openid profile', roleValue: 'notices:toinen' },
};

let t: TestApp;
before(async () => {
  // Outage notices at once (the default waits 120 s; the unit test below checks the wait).
  t = await buildTestApp(
    {},
    { extraMunicipalities: { toinen: TOINEN }, nivala: (c) => ({ ...c, outageNoticeAfterSeconds: 0 }) },
  );
});
after(() => t.close());

async function staffToken(roles: string[], claims: Record<string, unknown> = {}) {
  return t.idp.accessToken('000000-0000', {
    claims: {
      sub: `staff-${roles.join('-') || 'none'}`,
      aud: STAFF.audience,
      client_id: STAFF.clientId,
      name: 'Nivalan tiedottaja',
      ka_pid: undefined,
      acr: undefined,
      [STAFF.roleClaim]: roles,
      ...claims,
    },
  });
}

const hour = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const texts = (s: string) => ({ fi: `${s} fi`, sv: `${s} sv`, en: `${s} en` });
function input(overrides: Record<string, unknown> = {}) {
  return {
    severity: 'critical',
    title: texts('Vesikatko'),
    body: texts('Vesi on poikki keskustassa.'),
    link: { href: 'https://www.nivala.fi/vesi' },
    topics: ['water'],
    startsAt: iso(-60_000),
    endsAt: iso(2 * hour),
    ...overrides,
  };
}

async function publish(token: string, body: unknown, municipality = 'nivala') {
  return t.app.inject({
    method: 'POST',
    url: `/v1/staff/municipalities/${municipality}/notices`,
    headers: { authorization: `Bearer ${token}` },
    payload: body as Record<string, unknown>,
  });
}

describe('staff authorisation per municipality', () => {
  test('a Nivala editor publishes a Nivala notice, and citizens see it on the public list', async () => {
    const response = await publish(await staffToken(['notices:nivala']), input());
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json();
    assert.equal(created.status, 'active');
    assert.equal(created.version, 1);
    const list = await t.app.inject({ url: '/v1/municipalities/nivala/notices' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((n: { id: string }) => n.id === created.id));
  });

  test("a Nivala editor can neither read nor write another municipality's notices", async () => {
    const token = await staffToken(['notices:nivala']);
    const write = await publish(token, input({ title: { fi: 'a', sv: 'b' }, body: { fi: 'a', sv: 'b' } }), 'toinen');
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().code, 'KA_FORBIDDEN');
    const read = await t.app.inject({
      url: '/v1/staff/municipalities/toinen/notices',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(read.statusCode, 403);
    // Nor edit one by its id through its own municipality's path.
    const other = await publish(
      await staffToken(['notices:toinen']),
      input({ title: { fi: 'a', sv: 'b' }, body: { fi: 'a', sv: 'b' } }),
      'toinen',
    );
    assert.equal(other.statusCode, 201, other.body);
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/municipalities/nivala/notices/${other.json().id}`,
      headers: { authorization: `Bearer ${token}`, 'if-match': '"1"' },
      payload: input(),
    });
    assert.equal(edit.statusCode, 404);
  });

  test('a staff token without the role is refused', async () => {
    const response = await publish(await staffToken([]), input());
    assert.equal(response.statusCode, 403);
  });

  test('a citizen token never reaches staff routes', async () => {
    const citizen = await t.idp.accessToken(t.hetu.maija);
    const response = await publish(citizen, input());
    assert.equal(response.statusCode, 401);
    // Even with the role claim added: its audience and client are the citizen API's.
    const withRole = await t.idp.accessToken(t.hetu.maija, { claims: { ka_roles: ['notices:nivala'] } });
    assert.equal((await publish(withRole, input())).statusCode, 401);
  });

  test('a staff token never reaches citizen routes', async () => {
    const token = await staffToken(['notices:nivala']);
    const response = await t.app.inject({ url: '/v1/me/cases', headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 401);
  });

  test('staff routes refuse other origins and send no CORS headers', async () => {
    const response = await t.app.inject({
      url: '/v1/staff/session',
      headers: { authorization: `Bearer ${await staffToken(['notices:nivala'])}`, origin: 'https://www.nivala.test' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.headers['access-control-allow-origin'], undefined);
  });

  test('the session names the municipalities the person may edit', async () => {
    const response = await t.app.inject({
      url: '/v1/staff/session',
      headers: { authorization: `Bearer ${await staffToken(['notices:nivala'])}` },
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().municipalities.map((m: { id: string }) => m.id),
      ['nivala'],
    );
    assert.equal(response.json().name, 'Nivalan tiedottaja');
  });
});

describe('validation, as problem+json', () => {
  const problem = async (body: unknown, municipality = 'nivala') => {
    const roles = [`notices:${municipality}`];
    const response = await publish(await staffToken(roles), body, municipality);
    assert.equal(response.statusCode, 400, response.body);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'KA_VALIDATION');
    return response.json().detail as string;
  };

  test('a missing language is named', async () => {
    assert.match(await problem(input({ body: { fi: 'x', en: 'y' } })), /body\/sv is required/);
  });

  test('a language the municipality does not offer is refused', async () => {
    assert.match(await problem(input(), 'toinen'), /does not offer en/);
  });

  test('an end before the start is refused', async () => {
    assert.match(
      await problem(input({ startsAt: iso(hour), endsAt: iso(30 * 60_000) })),
      /endsAt must be after startsAt/,
    );
  });

  test('over-long text is refused, naming the field', async () => {
    const detail = await problem(input({ title: { ...texts('x'), fi: 'x'.repeat(121) } }));
    assert.match(detail, /title\/fi/);
    assert.match(detail, /120/);
  });

  test('a link that is not http(s) is refused', async () => {
    assert.match(await problem(input({ link: { href: 'javascript:alert(1)' } })), /link\/href/);
  });
});

describe('scheduling', () => {
  test('a notice scheduled ahead is hidden until it becomes visible; a planned break shows before it starts', async () => {
    const token = await staffToken(['notices:nivala']);
    const later = await publish(
      token,
      input({ severity: 'info', topics: ['later'], startsAt: iso(hour), endsAt: iso(2 * hour) }),
    );
    assert.equal(later.json().status, 'scheduled');
    const planned = await publish(
      token,
      input({
        severity: 'warning',
        topics: ['lupapiste'],
        visibleFrom: iso(-1000),
        startsAt: iso(hour),
        endsAt: iso(3 * hour),
      }),
    );
    assert.equal(planned.json().status, 'visible');
    const ids = (await t.app.inject({ url: '/v1/municipalities/nivala/notices' }))
      .json()
      .items.map((n: { id: string }) => n.id);
    assert.ok(!ids.includes(later.json().id));
    assert.ok(ids.includes(planned.json().id));
  });

  test('the public list is most severe first, and revalidates with its ETag', async () => {
    const first = await t.app.inject({ url: '/v1/municipalities/nivala/notices' });
    const severities = first.json().items.map((n: { severity: string }) => n.severity);
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    assert.deepEqual(
      severities,
      [...severities].sort((a: string, b: string) => rank[a]! - rank[b]!),
    );
    assert.match(String(first.headers['cache-control']), /stale-if-error=\d+/);
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ url: '/v1/municipalities/nivala/notices', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    // Kalajoki-like other municipality sees none of Nivala's.
    const other = await t.app.inject({ url: '/v1/municipalities/testila/notices' });
    assert.deepEqual(other.json().items, []);
  });

  test('ending a notice removes it from the public list at once', async () => {
    const token = await staffToken(['notices:nivala']);
    const created = (await publish(token, input({ topics: ['ending'] }))).json();
    const ended = await t.app.inject({
      method: 'POST',
      url: `/v1/staff/municipalities/nivala/notices/${created.id}/end`,
      headers: { authorization: `Bearer ${token}`, 'if-match': `"${created.version}"` },
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().status, 'ended');
    const ids = (await t.app.inject({ url: '/v1/municipalities/nivala/notices' }))
      .json()
      .items.map((n: { id: string }) => n.id);
    assert.ok(!ids.includes(created.id));
  });
});

describe('change log', () => {
  test('every change writes a row naming who made it, and a stale version is refused', async () => {
    const alice = await staffToken(['notices:nivala'], { sub: 'staff-alice', name: 'Alice' });
    const bob = await staffToken(['notices:nivala'], { sub: 'staff-bob', name: 'Bob' });
    const created = (await publish(alice, input({ topics: ['log'] }))).json();
    const put = (token: string, version: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/v1/staff/municipalities/nivala/notices/${created.id}`,
        headers: { authorization: `Bearer ${token}`, 'if-match': `"${version}"` },
        payload: input({ severity: 'warning', topics: ['log'] }),
      });
    assert.equal((await put(bob, 1)).statusCode, 200);
    const stale = await put(alice, 1);
    assert.equal(stale.statusCode, 412);
    await t.app.inject({
      method: 'POST',
      url: `/v1/staff/municipalities/nivala/notices/${created.id}/end`,
      headers: { authorization: `Bearer ${alice}`, 'if-match': '"2"' },
    });
    const log = await t.app.inject({
      url: `/v1/staff/municipalities/nivala/notices/${created.id}/changes`,
      headers: { authorization: `Bearer ${bob}` },
    });
    assert.deepEqual(
      log
        .json()
        .items.map((c: { action: string; actor: { sub: string; name: string } }) => [
          c.action,
          c.actor.sub,
          c.actor.name,
        ]),
      [
        ['created', 'staff-alice', 'Alice'],
        ['updated', 'staff-bob', 'Bob'],
        ['ended', 'staff-alice', 'Alice'],
      ],
    );
    const rows = await t.database.db
      .selectFrom('notice_changes')
      .selectAll()
      .where('notice_id', '=', created.id)
      .execute();
    assert.ok(rows.every((r) => r.actor_iss === TEST_ISSUER && r.municipality_id === 'nivala'));
  });
});

describe('outage notices', () => {
  test('only after the configured time open, with the time the source last answered', () => {
    const now = new Date('2026-12-04T09:00:00Z');
    const guard = (sourceId: string, downFor: number | null) => ({
      sourceId,
      downSince: downFor === null ? null : now.getTime() - downFor,
      lastOkAt: Date.parse('2026-12-04T08:42:00Z'),
    });
    const sources = {
      guardsOf: () => [guard('lupapiste', 121_000), guard('evaka', 60_000), guard('ptv', null)],
    } as unknown as Parameters<typeof outageNotices>[0];
    const notices = outageNotices(sources, { id: 'nivala' } as Parameters<typeof outageNotices>[1], now);
    assert.deepEqual(
      notices.map((n) => [n.id, n.source, n.dataAsOf, n.topics]),
      [['outage.lupapiste', 'lupapiste', '2026-12-04T08:42:00.000Z', ['lupapiste']]],
    );
  });

  test('a source whose breaker opens gets one outage notice on the public list, gone when it recovers', async () => {
    const guard = t.app.sources.guard('nivala', 'lupapiste')!;
    const failing = async () => {
      throw new Error('down');
    };
    const outages = async () =>
      (await t.app.inject({ url: '/v1/municipalities/nivala/notices' }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'outage');
    assert.deepEqual(await outages(), []);
    for (let i = 0; i < guard.breaker.options.failureThreshold + 5; i++)
      await guard.run(failing).catch(() => undefined);
    const during = await outages();
    assert.equal(during.length, 1);
    assert.equal(during[0].source, 'lupapiste');
    guard.breaker.reset();
    assert.deepEqual(await outages(), []);
  });
});
