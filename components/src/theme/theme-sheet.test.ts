import '../index.js';
import { getPageClient } from '@kunta-akkuna/sdk';
import type { KuntaClient, Municipality } from '@kunta-akkuna/sdk';
import type { KuntaCaseStatus } from '../case-status/case-status.js';
import type { KuntaLogin } from '../login/login.js';
import { themeDeclarations } from './theme-sheet.js';
import {
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  expectAccessible,
  fakeAuth,
  fakeClient,
  fixture,
  it,
  settle,
  shadow,
  text,
  waitFor,
} from '../internal/testing.js';

const KALAJOKI = {
  id: 'kalajoki',
  defaultLanguage: 'sv',
  languages: ['fi', 'sv', 'en'],
  theme: {
    tokens: {
      '--kunta-color-primary': '#00646e',
      '--kunta-font-family': 'Georgia, serif',
      '--kunta-color-text': '#1a1a1a',
    },
  },
} as unknown as Municipality;

function clientFor(settings: Municipality) {
  const client = fakeClient(fakeAuth(null), async () => ({ items: [], sources: [] }));
  return { ...client, municipality: { retrieve: async () => settings } } as unknown as typeof client;
}

const primary = (element: Element) => getComputedStyle(element).getPropertyValue('--kunta-color-primary').trim();

describe('municipality theme and default language', () => {
  const htmlLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = htmlLang;
    document.getElementById('page-theme')?.remove();
    cleanup();
  });

  it("applies the municipality's tokens on the widget, and page CSS on the element still wins", async () => {
    document.documentElement.lang = 'fi';
    const element = document.createElement('kunta-login') as KuntaLogin;
    element.client = clientFor(KALAJOKI);
    await fixture(element);
    await waitFor(() => primary(element) === '#00646e', 'theme applied');
    assert(/Georgia/.test(getComputedStyle(element).getPropertyValue('--kunta-font-family')));
    const button = shadow(element, 'button')!;
    equal(getComputedStyle(button).backgroundColor, 'rgb(0, 100, 110)');
    await expectAccessible(element);

    const pageSheet = new CSSStyleSheet();
    pageSheet.replaceSync('kunta-login { --kunta-color-primary: #5b3a8c; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
    try {
      equal(primary(element), '#5b3a8c', "the page's own rule on the element wins over the municipality theme");
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== pageSheet);
    }
  });

  it("uses the municipality's default language only when no lang is set anywhere", async () => {
    document.documentElement.removeAttribute('lang');
    const element = document.createElement('kunta-login') as KuntaLogin;
    element.client = clientFor(KALAJOKI);
    await fixture(element);
    await waitFor(() => text(shadow(element, 'button')) === 'Logga in', 'Swedish from the municipality default');
    document.documentElement.lang = 'fi';
    await settle(element);
    equal(text(shadow(element, 'button')), 'Kirjaudu sisään', '<html lang> comes before the municipality');
    element.setAttribute('lang', 'en');
    await settle(element);
    equal(text(shadow(element, 'button')), 'Sign in', 'changing lang on a live widget re-renders it');
  });

  it('passes over a language the municipality does not offer, for its default', async () => {
    document.documentElement.lang = 'en';
    const element = document.createElement('kunta-login') as KuntaLogin;
    element.client = clientFor({ ...KALAJOKI, languages: ['fi', 'sv'] } as Municipality);
    await fixture(element);
    await waitFor(() => text(shadow(element, 'button')) === 'Logga in', 'the default, Swedish, not English');
    element.setAttribute('lang', 'fi');
    await settle(element);
    equal(text(shadow(element, 'button')), 'Kirjaudu sisään', 'an offered language is used');
  });

  it('a widget the municipality has not enabled is hidden, and the console says why', async () => {
    document.documentElement.lang = 'fi';
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const settings = { ...KALAJOKI, widgets: ['kunta-case-status'] } as Municipality;
      const login = document.createElement('kunta-login') as KuntaLogin;
      login.client = clientFor(settings);
      const status = document.createElement('kunta-case-status') as KuntaCaseStatus;
      status.client = clientFor(settings);
      await fixture(login);
      await fixture(status);
      await waitFor(() => login.hidden, 'the login widget hides');
      equal(getComputedStyle(login).display, 'none');
      equal(status.hidden, false, 'an enabled widget stays');
      assert(
        warnings.some((w) => w.includes('<kunta-login> is not enabled')),
        'a console warning names the widget',
      );
      login.client = clientFor({ ...KALAJOKI, widgets: ['kunta-login'] } as Municipality);
      await waitFor(() => !login.hidden, 'shown again once enabled');
    } finally {
      console.warn = warn;
    }
  });

  it('without an api attribute, uses the API the widget files came from', async () => {
    // The test server stands in for the API (it served these files): answer the settings request it gets.
    const requested: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return new Response(JSON.stringify({ ...KALAJOKI, id: 'nivala' }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    try {
      const element = document.createElement('kunta-login') as KuntaLogin;
      element.setAttribute('municipality', 'nivala');
      await fixture(element);
      const client = (element as unknown as { currentClient: KuntaClient | undefined }).currentClient;
      assert(client, 'configured by the municipality alone');
      equal(client, getPageClient(location.origin, 'nivala'), 'the page client for the origin of the widget files');
      await waitFor(() => requested.length > 0, 'the settings requested');
      equal(requested[0], `${location.origin}/v1/municipalities/nivala`);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('drops token names and values that are not plain tokens', () => {
    equal(
      JSON.stringify(
        themeDeclarations({
          '--kunta-color-primary': '#00646e',
          '--kunta-color-text': '#1a1a1a',
          '--kunta-radius': '1em; } :host { display: none',
          color: 'red',
        }),
      ),
      JSON.stringify([['--kunta-color-primary', '#00646e']]),
    );
  });
});
