import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DEFAULT_MUNICIPALITY_CONFIG_DIR,
  listOidcClients,
  loadMunicipalities,
} from '../src/tenants/load-municipalities.js';
import { CONTRAST_PAIRS, TOKENS, contrastFailures, resolveTheme } from '../src/tenants/theme.js';
import { contrastRatio } from '../../components/src/theme/tokens.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { TEST_ISSUER } from './helpers/identity-provider.js';

// reference/backends.md §1.10: kuntanumero, name and Y-tunnus of the eleven first municipalities.
const ELEVEN = [
  ['alavieska', '009', 'Alavieska', '0184674-5'],
  ['haapajarvi', '069', 'Haapajärvi', '0209756-3'],
  ['haapavesi', '071', 'Haapavesi', '0184872-4'],
  ['kalajoki', '208', 'Kalajoki', '0185924-7'],
  ['karsamaki', '317', 'Kärsämäki', '0186511-0'],
  ['muhos', '494', 'Muhos', '0186646-3'],
  ['nivala', '535', 'Nivala', '0186757-0'],
  ['oulainen', '563', 'Oulainen', '0186852-2'],
  ['pyhajoki', '625', 'Pyhäjoki', '0189127-1'],
  ['sievi', '746', 'Sievi', '0189615-2'],
  ['ylivieska', '977', 'Ylivieska', '0190557-3'],
] as const;

const DEMO = 'http://localhost:8080';
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped configuration directory, with some files added or replaced. */
function shippedPlus(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ka-municipalities-'));
  dirs.push(dir);
  cpSync(DEFAULT_MUNICIPALITY_CONFIG_DIR, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

function shipped(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, `${id}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

function withTheme(theme: unknown) {
  return { 'sievi.json': { ...shipped('sievi'), theme } };
}

/** Y-tunnus check digit: weights 7,9,10,5,8,4,2, sum mod 11; remainder 0 gives 0, 1 is never issued. */
function validBusinessId(id: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(id);
  if (!match) return false;
  const sum = [...match[1]!].reduce((acc, d, i) => acc + Number(d) * [7, 9, 10, 5, 8, 4, 2][i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return (remainder === 0 ? 0 : 11 - remainder) === Number(match[2]);
}

describe('the eleven municipalities', () => {
  test('all eleven load, with the codes, names and business ids of the reference table', () => {
    const loaded = loadMunicipalities({ env: {} });
    assert.deepEqual(
      loaded.map((m) => [m.id, m.code, m.name.fi, m.businessId]),
      ELEVEN.map((row) => [...row]),
    );
    for (const m of loaded) {
      assert.ok(validBusinessId(m.businessId), `${m.id}: ${m.businessId} has a valid check digit`);
      assert.match(m.id, /^[a-z]+$/, 'ids are plain ascii');
      assert.equal(m.name.sv, m.name.fi, 'Swedish names equal the Finnish ones for these eleven');
      assert.equal(m.auth.clientId, `kunta-akkuna-${m.id}`);
      assert.ok(m.auth.redirectUris.includes(`${DEMO}/${m.id}/`), `${m.id} is served at /${m.id}/`);
      assert.deepEqual(m.origins, [DEMO]);
      assert.ok(m.languages.includes(m.defaultLanguage));
      assert.ok(m.widgets?.includes('kunta-login'));
      assert.ok(m.theme, `${m.id} has a theme`);
      assert.deepEqual(contrastFailures(resolveTheme(m.theme)), [], `${m.id}'s theme passes WCAG AA`);
    }
    assert.equal(new Set(loaded.map((m) => m.auth.clientId)).size, 11, 'one client id each');
  });

  test('the default theme passes every contrast pair', () => {
    assert.deepEqual(contrastFailures(resolveTheme(undefined)), []);
  });

  test('adding a file adds a municipality, and the identity provider registers its client', () => {
    const oulu = {
      ...shipped('sievi'),
      id: 'oulu',
      code: '564',
      businessId: '0187690-1',
      name: { fi: 'Oulu', sv: 'Uleåborg' },
      swedishNameOfficial: true,
      finnishCases: { genitive: 'Oulun', inessive: 'Oulussa', elative: 'Oulusta', illative: 'Ouluun' },
      auth: { ...(shipped('sievi').auth as object), clientId: 'kunta-akkuna-oulu', redirectUris: [`${DEMO}/oulu/`] },
    };
    const dir = shippedPlus({ 'oulu.json': oulu });
    const loaded = loadMunicipalities({ configDir: dir, env: {} });
    assert.equal(loaded.length, 12);
    assert.equal(loaded.find((m) => m.id === 'oulu')?.name.sv, 'Uleåborg');
    assert.ok(listOidcClients({ configDir: dir, env: {} }).some((c) => c.clientId === 'kunta-akkuna-oulu'));
  });
});

