import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPageClient, resetPageClients, staticTokenAuth } from '../src/index.js';
import type { MunicipalityAuthSettings } from '../src/index.js';
import { json, startServer } from './helpers.js';

const municipality = {
  id: 'nivala',
  code: '535',
  name: { fi: 'Nivala', sv: 'Nivala' },
  languages: ['fi', 'sv', 'en'],
  defaultLanguage: 'fi',
  auth: {
    authority: 'http://idp.test',
    clientId: 'kunta-akkuna-nivala',
    scope: 'openid',
    resource: 'urn:kunta-akkuna:api',
  },
};

test('getPageClient returns one client per (api, municipality)', () => {
  resetPageClients();
  const a = getPageClient('http://api.test', 'nivala');
  assert.equal(getPageClient('http://api.test/', 'nivala'), a);
  assert.notEqual(getPageClient('http://api.test', 'sievi'), a);
  assert.notEqual(getPageClient('http://other.test', 'nivala'), a);
  assert.throws(() => getPageClient('nope', 'nivala'), TypeError);
  resetPageClients();
});

test('the page client reads the municipality settings once, lazily, and builds auth from them', async () => {
  resetPageClients();
  const server = await startServer((req, res) => {
    if (req.url === '/v1/municipalities/nivala') return json(res, 200, municipality);
    return json(res, 200, { items: [], sources: [] });
  });
  try {
    const built: MunicipalityAuthSettings[] = [];
    const client = getPageClient(server.url, 'nivala', {
      createAuth: (settings) => {
        built.push(settings);
        return staticTokenAuth('page-token');
      },
    });
    assert.equal(server.requests.length, 0, 'nothing is fetched before the auth is used');
    const [u1, u2] = await Promise.all([client.auth?.getUser(), client.auth?.getUser()]);
    assert.equal(u1?.sub, 'static');
    assert.equal(u2?.sub, 'static');
    await client.cases.list();
    assert.deepEqual(built, [municipality.auth]);
    const settingsCalls = server.requests.filter((r) => r.url === '/v1/municipalities/nivala');
    assert.equal(settingsCalls.length, 1);
    assert.equal(settingsCalls[0]?.headers.authorization, undefined);
    const casesCall = server.requests.find((r) => r.url === '/v1/me/cases');
    assert.equal(casesCall?.headers.authorization, 'Bearer page-token');
  } finally {
    await server.close();
    resetPageClients();
  }
});

test('auth changes reach subscribers of the page client', async () => {
  resetPageClients();
  const server = await startServer((_req, res) => json(res, 200, municipality));
  try {
    const client = getPageClient(server.url, 'nivala', { createAuth: () => staticTokenAuth('x') });
    const seen: unknown[] = [];
    client.auth?.subscribe((user) => seen.push(user?.sub ?? null));
    await client.auth?.getUser();
    await client.auth?.signOut();
    assert.deepEqual(seen, [null]);
  } finally {
    await server.close();
    resetPageClients();
  }
});
