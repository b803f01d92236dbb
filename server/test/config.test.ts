import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  ConfigError,
  DEFAULT_MUNICIPALITY_CONFIG_DIR,
  listOidcClients,
  loadMunicipalities,
} from '../src/tenants/load-municipalities.js';

const nivala = JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'nivala.json'), 'utf8')) as Record<
  string,
  unknown
>;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function configDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ka-config-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function withAuth(auth: Record<string, unknown>) {
  return { ...nivala, auth: { ...(nivala.auth as object), ...auth } };
}

describe('municipality configuration', () => {
  test('the shipped Nivala configuration loads with the development defaults', () => {
    const config = loadMunicipalities({ env: {} }).find((m) => m.id === 'nivala');
    assert.ok(config);
    assert.equal(config.id, 'nivala');
    assert.equal(config.code, '535');
    assert.deepEqual(config.origins, ['http://localhost:8080']);
    assert.equal(config.auth.issuer, 'http://localhost:8788');
    assert.deepEqual(config.auth.redirectUris.slice(0, 2), ['http://localhost:8080/', 'http://localhost:8080/nivala/']);
    assert.equal(config.sources.lupapiste?.baseUrl, 'http://localhost:8789/lupapiste');
    assert.equal(config.sources.lupapiste?.apiKey, 'dev-lupapiste-key-nivala');
    assert.deepEqual(config.sources.lupapiste?.organizations, ['535-R']);
  });

  test("each municipality's credentials come from variables of its own", () => {
    const configs = loadMunicipalities({ env: { LUPAPISTE_API_KEY_HAAPAVESI: 'haapavesi-only-key-0123' } });
    const key = (id: string) => configs.find((m) => m.id === id)?.sources.lupapiste?.apiKey;
    assert.equal(key('haapavesi'), 'haapavesi-only-key-0123');
    assert.equal(key('nivala'), 'dev-lupapiste-key-nivala');
  });

  test('environment variables replace ${VAR:-default} placeholders', () => {
    const config = loadMunicipalities({
      env: { IDP_URL: 'https://idp.example', DEMO_ORIGIN: 'https://nivala.example', EMULATOR_URL: 'http://lp:1' },
    }).find((m) => m.id === 'nivala');
    assert.equal(config?.auth.issuer, 'https://idp.example');
    assert.deepEqual(config?.origins, ['https://nivala.example']);
    assert.equal(config?.sources.lupapiste?.baseUrl, 'http://lp:1/lupapiste');
  });

  test('in production a credential never falls back to its committed development default', () => {
    assert.throws(() => loadMunicipalities({ env: { NODE_ENV: 'production' } }), {
      name: 'ConfigError',
      message: /uses \$\{[A-Z_]*(KEY|TOKEN|PASSWORD|USERNAME)[A-Z_]*\}, a credential: in production it must be set/,
    });
    // With every credential set, production loads, and non-secret defaults (URLs, X-Road instance) still apply.
    const files = readdirSync(DEFAULT_MUNICIPALITY_CONFIG_DIR).map((f) =>
      readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, f), 'utf8'),
    );
    const credentials = [...files.join('\n').matchAll(/\$\{([A-Z0-9_]+):-/g)]
      .map((m) => m[1]!)
      .filter((name) => /(?:^|_)(?:KEY|TOKEN|PASSWORD|SECRET|USERNAME)(?:_|$)/.test(name));
    const env = Object.fromEntries([
      ['NODE_ENV', 'production'],
      ...credentials.map((name) => [
        name,
        name.includes('JWT') ? `set-${'x'.repeat(120)}` : `set-${name.toLowerCase()}`,
      ]),
    ]);
    assert.equal(loadMunicipalities({ env }).length, 11);
  });

  test('a bad field fails the start with the file name and the field path', () => {
    const dir = configDir({ 'nivala.json': withAuth({ issuer: 'not a url' }) });
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), {
      name: 'ConfigError',
      message: 'nivala.json: /auth/issuer must be a URL',
    });
  });

  test('a bad value from the environment is reported at the field it lands in', () => {
    assert.throws(() => loadMunicipalities({ env: { DEMO_ORIGIN: 'http://localhost:8080/path' } }), {
      message: /^[a-z]+\.json: \/origins\/0 must be an origin \(scheme:\/\/host\[:port\], no path\)$/,
    });
  });

  test('an unknown setting (a typo) is refused by name', () => {
    const dir = configDir({ 'nivala.json': withAuth({ clientID: 'x' }) });
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), {
      message: 'nivala.json: /auth/clientID is not a known setting',
    });
  });

  test('a missing setting is named', () => {
    const { code: _code, ...withoutCode } = nivala;
    const dir = configDir({ 'nivala.json': withoutCode });
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), { message: 'nivala.json: /code is required' });
  });

  test('a placeholder without default needs its variable', () => {
    const dir = configDir({ 'nivala.json': withAuth({ clientId: '${NIVALA_CLIENT_ID}' }) });
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), {
      message: 'nivala.json: /auth/clientId uses ${NIVALA_CLIENT_ID}, which is not set and has no default',
    });
  });

  test('the id must match the file name, and client ids must be unique', () => {
    assert.throws(() => loadMunicipalities({ configDir: configDir({ 'sievi.json': nivala }), env: {} }), ConfigError);
    const dir = configDir({ 'nivala.json': nivala, 'sievi.json': { ...nivala, id: 'sievi', code: '791' } });
    assert.throws(() => loadMunicipalities({ configDir: dir, env: {} }), {
      message: 'sievi.json: /auth/clientId "kunta-akkuna-nivala" is already used by nivala.json',
    });
  });

  test('invalid JSON names the file', () => {
    assert.throws(
      () => loadMunicipalities({ configDir: configDir({ 'nivala.json': '{ nope' }), env: {} }),
      /^ConfigError: nivala.json: not valid JSON/,
    );
  });

  test('the identity provider gets one client per municipality from the same files', () => {
    const clients = listOidcClients({ env: {} });
    assert.equal(clients.length, loadMunicipalities({ env: {} }).length);
    assert.deepEqual(
      clients.find((c) => c.municipalityId === 'kalajoki'),
      {
        municipalityId: 'kalajoki',
        clientId: 'kunta-akkuna-kalajoki',
        redirectUris: [
          'http://localhost:8080/kalajoki/',
          'http://localhost:8080/kalajoki/sv/',
          'http://localhost:8080/kalajoki/en/',
        ],
        origins: ['http://localhost:8080'],
        issuer: 'http://localhost:8788',
        audience: 'urn:kunta-akkuna:api',
        scope: 'openid profile',
        identityCodeClaim: 'ka_pid',
      },
    );
  });
});
