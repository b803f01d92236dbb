import '../index.js';
import type { KuntaProvider } from '../provider/provider.js';
import { LocalizeController, loadStrings, resolveLanguage, type StringsPart } from './localize.js';
import {
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  fakeAuth,
  fakeClient,
  fixture,
  includes,
  it,
  settle,
  shadow,
  text,
} from '../internal/testing.js';

describe('language fallback', () => {
  const htmlLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = htmlLang;
    cleanup();
  });

  it('element lang, then the closest provider, then <html lang>, then Finnish', async () => {
    document.documentElement.lang = 'en-GB';
    const provider = document.createElement('kunta-provider') as KuntaProvider;
    const element = document.createElement('kunta-login');
    provider.append(element);
    await fixture(provider);

    equal(resolveLanguage(element), 'en', '<html lang>');
    provider.setAttribute('lang', 'sv');
    equal(resolveLanguage(element), 'sv', 'provider');
    element.setAttribute('lang', 'fi');
    equal(resolveLanguage(element), 'fi', 'own lang');
    element.setAttribute('lang', 'de');
    equal(resolveLanguage(element), 'sv', 'unsupported own lang falls through');
    provider.removeAttribute('lang');
    document.documentElement.lang = 'de';
    equal(resolveLanguage(element), 'fi', 'Finnish last');
    document.documentElement.removeAttribute('lang');
    equal(resolveLanguage(element), 'fi');
  });

  it('a widget re-renders when <html lang> or the provider lang changes', async () => {
    document.documentElement.lang = 'fi';
    const provider = document.createElement('kunta-provider') as KuntaProvider;
    provider.client = fakeClient(fakeAuth(null), async () => ({ items: [], sources: [] }));
    const element = document.createElement('kunta-login');
    provider.append(element);
    await fixture(provider);
    await settle(element);
    equal(text(shadow(element, 'button')), 'Kirjaudu sisään');
    document.documentElement.lang = 'en';
    await settle(element);
    equal(text(shadow(element, 'button')), 'Sign in');
    provider.setAttribute('lang', 'sv');
    await settle(element);
    equal(text(shadow(element, 'button')), 'Logga in');
  });

  it('a language switch keeps the text on screen until the new strings have loaded, then re-renders', async () => {
    document.documentElement.lang = 'fi';
    const element = document.createElement('kunta-login');
    element.client = fakeClient(fakeAuth(null), async () => ({ items: [], sources: [] }));
    await fixture(element);
    await settle(element);
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(text(shadow(element, 'button'))));
    observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
    element.setAttribute('lang', 'sv');
    await settle(element);
    observer.disconnect();
    equal(text(shadow(element, 'button')), 'Logga in');
    assert(
      seen.every((shown) => shown === 'Kirjaudu sisään' || shown === 'Logga in'),
      `never without text: ${seen.join(' | ')}`,
    );
  });

  it('dates are formatted in Europe/Helsinki in the element language', async () => {
    // Strings load on demand; a widget waits for them before rendering, this bare controller does not.
    await Promise.all([loadStrings('fi'), loadStrings('en')]);
    const host = document.createElement('kunta-login');
    const controller = new LocalizeController(host);
    host.setAttribute('lang', 'fi');
    // Summer time: 21:30 UTC is 00:30 next day in Helsinki (UTC+3).
    includes(controller.dateTime('2026-06-30T21:30:00Z'), '1.7.2026');
    includes(controller.dateTime('2026-06-30T21:30:00Z'), '0.30');
    host.setAttribute('lang', 'en');
    includes(controller.dateTime('2026-06-30T21:30:00Z'), '1 Jul 2026');
    equal(controller.dateTime('not a date'), '');
    equal(controller.text({ fi: 'Hei', sv: 'Hej', en: 'Hello' }), 'Hello');
  });

  it("a widget's own strings come with the common ones of its language, and only for that widget", async () => {
    const asked: string[] = [];
    const own = (code: 'fi' | 'sv' | 'en') => async () => {
      asked.push(code);
      return { default: { casesHeading: `own ${code}` } };
    };
    const part: StringsPart = { fi: own('fi'), sv: own('sv'), en: own('en') };
    const host = document.createElement('kunta-login');
    host.setAttribute('lang', 'sv');
    const controller = new LocalizeController(host, undefined, undefined, part);
    const plain = new LocalizeController(host);
    await controller.load();
    equal(controller.t.casesHeading, 'own sv');
    equal(controller.t.signIn, 'Logga in', 'the common strings too');
    equal(asked.join(), 'sv', 'only the language shown');
    equal(controller.load(), undefined, 'loaded once');
    equal(plain.t.casesHeading, undefined, "another widget's controller does not carry them");
  });
});
