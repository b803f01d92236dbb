import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import { AuthenticationError, KuntaError } from '@kunta-akkuna/sdk';
import type { Case, CaseList } from '@kunta-akkuna/sdk';
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

/** Every text the live region shows from now on, one entry per change. */
function recordAnnouncements(element: KuntaCaseStatus) {
  const live = shadow(element, '[role="status"]')!;
  const seen: string[] = [];
  let last = text(live);
  const observer = new MutationObserver(() => {
    const now = text(live);
    if (now !== last) seen.push(now);
    last = now;
  });
  observer.observe(live, { subtree: true, childList: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

/** Today's date in Helsinki, YYYY-MM-DD. */
function helsinkiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', dateStyle: 'short' }).format(new Date());
}

interface AxNode {
  role: string;
  name: string;
  level?: number;
  expanded?: boolean;
  children: AxNode[];
}

async function axTree(): Promise<AxNode> {
  return (await (a11ySnapshot as (payload: object) => Promise<unknown>)({})) as AxNode;
}

function findAx(tree: AxNode, role: string, name: string): AxNode | null {
  return findAccessibilityNode<AxNode>(tree, (node) => node.role === role && node.name.includes(name));
}

/** A child's early-childhood-education case, a home-care case from an older API without `subject`, and a case
 * of a type this version does not know. */
function familyList(): CaseList {
  const list = sampleList();
  const [first] = list.items;
  const evaka = {
    ...structuredClone(first!),
    id: 'evaka:A-2026-7',
    source: 'evaka',
    type: 'early_childhood_education' as Case['type'],
    title: { fi: 'Varhaiskasvatushakemus', sv: 'Ansökan om småbarnspedagogik', en: 'Early education application' },
    status: 'in_progress' as const,
    subject: { kind: 'child', ref: 'c-7f3a', givenName: 'Eino' } as unknown as Case['subject'],
    actions: [],
  };
  const homeCare = { ...structuredClone(evaka), id: 'generic:HC-1', source: 'generic', type: 'home_care' } as Record<
    string,
    unknown
  >;
  delete homeCare.subject;
  homeCare.title = { fi: 'Kotihoidon palvelusuunnitelma', sv: 'Serviceplan för hemvård', en: 'Home care plan' };
  const unknown = { ...structuredClone(evaka), id: 'generic:X-1', type: 'parking_permit', subject: { kind: 'self' } };
  unknown.title = { fi: 'Pysäköintitunnus', sv: 'Parkeringstillstånd', en: 'Parking permit' };
  list.items = [evaka, homeCare as unknown as Case, unknown as Case];
  return list;
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
    equal(client.live.calls, 0, 'no live subscription while signed out');
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

  it('partial: a stale or unavailable source is named in words, before the list, with the data time', async () => {
    const list = sampleList();
    list.sources = [
      { id: 'lupapiste', status: 'stale', fetchedAt: '2026-03-12T08:42:00Z' },
      { id: 'evaka', status: 'unavailable', fetchedAt: null },
    ];
    const element = widget('en');
    element.client = fakeClient(fakeAuth(MAIJA), async () => list);
    await fixture(element);
    await loaded(element);
    const notices = shadowAll(element, '[part="notice"]');
    equal(notices.length, 2);
    // 08:42 UTC is 10:42 in Helsinki (UTC+2 in winter); an earlier day is given with its date.
    equal(
      text(notices[0]),
      'Lupapiste (building permits): showing information from 12 Mar 2026, 10:42; the service is not answering right now.',
    );
    equal(
      text(notices[1]),
      'eVaka (early childhood education): the service is not answering right now, so its cases are not shown.',
    );
    const list_ = shadow(element, '[part="list"]')!;
    assert(
      notices[1]!.compareDocumentPosition(list_) & Node.DOCUMENT_POSITION_FOLLOWING,
      'the notices come before the list',
    );
    includes(text(shadow(element, '[role="status"]')), 'Some information is missing');
    equal(shadowAll(element, 'li[part~="case"]').length, 2, 'the cases that did arrive are shown');
    await expectAccessible(element);
  });

  it('partial: stale and unavailable sources in Finnish, Swedish and English, in Helsinki time', async () => {
    const today = helsinkiToday();
    const list = sampleList();
    list.sources = [
      { id: 'lupapiste', status: 'stale', fetchedAt: `${today}T08:42:00Z` },
      { id: 'evaka', status: 'unavailable', fetchedAt: null },
      { id: 'generic', status: 'stale', fetchedAt: '2026-03-12T08:42:00Z' },
      { id: 'population', status: 'unavailable', fetchedAt: '2026-03-12T22:15:00Z' },
    ];
    // The time of today's data in Helsinki: 10.42 in winter (UTC+2), 11.42 in summer (UTC+3).
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit' }).format(
      new Date(`${today}T08:42:00Z`),
    );
    assert(hour === '10' || hour === '11', `Helsinki hour ${hour}`);
    const expected = {
      fi: [
        `Lupapiste (rakennusluvat): näytetään tiedot ajalta klo ${hour}.42; palvelu ei juuri nyt vastaa.`,
        'eVaka (varhaiskasvatus): palvelu ei juuri nyt vastaa, joten sen asioita ei näytetä.',
        'Asiankäsittelyjärjestelmä: näytetään tiedot ajalta 12.3.2026 klo 10.42; palvelu ei juuri nyt vastaa.',
        'Väestötietojärjestelmä: palvelu ei juuri nyt vastaa, joten sen asioita ei näytetä. Viimeisin onnistunut haku 13.3.2026 klo 0.15.',
      ],
      sv: [
        `Lupapiste (bygglov): visar uppgifter från kl. ${hour}.42; tjänsten svarar inte just nu.`,
        'eVaka (småbarnspedagogik): tjänsten svarar inte just nu, så dess ärenden visas inte.',
        'Ärendehanteringssystemet: visar uppgifter från 12 mars 2026 10.42; tjänsten svarar inte just nu.',
      ],
      en: [
        `Lupapiste (building permits): showing information from ${hour}:42; the service is not answering right now.`,
        'eVaka (early childhood education): the service is not answering right now, so its cases are not shown.',
        'Case system: showing information from 12 Mar 2026, 10:42; the service is not answering right now.',
        'Population Information System: the service is not answering right now, so its cases are not shown. Last successful update 13 Mar 2026, 00:15.',
      ],
    };
    for (const [lang, sentences] of Object.entries(expected)) {
      const element = widget(lang);
      element.client = fakeClient(fakeAuth(MAIJA), async () => list);
      await fixture(element);
      await loaded(element);
      const notices = shadowAll(element, '[part="notice"]').map(text);
      equal(notices.length, 4, lang);
      sentences.forEach((sentence, index) => equal(notices[index], sentence, `${lang} notice ${index + 1}`));
      await expectAccessible(element);
      cleanup();
    }
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

  it('live: subscribes while signed in and shown; unsubscribes when removed or signed out', async () => {
    const auth = fakeAuth(MAIJA);
    let list = sampleList();
    const client = fakeClient(auth, async () => list);
    const element = widget();
    element.client = client;
    await fixture(element);
    await loaded(element);
    equal(client.live.active, 1, 'subscribed once the list is shown');
    const fetches = client.signals.length;

    element.remove();
    equal(client.live.active, 0, 'unsubscribed when removed from the page');
    list = structuredClone(list);
    list.items[0]!.status = 'in_progress'; // changed while the widget was not listening
    document.body.append(element);
    await settle(element);
    equal(client.live.active, 1, 'subscribed again when put back');
    await waitFor(() => client.signals.length === fetches + 1, 'one catch-up re-fetch after the gap');
    await waitFor(
      () =>
        text(shadow(element, '[role="status"]')) === 'Asian ”Omakotitalon rakennuslupa” tila muuttui: Käsittelyssä.',
      'the missed change announced',
    );

    auth.emit(null);
    equal(client.live.active, 0, 'unsubscribed at sign-out');
    await loaded(element);
    assert(shadow(element, '[part="signed-out"]'), 'signed out');
    equal(client.live.active, 0, 'not subscribed while signed out');
    equal(client.live.calls, 2);
  });

  it('live: a change updates the list in place, keeps focus and an open timeline, and is announced once', async () => {
    let list: CaseList = sampleList();
    const element = widget();
    const client = fakeClient(fakeAuth(MAIJA), async () => list);
    element.client = client;
    await fixture(element);
    await loaded(element);
    const [firstCase, secondCase] = shadowAll(element, 'li[part~="case"]');
    const toggle = firstCase!.querySelector<HTMLElement>('[part="timeline-toggle"]')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(toggle.getAttribute('aria-expanded'), 'true');
    const announcements = recordAnnouncements(element);
    const fetches = client.signals.length;

    // The second case is decided; the API now lists it first. A burst of three events for one change.
    list = structuredClone(list);
    list.items[1]!.status = 'decided';
    list.items.reverse();
    for (let i = 0; i < 3; i++) client.live.emit({ caseId: 'lupapiste:LP-535-2026-00013', status: 'decided' });
    await waitFor(() => text(secondCase!.querySelector('[part="status"]')).includes('Päätetty'), 'the new status');
    await settle(element);

    equal(client.signals.length, fetches + 1, 'a burst of events is one re-fetch');
    equal(announcements.seen.length, 1, `announced once: ${JSON.stringify(announcements.seen)}`);
    equal(announcements.seen[0], 'Asian ”Saunan rakennuslupa” tila muuttui: Päätetty.');
    const after = shadowAll(element, 'li[part~="case"]');
    assert(after[0] === firstCase && after[1] === secondCase, 'the same elements, in the same order');
    equal(element.shadowRoot?.activeElement, toggle, 'focus stays on the timeline button');
    equal(toggle.getAttribute('aria-expanded'), 'true', 'the open timeline stays open');
    assert(!firstCase!.querySelector<HTMLElement>('[part="timeline"]')!.hidden, 'the timeline is still shown');
    assert(!shadow(element, '[part="loading"]'), 'no loading state for a live update');
    await expectAccessible(element);

    // An event that changes nothing visible re-fetches quietly: no new announcement.
    client.live.emit({ caseId: 'lupapiste:LP-535-2026-00013', status: 'decided' });
    await waitFor(() => client.signals.length === fetches + 2, 'the second re-fetch');
    await settle(element);
    equal(announcements.seen.length, 1, 'nothing new to announce');

    // The next real change is announced once more.
    list = structuredClone(list);
    list.items[1]!.status = 'in_progress';
    client.live.emit({ caseId: 'lupapiste:LP-535-2026-00012', status: 'in_progress' });
    await waitFor(() => announcements.seen.length === 2, 'the second announcement');
    await settle(element);
    equal(announcements.seen[1], 'Asian ”Omakotitalon rakennuslupa” tila muuttui: Käsittelyssä.');
    equal(element.shadowRoot?.activeElement, toggle, 'focus still on the timeline button');
    announcements.stop();
  });

  it('live: a refused stream is not re-subscribed in a loop; an ended session shows the signed-out state', async () => {
    const element = widget();
    const client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    element.client = client;
    await fixture(element);
    await loaded(element);
    equal(client.live.calls, 1);
    client.respond = async () => {
      throw new KuntaError({ code: 'KA_UNAUTHENTICATED', status: 401 });
    };
    client.live.status({
      state: 'stopped',
      error: new AuthenticationError({ code: 'KA_UNAUTHENTICATED', status: 401 }),
    });
    await waitFor(() => shadow(element, '[part="signed-out"]'), 'the signed-out state');
    await settle(element);
    equal(client.live.calls, 1, 'no new subscription');
    equal(client.live.active, 0);
  });

  it("child's case: says whose case it is; other case types render with their type in words", async () => {
    for (const [lang, child, types] of [
      ['fi', 'Lapsi: Eino', ['Varhaiskasvatus', 'Kotihoito', 'Muu asia']],
      ['sv', 'Barn: Eino', ['Småbarnspedagogik', 'Hemvård', 'Annat ärende']],
      ['en', 'Child: Eino', ['Early childhood education', 'Home care', 'Other case']],
    ] as const) {
      const element = widget(lang);
      element.client = fakeClient(fakeAuth(MAIJA), async () => familyList());
      await fixture(element);
      await loaded(element);
      const items = shadowAll(element, 'li[part~="case"]');
      equal(items.length, 3, lang);
      equal(text(items[0]!.querySelector('[part="subject"]')), child);
      equal(items[1]!.querySelector('[part="subject"]'), null, 'no subject field: the citizen’s own case');
      equal(items[2]!.querySelector('[part="subject"]'), null, "kind 'self': nothing extra");
      types.forEach((type, index) => includes(text(items[index]!.querySelector('[part="details"]')), type, lang));
      await expectAccessible(element);
      cleanup();
    }
  });

  it('keyboard and names: the list, the cases and the timeline buttons have roles and names', async () => {
    const element = widget('en');
    element.client = fakeClient(fakeAuth(MAIJA), async () => sampleList());
    await fixture(element);
    await loaded(element);
    const tree = await axTree();
    assert(findAx(tree, 'heading', 'My cases')?.level === 2, 'the widget heading, level 2');
    assert(findAx(tree, 'region', 'My cases'), 'a region named by the heading');
    equal(shadow(element, 'ul[part="list"]')?.getAttribute('aria-labelledby'), 'heading', 'the list too');
    assert(findAx(tree, 'heading', 'Building permit for a house')?.level === 3, 'a case heading, level 3');
    assert(findAx(tree, 'link', 'Complete the application'), 'the action link');
    const button = findAx(tree, 'button', 'Show processing steps (2)');
    assert(button, 'the timeline button by its name');
    assert(!button.expanded, 'collapsed');

    // Tab goes from the action link to the timeline button; Enter opens it.
    shadow(element, 'a[part="action"]')!.focus();
    await sendKeys({ press: 'Tab' });
    const toggle = shadow(element, 'button[part="timeline-toggle"]')!;
    equal(element.shadowRoot?.activeElement, toggle, 'Tab reaches the timeline button');
    await sendKeys({ press: 'Enter' });
    await settle(element);
    const opened = findAx(await axTree(), 'button', 'Hide processing steps');
    assert(opened?.expanded === true, 'expanded in the accessibility tree');
    await expectAccessible(element);
  });

  it('action first: cases that need you, then in progress, then decided; a summary read first, in fi/sv/en', async () => {
    const base = sampleList().items[0]!;
    const at = (id: string, status: Case['status'], fi: string): Case => ({
      ...structuredClone(base),
      id,
      status,
      title: { fi, sv: `${fi} (sv)`, en: `${fi} (en)` },
    });
    // The API's order: newest first, whatever the status.
    const list: CaseList = {
      items: [
        at('lupapiste:D', 'decided', 'Päätetty lupa'),
        at('evaka:P', 'in_progress', 'Käsittelyssä oleva hakemus'),
        at('lupapiste:A', 'action_required', 'Täydennettävä lupa'),
        at('generic:S', 'submitted', 'Lähetetty hakemus'),
      ],
      sources: [{ id: 'lupapiste', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }],
    };
    for (const [lang, summary] of [
      ['fi', '1 asia odottaa toimiasi, 2 käsittelyssä, 1 päättynyt.'],
      ['sv', '1 ärende väntar på dina åtgärder, 2 under behandling, 1 avslutat.'],
      ['en', '1 case needs your action, 2 in progress, 1 ended.'],
    ] as const) {
      const element = widget(lang);
      element.client = fakeClient(fakeAuth(MAIJA), async () => structuredClone(list));
      await fixture(element);
      await loaded(element);
      const titles = shadowAll(element, '[part="case-title"]').map((el) => text(el));
      const fi = titles.map((title) => title.replace(/ \((sv|en)\)$/, ''));
      equal(
        fi.join(' | '),
        'Täydennettävä lupa | Käsittelyssä oleva hakemus | Lähetetty hakemus | Päätetty lupa',
        `${lang}: action first, then in progress (in the API's order), then decided`,
      );
      const first = shadow(element, '[part="summary"]')!;
      equal(text(first), summary, lang);
      // Right after the heading, before any note or the list, and the list points to it.
      equal(first.previousElementSibling?.getAttribute('part'), 'announcer');
      equal(shadow(element, 'ul[part="list"]')?.getAttribute('aria-describedby'), 'summary');
      await expectAccessible(element);
      cleanup();
    }
  });

  it('summary when nothing waits for you', async () => {
    const list = sampleList();
    list.items = list.items.filter((item) => item.status !== 'action_required');
    const element = widget();
    element.client = fakeClient(fakeAuth(MAIJA), async () => list);
    await fixture(element);
    await loaded(element);
    includes(text(shadow(element, '[part="summary"]')), 'Mikään asia ei odota toimiasi');
    await expectAccessible(element);
  });
});
