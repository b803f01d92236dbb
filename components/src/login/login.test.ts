import { sendKeys } from '@web/test-runner-commands';
import { KuntaError } from '@kunta-akkuna/sdk';
import '../index.js';
import type { KuntaLogin } from './login.js';
import type { KuntaLoginEvent } from '../events/kunta-login.js';
import type { KuntaLogoutEvent } from '../events/kunta-logout.js';
import {
  MAIJA,
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  expectAccessible,
  fakeAuth,
  fakeClient,
  fixture,
  includes,
  it,
  settle,
  shadow,
  text,
  waitFor,
} from '../internal/testing.js';
import type { FakeAuth } from '../internal/testing.js';

async function login(auth: FakeAuth, lang = 'fi'): Promise<KuntaLogin> {
  const element = document.createElement('kunta-login');
  element.lang = lang;
  element.client = fakeClient(auth, async () => ({ items: [], sources: [] }));
  await fixture(element);
  await waitFor(() => !shadow(element, '[part="status"]'), 'session check');
  await settle(element);
  return element;
}

describe('<kunta-login>', () => {
  afterEach(() => cleanup());

  it('signed out: one "Sign in" button in a labelled group, in fi, sv and en', async () => {
    for (const [lang, label, group] of [
      ['fi', 'Kirjaudu sisään', 'Kirjautuminen'],
      ['sv', 'Logga in', 'Inloggning'],
      ['en', 'Sign in', 'Sign-in'],
    ] as const) {
      const element = await login(fakeAuth(null), lang);
      const button = shadow(element, 'button[part="sign-in-button"]');
      equal(text(button), label, lang);
      equal(shadow(element, '[part="base"]')?.getAttribute('role'), 'group');
      equal(shadow(element, '[part="base"]')?.getAttribute('aria-label'), group);
      await expectAccessible(element);
      cleanup();
    }
  });

  it('Sign in starts the redirect from the keyboard and shows a busy state', async () => {
    const auth = fakeAuth(null);
    const element = await login(auth);
    const button = shadow(element, 'button[part="sign-in-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(auth.calls.filter((c) => c === 'signIn').length, 1);
    equal(button.getAttribute('aria-disabled'), 'true');
    includes(text(button), 'Siirrytään tunnistautumiseen');
    await sendKeys({ press: 'Space' });
    await settle(element);
    equal(auth.calls.filter((c) => c === 'signIn').length, 1, 'no second redirect while busy');
    await expectAccessible(element);
  });

  it('signed in: shows the name and a "Sign out" button; signing out fires kunta-logout and keeps focus', async () => {
    const auth = fakeAuth(MAIJA);
    const element = await login(auth);
    includes(text(shadow(element, '[part="user"]')), 'Kirjautuneena: Maija Meikäläinen');
    const signOut = shadow(element, 'button[part="sign-out-button"]')!;
    equal(text(signOut), 'Kirjaudu ulos');
    await expectAccessible(element);

    const events: KuntaLogoutEvent[] = [];
    document.addEventListener('kunta-logout', (event) => events.push(event), { once: true });
    signOut.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => shadow(element, 'button[part="sign-in-button"]'), 'sign-in button');
    await settle(element);
    equal(events.length, 1);
    const event = events[0]!;
    assert(event.bubbles && event.composed, 'bubbles and composed');
    equal(JSON.stringify(event.detail), JSON.stringify({ municipality: 'nivala' }));
    equal(element.shadowRoot?.activeElement, shadow(element, 'button[part="sign-in-button"]'), 'focus on Sign in');
    assert(auth.calls.includes('signOut'));
  });

  it('completes the sign-in redirect on connect and fires kunta-login once, without personal data', async () => {
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}?code=abc&state=xyz`);
    try {
      const events: KuntaLoginEvent[] = [];
      const listener = (event: KuntaLoginEvent) => events.push(event);
      document.addEventListener('kunta-login', listener);
      const auth = fakeAuth(MAIJA);
      const element = await login(auth);
      await login(auth); // a second <kunta-login> on the page
      document.removeEventListener('kunta-login', listener);
      assert(auth.calls.includes('handleCallback'));
      equal(events.length, 1, 'one kunta-login per page');
      equal(JSON.stringify(events[0]!.detail), JSON.stringify({ municipality: 'nivala' }));
      includes(text(shadow(element, '[part="user"]')), 'Maija Meikäläinen');
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('errors are shown in words', async () => {
    const auth = fakeAuth(null);
    auth.callbackError = new KuntaError({ code: 'KA_SIGNIN_FAILED' });
    const element = await login(auth, 'en');
    const error = shadow(element, '[part="error"]');
    equal(error?.getAttribute('role'), 'alert');
    equal(text(error), 'Signing in did not succeed. Please try again.');
    assert(shadow(element, 'button[part="sign-in-button"]'), 'can try again');
    await expectAccessible(element);

    auth.callbackError = undefined;
    auth.signInError = new KuntaError({ code: 'KA_NETWORK' });
    shadow(element, 'button[part="sign-in-button"]')!.click();
    await settle(element);
    equal(text(shadow(element, '[part="error"]')), 'The service cannot be reached. Please check your connection.');
    equal(shadow(element, 'button[part="sign-in-button"]')?.getAttribute('aria-disabled'), 'false');
  });

  it('Cancel at the identity provider: "sign-in cancelled" as a status, not an error, and Sign in works at once', async () => {
    for (const [lang, words] of [
      ['fi', 'Kirjautuminen peruttiin.'],
      ['sv', 'Inloggningen avbröts.'],
      ['en', 'Sign-in was cancelled.'],
    ] as const) {
      const auth = fakeAuth(null);
      auth.callbackError = new KuntaError({ code: 'KA_SIGNIN_CANCELLED' });
      const element = await login(auth, lang);
      const notice = shadow(element, '[part="notice"]');
      equal(notice?.getAttribute('role'), 'status', lang);
      includes(text(notice), words);
      equal(shadow(element, '[part="error"]'), null, 'no error shown');
      const button = shadow(element, 'button[part="sign-in-button"]')!;
      equal(button.getAttribute('aria-disabled'), 'false', 'usable at once');
      await expectAccessible(element);
      button.click();
      await settle(element);
      equal(auth.calls.filter((c) => c === 'signIn').length, 1, 'a new sign-in starts');
      equal(shadow(element, '[part="notice"]'), null, 'the notice goes with the new attempt');
      cleanup();
    }
  });

  it("asks the identity provider for its pages in the widget's language (ui_locales)", async () => {
    for (const lang of ['fi', 'sv', 'en']) {
      const auth = fakeAuth(null);
      const element = await login(auth, lang);
      shadow(element, 'button[part="sign-in-button"]')!.click();
      await settle(element);
      equal(auth.signInOptions?.uiLocales, lang);
      cleanup();
    }
  });

  it('follows sign-in and sign-out done elsewhere on the page', async () => {
    const auth = fakeAuth(null);
    const element = await login(auth);
    auth.emit(MAIJA);
    await settle(element);
    assert(shadow(element, 'button[part="sign-out-button"]'));
    auth.emit(null);
    await settle(element);
    assert(shadow(element, 'button[part="sign-in-button"]'));
  });
});