describe('a bad municipality file names the field', () => {
  const cases: [string, Record<string, unknown>, string | RegExp][] = [
    ['a colour that is not #rrggbb', withTheme({ primaryColor: 'blue' }), /\/theme\/primaryColor must be a colour/],
    [
      'an undocumented token (a typo)',
      withTheme({ tokens: { '--kunta-colour-text': '#000000' } }),
      'sievi.json: /theme/tokens/--kunta-colour-text is not a known setting',
    ],
    [
      'a length in rem',
      withTheme({ radius: '1rem' }),
      'sievi.json: /theme/radius must be a length in em or px (e.g. 0.5em, 4px)',
    ],
    [
      'a font list that tries to end the declaration',
      withTheme({ fontFamily: 'Arial; } body { display: none' }),
      /\/theme\/fontFamily must be a font list/,
    ],
    [
      'an unknown density',
      withTheme({ density: 'cosy' }),
      'sievi.json: /theme/density must be one of compact, normal, spacious',
    ],
    [
      'an unknown widget',
      { 'sievi.json': { ...shipped('sievi'), widgets: ['kunta-login', 'kunta-weather'] } },
      'sievi.json: /widgets/1 must be one of kunta-login, kunta-case-status, kunta-service-feed, kunta-notices, kunta-my-data',
    ],
    [
      'a misspelt rule override setting',
      { 'sievi.json': { ...shipped('sievi'), rules: { overrides: { 'preschool-enrolment': { enable: false } } } } },
      'sievi.json: /rules/overrides/preschool-enrolment/enable is not a known setting',
    ],
  ];
  for (const [what, files, message] of cases) {
    test(what, () => {
      assert.throws(() => loadMunicipalities({ configDir: shippedPlus(files), env: {} }), {
        name: 'ConfigError',
        message,
      });
    });
  }

  test('a typed rule override is accepted', () => {
    const dir = shippedPlus({
      'sievi.json': {
        ...shipped('sievi'),
        rules: {
          overrides: {
            'preschool-enrolment': {
              enabled: true,
              window: { fromDays: -60, toDays: 30 },
              link: 'https://www.sievi.fi/esiopetus',
              text: { fi: 'Ilmoita lapsesi esiopetukseen.' },
            },
          },
        },
      },
    });
    const sievi = loadMunicipalities({ configDir: dir, env: {} }).find((m) => m.id === 'sievi');
    assert.equal(sievi?.rules?.overrides?.['preschool-enrolment']?.window?.fromDays, -60);
  });
});

