import { sendKeys } from '@web/test-runner-commands';
import { KuntaError } from '@kunta-akkuna/sdk';
import type { CaseList } from '@kunta-akkuna/sdk';
import '../index.js';
import type { KuntaCaseStatus } from './case-status.js';
import type { KuntaProvider } from '../provider/provider.js';
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
  hang,
  includes,
  it,
  sampleList,
  settle,
  shadow,
  shadowAll,
  text,
  waitFor,
} from '../internal/testing.js';

function widget(lang = 'fi') {
  const element = document.createElement('kunta-case-status');
  element.lang = lang;
  return element;
}

async function loaded(element: KuntaCaseStatus) {
  await waitFor(() => !shadow(element, '[part="loading"]'), 'loading to finish');
  await settle(element);
}

describe('<kunta-case-status>', () => {
  afterEach(() => cleanup());

  it('signed out: invites the user to sign in, without calling the API', async () => {
    const client = fakeClient(fakeAuth(null), async () => sampleList());
    const element = widget();
    element.client = client;
    await fixture(element);
    await loaded(element);
    includes(text(shadow(element, '[part="signed-out"]')), 'Kirjaudu sisään');
    equal(client.signals.length, 0, 'no API call while signed out');
    const heading = shadow(element, '[part="heading"]');
    equal(heading?.getAttribute('role'), 'heading');
    equal(heading?.getAttribute('aria-level'), '2');
    await expectAccessible(element);
  });

  it('loading: says so in words and is accessible', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), hang);
    await fixture(element);
    await waitFor(() => shadow(element, '[part="loading"]'), 'loading text');
    includes(text(shadow(element, '[part="loading"]')), 'Haetaan asioita');
    await expectAccessible(element);
  });

  it('list: a semantic list under a heading, with status as text and shape, dates in Helsinki time', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    await fixture(element);
    await loaded(element);
    const list = shadow(element, 'ul[part="list"]');
    assert(list, 'a <ul> list');
    equal(list.getAttribute('aria-labelledby'), 'heading');
    const items = shadowAll(element, 'li[part~="case"]');
    equal(items.length, 2);
    const first = items[0]!;
    includes(text(first.querySelector('[part="case-title"]')), 'Omakotitalon rakennuslupa');
    equal(first.querySelector('[part="case-title"]')?.getAttribute('aria-level'), '3');
    includes(text(first.querySelector('[part="status"]')), 'Vaatii toimiasi');
    equal(first.querySelector('.status-icon')?.getAttribute('aria-hidden'), 'true');
    includes(text(first.querySelector('[part="details"]')), 'Lisää puuttuvat liitteet.');
    // 2026-01-15T22:30Z is already the 16th in Helsinki (UTC+2 in winter).
    const second = items[1]!.querySelector('time');
    equal(second?.getAttribute('datetime'), '2026-01-15T22:30:00Z');
    includes(text(second), '16.1.2026');
    await expectAccessible(element);
  });

  it('action links: web links only; a javascript: link from a back end is dropped', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    await fixture(element);
    await loaded(element);
    const links = shadowAll(element, 'a[part="action"]');
    equal(links.length, 1);
    equal(links[0]?.getAttribute('href'), 'https://lupapiste.example/app/LP-535-2026-00012');
    equal(text(links[0]), 'Täydennä hakemusta');
  });

  it('markup from a back end renders as inert text', async () => {
    const list = sampleList();
    list.items[0]!.title.fi = '<img src=x onerror="window.__pwned=1">Lupa';
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => list);
    await fixture(element);
    await loaded(element);
    equal(shadowAll(element, 'img').length, 0, 'no element created from data');
    includes(text(shadow(element, '[part="case-title"]')), '<img src=x');
    equal((window as unknown as { __pwned?: number }).__pwned, undefined);
  });

  it('timeline: a real button with aria-expanded/aria-controls, operable with Enter and Space', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    await fixture(element);
    await loaded(element);
    const toggle = shadow(element, 'button[part="timeline-toggle"]')!;
    const controlled = shadow(element, `#${toggle.getAttribute('aria-controls')}`)!;
    equal(toggle.tagName, 'BUTTON');
    equal(toggle.getAttribute('aria-expanded'), 'false');
    assert(controlled.hidden, 'timeline hidden at first');
    equal(getComputedStyle(controlled).display, 'none', 'a hidden timeline is not displayed');
    includes(text(toggle), 'Näytä käsittelyn vaiheet (2)');

    toggle.focus();
    equal(element.shadowRoot?.activeElement, toggle);
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(toggle.getAttribute('aria-expanded'), 'true');
    assert(!controlled.hidden, 'timeline shown after Enter');
    assert(getComputedStyle(controlled).display !== 'none', 'an open timeline is displayed');
    includes(text(controlled), 'Täydennyspyyntö');
    await expectAccessible(element);

    await sendKeys({ press: 'Space' });
    await settle(element);
    equal(toggle.getAttribute('aria-expanded'), 'false');
    assert(controlled.hidden, 'timeline hidden after Space');
    equal(element.shadowRoot?.activeElement, toggle, 'focus stays on the toggle');
  });

  it('live region: politely announces the count once loading finished, and later status changes', async () => {
    let list: CaseList = sampleList();
    const element = widget();
    const client = fakeClient(fakeAuth(MAIJA), async () => list);
    element.client = client;
    await fixture(element);
    const live = shadow(element, '[role="status"]')!;
    equal(live.getAttribute('aria-live'), 'polite');
    await loaded(element);
    equal(text(live), '2 asiaa haettu.');
    assert(document.activeElement !== element, 'focus not moved');

    list = structuredClone(list);
    list.items[1]!.status = 'decided';
    element.refresh();
    await settle(element);
    await loaded(element);
    equal(text(live), 'Asian ”Saunan rakennuslupa” tila muuttui: Päätetty.');
  });

  it('empty: says there are no cases', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => ({
      items: [],
      sources: [{ id: 'lupapiste', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }],
    }));
    await fixture(element);
    await loaded(element);
    includes(text(shadow(element, '[part="empty"]')), 'Sinulla ei ole vireillä olevia asioita.');
    equal(text(shadow(element, '[role="status"]')), 'Sinulla ei ole vireillä olevia asioita.');
    await expectAccessible(element);
  });

  it('partial: a stale or unavailable source is named in words with the data time', async () => {
    const list = sampleList();
    list.sources = [
      { id: 'lupapiste', status: 'stale', fetchedAt: '2026-03-12T08:00:00Z' },
      { id: 'evaka', status: 'unavailable', fetchedAt: '' },
    ];
    const element = widget('en');
    element.client = fakeClient(fakeAuth(MAIJA), async () => list);
    await fixture(element);
    await loaded(element);
    const notices = shadowAll(element, '[part="notice"]').map(text);
    equal(notices.length, 2);
    includes(notices[0], 'Lupapiste (building permits) is not answering right now. Its information is from');
    includes(notices[0], '10:00'); // 08:00 UTC is 10:00 in Helsinki
    includes(notices[1], 'eVaka (early childhood education) is not answering right now');
    includes(text(shadow(element, '[role="status"]')), 'Some information is missing');
    equal(shadowAll(element, 'li[part~="case"]').length, 2, 'the cases that did arrive are shown');
    await expectAccessible(element);
  });

  it('error: translated by code, with a retry button that fetches again', async () => {
    let fail = true;
    const element = widget('sv');
    element.client = fakeClient(fakeAuth(MAIJA), async () => {
      if (fail) throw new KuntaError({ code: 'KA_SOURCES_UNAVAILABLE', status: 503 });
      return sampleList();
    });
    await fixture(element);
    await loaded(element);
    const error = shadow(element, '[part="error"]');
    includes(text(error), 'Ärendena kunde inte hämtas.');
    includes(text(error), 'Systemen svarar inte just nu.');
    equal(text(shadow(element, '[role="status"]')), 'Ärendena kunde inte hämtas.');
    await expectAccessible(element);

    fail = false;
    const retry = shadow(element, 'button[part="retry-button"]')!;
    equal(text(retry), 'Försök igen');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await loaded(element);
    equal(shadowAll(element, 'li[part~="case"]').length, 2);
    assert(element.shadowRoot?.activeElement === shadow(element, '[part="heading"]'), 'focus kept inside the widget');
  });

  it('a 401 from the API shows the signed-out state', async () => {
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => {
      throw new KuntaError({ code: 'KA_UNAUTHENTICATED', status: 401 });
    });
    await fixture(element);
    await loaded(element);
    assert(shadow(element, '[part="signed-out"]'), 'signed-out text');
  });

  it('re-fetches when the user signs in or out, aborting the request in flight', async () => {
    const auth = fakeAuth(null);
    const client = fakeClient(auth, async () => sampleList());
    const element = widget();
    element.client = client;
    await fixture(element);
    await loaded(element);
    assert(shadow(element, '[part="signed-out"]'));

    client.respond = hang;
    auth.emit(MAIJA);
    await settle(element);
    equal(client.signals.length, 1);
    assert(shadow(element, '[part="loading"]'), 'loading after sign-in');

    client.respond = async () => sampleList();
    auth.emit(null);
    await loaded(element);
    assert(client.signals[0]!.aborted, 'the superseded request was aborted through the signal');
    assert(shadow(element, '[part="signed-out"]'), 'signed out again');
    equal(shadowAll(element, 'li[part~="case"]').length, 0, 'nothing of the previous user remains');
  });

  it('uses the client of the closest <kunta-provider>, and the provider language', async () => {
    const provider = document.createElement('kunta-provider') as KuntaProvider;
    provider.setAttribute('lang', 'sv');
    provider.client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    const element = document.createElement('kunta-case-status');
    provider.append(element);
    await fixture(provider);
    await loaded(element);
    includes(text(shadow(element, '[part="heading"]')), 'Mina ärenden');
    includes(text(shadow(element, '[part="status"]')), 'Kräver åtgärd av dig');
  });

  it('without provider, client or attributes it says it is not configured', async () => {
    const element = widget();
    await fixture(element);
    await loaded(element);
    includes(text(shadow(element, '[part="error"]')), 'ei ole määritetty');
    await expectAccessible(element);
  });
});