describe('theme contrast (WCAG 2.1 AA) at start', () => {
  test('a theme whose button text would be unreadable is refused, naming the token pair and the ratio', () => {
    // White on #7f9fbf is 2.75:1 and so is near-black: no text colour can pass, so the primary colour is refused.
    assert.throws(
      () => loadMunicipalities({ configDir: shippedPlus(withTheme({ primaryColor: '#7f9fbf' })), env: {} }),
      {
        name: 'ConfigError',
        message:
          /^sievi\.json: \/theme fails WCAG 2\.1 AA contrast: --kunta-color-primary on --kunta-color-background has contrast 2\.75:1, below the 4\.5:1 WCAG 2\.1 AA minimum for text \(set by \/theme\/primaryColor\)/,
      },
    );
  });

  test('a focus ring below 3:1 is refused with its own minimum', () => {
    const dir = shippedPlus(withTheme({ tokens: { '--kunta-color-focus': '#a0a0a0' } }));
    assert.throws(
      () => loadMunicipalities({ configDir: dir, env: {} }),
      (error: Error) => {
        assert.match(
          error.message,
          /--kunta-color-focus on --kunta-color-background has contrast 2\.\d\d:1, below the 3:1 WCAG 2\.1 AA minimum for focus indicators \(set by \/theme\/tokens\/--kunta-color-focus\)/,
        );
        return true;
      },
    );
  });

  test('a ratio just under the minimum is never rounded up to pass', () => {
    // #767676 on white is 4.54:1; #777777 is 4.48:1.
    const failures = contrastFailures(resolveTheme({ tokens: { '--kunta-color-muted': '#777777' } }));
    assert.match(failures[0] ?? '', /has contrast 4\.47:1|has contrast 4\.48:1/);
  });

  test('the Appearance settings map onto tokens: primary colour, focus, readable button text, font, radius, density', () => {
    const { tokens } = resolveTheme({
      primaryColor: '#ffd24d',
      fontFamily: 'Georgia, serif',
      radius: '4px',
      density: 'compact',
      tokens: { '--kunta-color-focus': '#0a4f8f' },
    });
    assert.equal(tokens['--kunta-color-primary'], '#ffd24d');
    assert.equal(tokens['--kunta-color-on-primary'], '#1a1a1a', 'dark text on a light primary colour');
    assert.equal(tokens['--kunta-color-focus'], '#0a4f8f', 'raw tokens win');
    assert.equal(tokens['--kunta-font-family'], 'Georgia, serif');
    assert.equal(tokens['--kunta-radius'], '4px');
    assert.equal(tokens['--kunta-space-m'], '0.75em');
    assert.equal(resolveTheme({ primaryColor: '#00558c' }).tokens['--kunta-color-on-primary'], '#ffffff');
  });

  test('the validator checks the same token list and pairs the widgets use (one source)', () => {
    const source = readFileSync(new URL('../../components/src/theme/tokens.ts', import.meta.url), 'utf8');
    for (const token of TOKENS) assert.ok(source.includes(`'${token.name}'`));
    assert.ok(CONTRAST_PAIRS.length >= 10);
    assert.equal(contrastRatio('#ffffff', '#000000').toFixed(1), '21.0');
  });
});

describe('GET /v1/municipalities', () => {
  let t: TestApp;
  before(async () => {
    const env = { IDP_URL: TEST_ISSUER, DEMO_ORIGIN: 'https://www.nivala.test' };
    t = await buildTestApp({ municipalities: loadMunicipalities({ env }) });
  });
  after(() => t?.close());

  test('lists the eleven municipalities', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().items.map((m: { id: string }) => m.id),
      ELEVEN.map(([id]) => id),
    );
  });

  test("a municipality's settings carry its resolved theme, languages, widgets and sign-in", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/municipalities/kalajoki' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.defaultLanguage, 'fi');
    assert.deepEqual(body.languages, ['fi', 'sv', 'en']);
    assert.deepEqual(body.widgets, [
      'kunta-login',
      'kunta-case-status',
      'kunta-service-feed',
      'kunta-notices',
      'kunta-my-data',
    ]);
    assert.equal(body.auth.clientId, 'kunta-akkuna-kalajoki');
    assert.deepEqual(Object.keys(body.theme.tokens).sort(), TOKENS.map((tk) => tk.name).sort(), 'every token');
    assert.equal(body.theme.tokens['--kunta-color-primary'], '#00646e');
    assert.match(body.theme.tokens['--kunta-font-family'], /Georgia/);
    assert.equal(body.theme.tokens['--kunta-color-text'], '#1a1a1a', 'defaults where the theme sets nothing');
  });

  test("a municipality's settings say how it names itself: type, Finnish cases, Swedish name", async () => {
    const kalajoki = (await t.app.inject({ method: 'GET', url: '/v1/municipalities/kalajoki' })).json();
    assert.equal(kalajoki.type, 'kaupunki');
    assert.deepEqual(kalajoki.finnishCases, {
      genitive: 'Kalajoen',
      inessive: 'Kalajoella',
      elative: 'Kalajoelta',
      illative: 'Kalajoelle',
    });
    assert.deepEqual(kalajoki.name, { fi: 'Kalajoki', sv: 'Kalajoki' });
    assert.equal(kalajoki.swedishNameOfficial, false);
    const sievi = (await t.app.inject({ method: 'GET', url: '/v1/municipalities/sievi' })).json();
    assert.equal(sievi.type, 'kunta');
  });
});
