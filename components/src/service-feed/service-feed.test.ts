import { sendKeys } from '@web/test-runner-commands';
import { KuntaError } from '@kunta-akkuna/sdk';
import type {
  Consent,
  Feed,
  FeedItem,
  KuntaClient,
  Municipality,
  NoticeList,
  Service,
  ServiceList,
} from '@kunta-akkuna/sdk';
import '../index.js';
import { CONSENT_TEXT_VERSION } from './service-feed.js';
import type { KuntaServiceFeed } from './service-feed.js';
import type { KuntaConsentChangeEvent } from '../events/kunta-consent-change.js';
import type { KuntaFeedDismissEvent } from '../events/kunta-feed-dismiss.js';
import {
  MAIJA,
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  expectAccessible,
  fakeAuth,
  fixture,
  hang,
  includes,
  it,
  settle,
  shadow,
  shadowAll,
  text,
  waitFor,
} from '../internal/testing.js';
import type { FakeAuth } from '../internal/testing.js';

// ---------------------------------------------------------------------------------------------------------
// Data

const text3 = (fi: string, sv: string, en: string) => ({ fi, sv, en });

function personalFeed(): Feed {
  const preschool: FeedItem = {
    id: 'preschool-enrolment:child-1',
    kind: 'suggestion',
    title: text3('Ilmoittaudu esiopetukseen', 'Anmäl till förskoleundervisning', 'Enrol in pre-school'),
    body: text3(
      'Lapsesi aloittaa esiopetuksen elokuussa. Ilmoittautuminen on auki.',
      'Ditt barn börjar i förskoleundervisningen i augusti.',
      'Your child starts pre-school in August. Enrolment is open.',
    ),
    action: { label: text3('Ilmoittaudu', 'Anmäl', 'Enrol'), href: 'https://evaka.example/enrol' },
    service: { id: 'ptv-preschool', name: text3('Esiopetus', 'Förskoleundervisning', 'Pre-school education') },
    reason: {
      ruleId: 'preschool-enrolment',
      ruleVersion: '1',
      explanation: text3(
        'Lapsesi täyttää 6 vuotta ensi vuonna.',
        'Ditt barn fyller 6 år nästa år.',
        'Your child turns 6 next year.',
      ),
      dataUsed: [text3('Lapsen syntymäaika', 'Barnets födelsedatum', "Your child's date of birth")],
      legalBasis: text3('Suostumuksesi', 'Ditt samtycke', 'Your consent'),
    },
    priority: 80,
    validUntil: null,
    window: null,
    channels: [],
    caseId: null,
    personal: true,
  };
  const task: FeedItem = {
    ...preschool,
    id: 'complement:LP-1',
    kind: 'task',
    title: text3('Täydennä rakennuslupahakemusta', 'Komplettera bygglovsansökan', 'Complete your permit application'),
    body: text3('Hakemuksesta puuttuu liitteitä.', 'Bilagor saknas.', 'Attachments are missing.'),
    action: { label: text3('Täydennä', 'Komplettera', 'Complete'), href: 'javascript:alert(1)' },
    priority: 90,
  };
  const notice: FeedItem = {
    id: 'notice:water',
    kind: 'notice',
    title: text3('Vesikatko keskustassa', 'Vattenavbrott i centrum', 'Water cut in the centre'),
    body: text3('Vesi on poikki tiistaina.', 'Vattnet är avstängt på tisdag.', 'No water on Tuesday.'),
    action: null,
    service: null,
    reason: null,
    priority: 10,
    // As the server sends a notice's end: the Helsinki midnight after its last day, 31.12.2098.
    validUntil: '2098-12-31T22:00:00Z',
    window: null,
    channels: [],
    caseId: null,
    personal: false,
  };
  const expired: FeedItem = { ...preschool, id: 'old', validUntil: '2020-01-01T00:00:00Z', priority: 100 };
  return {
    items: [preschool, notice, task, expired],
    sources: [
      { id: 'population', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' },
      { id: 'lupapiste', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' },
    ],
  };
}

function publicFeed(): Feed {
  const featured = (id: string, service: string, title: string, priority: number): FeedItem => ({
    id,
    kind: 'suggestion',
    title: text3(title, `${title} (sv)`, `${title} (en)`),
    body: text3(`${title}: kuvaus`, `${title}: beskrivning`, `${title}: description`),
    action: null,
    service: { id: service, name: text3(title, title, title) },
    reason: null,
    priority,
    validUntil: null,
    window: null,
    channels: [],
    caseId: null,
    personal: false,
  });
  return {
    items: [
      featured('f-daycare', 'ptv-daycare', 'Varhaiskasvatus', 50),
      featured('f-moving', 'ptv-moving', 'Muuttoilmoitus', 40),
      featured('f-library', 'ptv-library', 'Kirjasto', 30),
      {
        id: 'notice:water',
        kind: 'notice',
        title: text3('Vesikatko keskustassa', 'Vattenavbrott i centrum', 'Water cut in the centre'),
        body: text3('Vesi on poikki tiistaina.', 'Vattnet är avstängt på tisdag.', 'No water on Tuesday.'),
        action: null,
        service: null,
        reason: null,
        priority: 100,
        validUntil: null,
        window: null,
        channels: [],
        caseId: null,
        personal: false,
      },
    ],
    sources: [{ id: 'ptv', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }],
  };
}

function service(id: string, lifeEvents: string[], url: string): Service {
  return {
    id,
    name: text3(id, id, id),
    summary: text3('', '', ''),
    description: text3('', '', ''),
    lifeEvents,
    targetGroups: [],
    serviceClasses: [],
    keywords: [],
    channels: [
      { id: `${id}-e`, type: 'EChannel', name: text3('Asioi verkossa', 'Uträtta på nätet', 'Use online'), url },
    ],
  };
}

function catalogue(): ServiceList {
  return {
    items: [
      service('ptv-daycare', ['KE1'], 'https://evaka.example/apply'),
      service('ptv-moving', ['KE4.2', 'KE1'], 'javascript:alert(1)'),
      service('ptv-library', [], 'https://kirjasto.example'),
    ],
    sources: [{ id: 'ptv', status: 'ok', fetchedAt: '2026-03-12T12:00:00Z' }],
  };
}

// ---------------------------------------------------------------------------------------------------------
// A fake client: the feed's resources answer from the fields below and record every call.

interface FeedFake extends KuntaClient {
  fake: {
    auth: FakeAuth;
    consent: Consent;
    calls: string[];
    signals: AbortSignal[];
    personal: (signal: AbortSignal) => Promise<Feed>;
    general: (signal: AbortSignal) => Promise<Feed>;
    services: (signal: AbortSignal) => Promise<ServiceList>;
    dismiss: (id: string) => Promise<void>;
    grant: (textVersion: string) => Promise<Consent>;
    withdraw: () => Promise<void>;
    /** The municipality's notices (none unless a test sets them). */
    notices: () => Promise<NoticeList>;
  };
}

const GRANTED: Consent = { granted: true, textVersion: CONSENT_TEXT_VERSION, grantedAt: '2026-03-12T12:00:00Z' };
const NOT_GRANTED: Consent = { granted: false, textVersion: null, grantedAt: null };

function feedClient(user = MAIJA as typeof MAIJA | null, consent: Consent = GRANTED): FeedFake {
  const auth = fakeAuth(user);
  const fake: FeedFake['fake'] = {
    auth,
    consent,
    calls: [],
    signals: [],
    personal: async () => personalFeed(),
    general: async () => publicFeed(),
    services: async () => catalogue(),
    dismiss: async () => undefined,
    notices: async () => ({ items: [], generatedAt: '2026-03-12T12:00:00Z' }),
    grant: async () => {
      fake.consent = GRANTED;
      return GRANTED;
    },
    withdraw: async () => {
      fake.consent = NOT_GRANTED;
    },
  };
  const track = (name: string, options: { signal?: AbortSignal } = {}) => {
    fake.calls.push(name);
    const signal = options.signal ?? new AbortController().signal;
    fake.signals.push(signal);
    return signal;
  };
  const forbidden = () => new KuntaError({ code: 'KA_FORBIDDEN', status: 403 });
  return {
    baseUrl: 'https://api.test',
    municipalityId: 'nivala',
    auth,
    fake,
    municipality: {} as KuntaClient['municipality'],
    cases: {} as KuntaClient['cases'],
    notices: { list: async () => fake.notices() } as unknown as KuntaClient['notices'],
    staff: {} as KuntaClient['staff'],
    myData: {} as KuntaClient['myData'],
    feed: {
      list: async (_params: unknown, options?: { signal?: AbortSignal }) => {
        const signal = track('feed.list', options);
        if (!fake.consent.granted) throw forbidden();
        return fake.personal(signal);
      },
      public: async (_params: unknown, options?: { signal?: AbortSignal }) =>
        fake.general(track('feed.public', options)),
      dismiss: async (id: string) => {
        fake.calls.push(`feed.dismiss ${id}`);
        return fake.dismiss(id);
      },
    } as unknown as KuntaClient['feed'],
    consent: {
      retrieve: async (options?: { signal?: AbortSignal }) => {
        track('consent.retrieve', options);
        return fake.consent;
      },
      grant: async ({ textVersion }: { textVersion: string }) => {
        fake.calls.push(`consent.grant ${textVersion}`);
        return fake.grant(textVersion);
      },
      withdraw: async () => {
        fake.calls.push('consent.withdraw');
        return fake.withdraw();
      },
    } as unknown as KuntaClient['consent'],
    services: {
      search: async (_params: unknown, options?: { signal?: AbortSignal }) =>
        fake.services(track('services.search', options)),
    } as unknown as KuntaClient['services'],
    request: async () => {
      throw new Error('not used');
    },
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function mount(client: FeedFake | undefined, lang = 'fi') {
  const element = document.createElement('kunta-service-feed');
  element.lang = lang;
  if (client) element.client = client;
  await fixture(element);
  await loaded(element);
  return element;
}

async function loaded(element: KuntaServiceFeed) {
  await waitFor(() => !shadow(element, '[part="loading"]'), 'loading to finish');
  await settle(element);
}

const items = (element: Element) => shadowAll(element, 'li[part~="item"]');
const titles = (element: Element) => items(element).map((li) => text(li.querySelector('[part="item-title"]')));
const active = (element: Element) => element.shadowRoot?.activeElement ?? null;
const live = (element: Element) => text(shadow(element, '[role="status"]'));

/** A control's name from its content: text without the aria-hidden decoration. */
function nameOf(node: Element | null | undefined): string {
  const clone = node?.cloneNode(true) as Element | undefined;
  clone?.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return text(clone);
}

/** The accessible name from aria-labelledby (same shadow root) or the text. */
function labelOf(element: Element, node: Element | null): string {
  const ids = node?.getAttribute('aria-labelledby');
  if (ids)
    return ids
      .split(' ')
      .map((id) => text(element.shadowRoot?.getElementById(id)))
      .join(' ');
  return text(node);
}

// ---------------------------------------------------------------------------------------------------------

describe('<kunta-service-feed>', () => {
  afterEach(() => cleanup());

  it('signed out: the general feed, notices first, featured services grouped by life event, no personal calls', async () => {
    const client = feedClient(null);
    const element = await mount(client);
    includes(text(shadow(element, '[part="signed-out"]')), 'Kirjaudu sisään');
    equal(client.fake.calls.includes('consent.retrieve'), false, 'no consent call while signed out');
    equal(client.fake.calls.includes('feed.list'), false, 'no personal feed while signed out');
    assert(!shadow(element, '[part="consent"]'), 'no consent prompt while signed out');
    assert(!shadow(element, '[part="dismiss-button"]'), 'nothing to dismiss in the general feed');

    const heading = shadow(element, '[part="heading"]')!;
    equal(heading.getAttribute('role'), 'heading');
    equal(heading.getAttribute('aria-level'), '2');
    equal(text(heading), 'Palvelut ja ajankohtaiset');

    const notices = shadow(element, 'ul[part="notices"]')!;
    equal(labelOf(element, notices), 'Tiedotteet');
    includes(text(notices), 'Vesikatko keskustassa');

    const groups = shadowAll(element, 'ul[part="group"]');
    equal(groups.map((g) => labelOf(element, g)).join(' | '), 'Lapsen saaminen | Muuttaminen | Muut palvelut');
    includes(text(groups[0]), 'Varhaiskasvatus');
    includes(text(groups[1]), 'Muuttoilmoitus');
    includes(text(groups[2]), 'Kirjasto');
    equal(shadow(element, '#featured-heading')?.getAttribute('aria-level'), '3');
    equal(shadow(element, '[part="group-heading"][id="group-KE1"]')?.getAttribute('aria-level'), '4');
    equal(groups[0]!.querySelector('[part="item-title"]')?.getAttribute('aria-level'), '5');

    // The catalogue's e-service link when the item has none; a javascript: channel is dropped.
    const links = shadowAll(element, 'a[part="action"]').map((a) => a.getAttribute('href'));
    equal(links.join(' '), 'https://evaka.example/apply https://kirjasto.example/');
    await expectAccessible(element);
  });

  it('general feed with the life events named by the server: grouped by them, no catalogue request', async () => {
    const client = feedClient(null);
    client.fake.general = async () => {
      const feed = publicFeed();
      for (const item of feed.items) {
        if (item.kind === 'notice') continue;
        item.lifeEvent = { code: 'KE4', name: text3('Muutto Nivalaan', 'Flytt till Nivala', 'Moving to Nivala') };
        item.action = { label: text3('Asioi', 'Uträtta', 'Go'), href: `https://nivala.example/${item.id}` };
      }
      return feed;
    };
    const element = await mount(client, 'sv');
    equal(client.fake.calls.includes('services.search'), false, 'the catalogue is not read');
    const groups = shadowAll(element, 'ul[part="group"]');
    equal(groups.map((g) => labelOf(element, g)).join(' | '), 'Flytt till Nivala');
    equal(groups[0]!.querySelectorAll('li').length, 3);
    await expectAccessible(element);
  });

  it('general feed without the catalogue: featured items are shown ungrouped', async () => {
    const client = feedClient(null);
    client.fake.services = async () => {
      throw new KuntaError({ code: 'KA_SOURCES_UNAVAILABLE', status: 503 });
    };
    const element = await mount(client);
    const groups = shadowAll(element, 'ul[part="group"]');
    equal(groups.length, 1);
    equal(labelOf(element, groups[0]!), 'Palveluja elämäntilanteisiin');
    equal(groups[0]!.querySelectorAll('li').length, 3);
    await expectAccessible(element);
  });

  it('signed in without consent: the general feed and a clear opt-in prompt naming the data and the purpose', async () => {
    const client = feedClient(MAIJA, NOT_GRANTED);
    const element = await mount(client);
    const prompt = shadow(element, '[part="consent"]')!;
    equal(prompt.getAttribute('role'), 'group');
    equal(labelOf(element, prompt), 'Saisitko ehdotuksia omaan tilanteeseesi?');
    includes(text(prompt), 'syntymäaikasi, kotikuntasi ja muuttopäiväsi');
    includes(text(prompt), 'alaikäisten lastesi syntymäajat');
    includes(text(prompt), 'vain ehdotusten näyttämiseen');
    includes(text(prompt), 'perua suostumuksesi milloin tahansa');
    equal(text(shadow(element, 'button[part="allow-button"]')), 'Salli');
    assert(!shadow(element, '[part="signed-out"]'), 'not told to sign in');
    assert(shadowAll(element, 'ul[part="group"]').length > 0, 'the general feed is shown too');
    equal(client.fake.calls.includes('feed.list'), false, 'no personal feed without consent');
    await expectAccessible(element);
  });

  it('the consent prompt names the municipality by its own name and type, in every language', async () => {
    const settings = (id: string, name: string, genitive: string, type: 'kaupunki' | 'kunta') =>
      ({
        id,
        name: { fi: name, sv: name, en: name },
        type,
        finnishCases: { genitive },
        languages: ['fi', 'sv', 'en'],
        defaultLanguage: 'fi',
      }) as unknown as Municipality;
    const expected = {
      sievi: [
        settings('sievi', 'Sievi', 'Sievin', 'kunta'),
        'Sievin kunta käyttää',
        'Sievin kunnan järjestelmissä',
        'använder Sievi kommun',
        'i Sievi kommuns system',
        'the Municipality of Sievi uses',
      ],
      nivala: [
        settings('nivala', 'Nivala', 'Nivalan', 'kaupunki'),
        'Nivalan kaupunki käyttää',
        'Nivalan kaupungin järjestelmissä',
        'använder Nivala stad',
        'i Nivala stads system',
        'the City of Nivala uses',
      ],
    } as const;
    for (const [municipality, fiIntro, fiData, svIntro, svData, enIntro] of Object.values(expected)) {
      for (const [lang, intro, data] of [
        ['fi', fiIntro, fiData],
        ['sv', svIntro, svData],
        ['en', enIntro, enIntro],
      ] as const) {
        const client = feedClient(MAIJA, NOT_GRANTED);
        (client as { municipality: unknown }).municipality = { retrieve: async () => municipality };
        const element = await mount(client, lang);
        await waitFor(() => text(shadow(element, '[part="consent"]')!).includes(intro), `${lang}: ${intro}`);
        const prompt = text(shadow(element, '[part="consent"]')!);
        includes(prompt, data);
        if (municipality.type === 'kunta')
          assert(!/kaupun|stad|City/.test(prompt), `${lang}: a kunta is not called a town`);
        await expectAccessible(element);
        element.remove();
      }
    }
  });

  it('granting consent records the text version, fires kunta-consent-change and shows the personal feed', async () => {
    const client = feedClient(MAIJA, NOT_GRANTED);
    const element = await mount(client);
    const events: KuntaConsentChangeEvent[] = [];
    document.addEventListener('kunta-consent-change', (e) => events.push(e), { once: true });
    const grant = deferred<typeof GRANTED>();
    client.fake.grant = () => grant.promise;

    const allow = shadow(element, 'button[part="allow-button"]')!;
    allow.focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(allow.getAttribute('aria-disabled'), 'true', 'busy while saving');
    includes(text(allow), 'Tallennetaan');
    await sendKeys({ press: 'Enter' });
    equal(client.fake.calls.filter((c) => c.startsWith('consent.grant')).length, 1, 'a second press does nothing');

    client.fake.consent = GRANTED;
    grant.resolve(GRANTED);
    await waitFor(() => shadow(element, 'ul[part="list"]'), 'the personal list');
    await settle(element);
    assert(client.fake.calls.includes(`consent.grant ${CONSENT_TEXT_VERSION}`), 'the text version is recorded');
    equal(events.length, 1);
    equal(events[0]!.bubbles && events[0]!.composed, true);
    equal(JSON.stringify(events[0]!.detail), JSON.stringify({ municipality: 'nivala', granted: true }));
    assert(!shadow(element, '[part="consent"]'), 'the prompt is gone');
    equal(active(element), shadow(element, '[part="list-heading"]'), 'focus on the new list heading');
    equal(live(element), 'Kiitos. Näet nyt sinulle sopivat ehdotukset. 2 ehdotusta haettu.');
  });

  it('a failed grant keeps the prompt, says so and keeps focus on the button', async () => {
    const client = feedClient(MAIJA, NOT_GRANTED);
    client.fake.grant = async () => {
      throw new KuntaError({ code: 'KA_INTERNAL', status: 500 });
    };
    const element = await mount(client);
    const allow = shadow(element, 'button[part="allow-button"]')!;
    allow.focus();
    await sendKeys({ press: 'Space' });
    await settle(element);
    await settle(element);
    includes(text(shadow(element, '[part="consent-error"]')), 'Valintaa ei voitu tallentaa');
    equal(live(element), 'Valintaa ei voitu tallentaa. Yritä uudelleen.');
    equal(active(element), allow);
    equal(allow.getAttribute('aria-disabled'), 'false');
    await expectAccessible(element);
  });

  it('personal feed: a named list in priority order; expired items and non-web links left out', async () => {
    const element = await mount(feedClient());
    const list = shadow(element, 'ul[part="list"]')!;
    equal(labelOf(element, list), 'Ehdotukset ja tehtävät sinulle');
    equal(shadow(element, '[part="list-heading"]')?.getAttribute('aria-level'), '3');
    equal(
      titles(element).join(' | '),
      'Täydennä rakennuslupahakemusta | Ilmoittaudu esiopetukseen | Vesikatko keskustassa',
    );
    const [task, suggestion, notice] = items(element);
    equal(task!.getAttribute('part'), 'item task');
    includes(text(task!.querySelector('[part="kind"]')), 'Tehtävä');
    equal(task!.querySelector('[part="item-title"]')?.getAttribute('aria-level'), '4');
    equal(task!.querySelector('a'), null, 'the javascript: link is not rendered');
    const link = suggestion!.querySelector('a[part="action"]')!;
    equal(link.getAttribute('href'), 'https://evaka.example/enrol');
    equal(text(link), 'Ilmoittaudu');
    includes(text(notice!.querySelector('[part="valid-until"]')), 'Voimassa 31.12.2098 asti');
    equal(notice!.querySelector('[part="why-button"]'), null, 'no reason, no disclosure');

    const why = suggestion!.querySelector('button[part="why-button"]')!;
    equal(nameOf(why), 'Miksi näen tämän?');
    equal(why.getAttribute('aria-expanded'), 'false');
    const region = element.shadowRoot!.getElementById(why.getAttribute('aria-controls')!)!;
    assert(region.hidden, 'the explanation is hidden at first');
    equal(text(element.shadowRoot!.getElementById(why.getAttribute('aria-describedby')!)), 'Ilmoittaudu esiopetukseen');
    const dismiss = suggestion!.querySelector('button[part="dismiss-button"]')!;
    equal(text(dismiss), 'Ei koske minua');
    equal(dismiss.getAttribute('aria-describedby'), why.getAttribute('aria-describedby'));
    equal(text(shadow(element, 'button[part="withdraw-button"]')), 'Lopeta tietojeni käyttö');
    // The notice is the municipality's, not a suggestion: it is not counted among them.
    equal(live(element), '2 ehdotusta haettu.');
    await expectAccessible(element);
  });

  it('"Why am I seeing this?": reached with Tab, Enter and Space toggle the explanation, data used and legal basis', async () => {
    const element = await mount(feedClient());
    const suggestion = items(element)[1]!;
    const link = suggestion.querySelector<HTMLElement>('a[part="action"]')!;
    const why = suggestion.querySelector<HTMLElement>('button[part="why-button"]')!;
    const region = element.shadowRoot!.getElementById(why.getAttribute('aria-controls')!)!;

    link.focus();
    await sendKeys({ press: 'Tab' });
    equal(active(element), why, 'Tab moves from the link to "why"');
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(why.getAttribute('aria-expanded'), 'true');
    assert(!region.hidden && getComputedStyle(region).display !== 'none', 'shown after Enter');
    includes(text(region), 'Lapsesi täyttää 6 vuotta ensi vuonna.');
    includes(text(region), 'Käytetyt tiedot Lapsen syntymäaika');
    includes(text(region), 'Peruste Suostumuksesi');
    await expectAccessible(element);

    await sendKeys({ press: 'Space' });
    await settle(element);
    equal(why.getAttribute('aria-expanded'), 'false');
    assert(region.hidden && getComputedStyle(region).display === 'none', 'hidden after Space');
    equal(active(element), why, 'focus stays on the button');
  });

  it('"Not relevant": removed at once, focus to the next item, announced once, event without personal data', async () => {
    const client = feedClient();
    const request = deferred();
    client.fake.dismiss = () => request.promise;
    const element = await mount(client);
    const events: KuntaFeedDismissEvent[] = [];
    const listener = (e: KuntaFeedDismissEvent) => events.push(e);
    document.addEventListener('kunta-feed-dismiss', listener);
    try {
      const [task, suggestion] = items(element);
      task!.querySelector<HTMLElement>('button[part="dismiss-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await settle(element);

      equal(
        titles(element).join(' | '),
        'Ilmoittaudu esiopetukseen | Vesikatko keskustassa',
        'removed before the API answered',
      );
      assert(client.fake.calls.includes('feed.dismiss complement:LP-1'));
      equal(active(element), suggestion!.querySelector('[part="item-title"]'), 'focus on the next item');
      equal(live(element), '”Täydennä rakennuslupahakemusta” poistettiin listaltasi.');
      equal(events.length, 1);
      equal(events[0]!.bubbles && events[0]!.composed, true);
      equal(JSON.stringify(events[0]!.detail), JSON.stringify({ municipality: 'nivala', kind: 'task' }));

      request.resolve();
      await settle(element);
      equal(live(element), '”Täydennä rakennuslupahakemusta” poistettiin listaltasi.', 'announced once, not repeated');
      await expectAccessible(element);

      // The last personal item: focus goes to the list heading, and the list says nothing is there for you now.
      // (The notice below is the municipality's own and has no "Not relevant" button.)
      client.fake.dismiss = async () => undefined;
      items(element)[0]!.querySelector<HTMLElement>('button[part="dismiss-button"]')!.click();
      await settle(element);
      equal(active(element), shadow(element, '[part="list-heading"]'), 'focus on the list heading');
      includes(text(shadow(element, '[part="empty"]')), 'Sinulle ei ole juuri nyt ehdotuksia');
      equal(items(element)[0]!.querySelector('[part="dismiss-button"]'), null);
      await expectAccessible(element);
    } finally {
      document.removeEventListener('kunta-feed-dismiss', listener);
    }
  });

  it('a refused dismissal brings the item back and says so', async () => {
    const client = feedClient();
    client.fake.dismiss = async () => {
      throw new KuntaError({ code: 'KA_INTERNAL', status: 500 });
    };
    const element = await mount(client);
    items(element)[0]!.querySelector<HTMLElement>('button[part="dismiss-button"]')!.click();
    await settle(element);
    await settle(element);
    equal(items(element).length, 3, 'the item is back');
    equal(live(element), '”Täydennä rakennuslupahakemusta” ei poistunut. Yritä uudelleen.');
  });

  it('"Stop using my information": personal items go at once, consent is withdrawn, the general feed returns', async () => {
    const client = feedClient();
    const request = deferred();
    client.fake.withdraw = () => request.promise;
    const element = await mount(client);
    const events: KuntaConsentChangeEvent[] = [];
    document.addEventListener('kunta-consent-change', (e) => events.push(e), { once: true });

    const withdraw = shadow(element, 'button[part="withdraw-button"]')!;
    withdraw.focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    equal(items(element).length, 0, 'no personal item while the API is asked');
    includes(text(shadow(element, '[part="loading"]')), 'Lopetetaan tietojesi käyttöä');
    equal(active(element), withdraw, 'focus stays on the busy button');
    equal(withdraw.getAttribute('aria-disabled'), 'true');
    await expectAccessible(element);

    client.fake.consent = NOT_GRANTED;
    request.resolve();
    await waitFor(() => shadow(element, '[part="consent"]'), 'the opt-in prompt');
    await settle(element);
    assert(client.fake.calls.includes('consent.withdraw'));
    equal(events.length, 1);
    equal(JSON.stringify(events[0]!.detail), JSON.stringify({ municipality: 'nivala', granted: false }));
    assert(!shadow(element, 'ul[part="list"]'), 'no personal list');
    assert(shadowAll(element, 'ul[part="group"]').length > 0, 'the general feed');
    equal(active(element), shadow(element, '[part="heading"]'), 'focus on the widget heading');
    equal(live(element), 'Tietojasi ei enää käytetä. Näet yleiset palvelut.');
    await expectAccessible(element);
  });

  it('a failed withdrawal keeps the personal feed and says so', async () => {
    const client = feedClient();
    client.fake.withdraw = async () => {
      throw new KuntaError({ code: 'KA_NETWORK' });
    };
    const element = await mount(client);
    shadow(element, 'button[part="withdraw-button"]')!.click();
    await settle(element);
    await settle(element);
    equal(items(element).length, 3);
    includes(text(shadow(element, '[part="consent-error"]')), 'Suostumusta ei voitu perua');
  });

  it('loading: says so in words, and the request gets the abort signal', async () => {
    const client = feedClient();
    client.fake.personal = hang;
    const element = document.createElement('kunta-service-feed');
    element.client = client;
    await fixture(element);
    await waitFor(() => client.fake.calls.includes('feed.list'), 'the feed request');
    await settle(element);
    includes(text(shadow(element, '[part="loading"]')), 'Haetaan palveluja ja ajankohtaisia asioita');
    equal(shadow(element, '.spinner')?.getAttribute('aria-hidden'), 'true');
    await expectAccessible(element);
    element.remove();
  });

  it('empty: the personal and the general feed say there is nothing now', async () => {
    const client = feedClient();
    client.fake.personal = async () => ({ items: [], sources: [] });
    const element = await mount(client);
    includes(text(shadow(element, '[part="empty"]')), 'Sinulle ei ole juuri nyt ehdotuksia eikä tehtäviä.');
    equal(live(element), 'Sinulle ei ole juuri nyt ehdotuksia eikä tehtäviä.');
    await expectAccessible(element);

    const general = feedClient(null);
    general.fake.general = async () => ({ items: [], sources: [] });
    const other = await mount(general, 'en');
    includes(text(shadow(other, '[part="empty"]')), 'There are no featured services or notices right now.');
    await expectAccessible(other);
  });

  it('error: in words by error code, with a retry button that fetches again and keeps focus in the widget', async () => {
    let fail = true;
    const client = feedClient();
    client.fake.personal = async () => {
      if (fail) throw new KuntaError({ code: 'KA_RATE_LIMITED', status: 429 });
      return personalFeed();
    };
    const element = await mount(client, 'sv');
    const error = shadow(element, '[part="error"]');
    includes(text(error), 'Tjänsterna och det aktuella kunde inte hämtas.');
    includes(text(error), 'För många förfrågningar.');
    equal(live(element), 'Tjänsterna och det aktuella kunde inte hämtas.');
    await expectAccessible(element);

    fail = false;
    const retry = shadow(element, 'button[part="retry-button"]')!;
    equal(text(retry), 'Försök igen');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await loaded(element);
    equal(items(element).length, 3);
    equal(active(element), shadow(element, '[part="heading"]'), 'focus kept inside the widget');
  });

  it('partial: a stale or unavailable source is named in words with its time in Helsinki', async () => {
    const client = feedClient();
    client.fake.personal = async () => ({
      ...personalFeed(),
      sources: [
        { id: 'population', status: 'stale', fetchedAt: '2026-03-12T08:00:00Z' },
        { id: 'evaka', status: 'unavailable', fetchedAt: null as unknown as string },
      ],
    });
    const element = await mount(client, 'en');
    const notices = shadowAll(element, '[part="notice"]').map(text);
    equal(notices.length, 2);
    includes(notices[0], 'Population Information System is not answering right now.');
    includes(notices[0], '10:00'); // 08:00 UTC is 10:00 in Helsinki in March
    includes(
      notices[1],
      'eVaka (early childhood education) is not answering right now, so some suggestions may be missing.',
    );
    equal(items(element).length, 3, 'what did arrive is shown');
    equal(live(element), '2 suggestions loaded. Some information is missing or may be out of date.');
    await expectAccessible(element);
  });

  it('markup from a back end is inert text', async () => {
    const client = feedClient();
    client.fake.personal = async () => {
      const feed = personalFeed();
      feed.items[0]!.title.fi = '<img src=x onerror="window.__feedPwned=1">Esiopetus';
      feed.items[0]!.reason!.explanation.fi = '<script>window.__feedPwned=2</script>';
      return feed;
    };
    const element = await mount(client);
    equal(shadowAll(element, 'img, script').length, 0, 'no element created from data');
    includes(titles(element).join(' '), '<img src=x');
    equal((window as unknown as { __feedPwned?: number }).__feedPwned, undefined);
  });

  it('re-fetches when the user signs in or out, aborting the request in flight, forgetting the previous user', async () => {
    const client = feedClient(null);
    const element = await mount(client);
    assert(shadow(element, '[part="signed-out"]'));

    client.fake.personal = hang;
    client.fake.auth.emit(MAIJA);
    await waitFor(() => client.fake.calls.includes('feed.list'), 'the personal feed request');
    await settle(element);
    assert(shadow(element, '[part="loading"]'), 'loading after sign-in');
    const inFlight = client.fake.signals.at(-1)!;

    client.fake.auth.emit(null);
    await loaded(element);
    assert(inFlight.aborted, 'the superseded request was aborted through the signal');
    assert(shadow(element, '[part="signed-out"]'), 'signed out again');

    client.fake.personal = async () => personalFeed();
    client.fake.auth.emit(MAIJA);
    await waitFor(() => items(element).length === 3, 'the personal feed');
    client.fake.auth.emit(null);
    await loaded(element);
    assert(!shadow(element, 'ul[part="list"]'), 'nothing of the previous user remains');
  });

  it('a personal feed answered 403 (consent gone meanwhile) falls back to the prompt', async () => {
    const client = feedClient();
    client.fake.personal = async () => {
      throw new KuntaError({ code: 'KA_FORBIDDEN', status: 403 });
    };
    const element = await mount(client);
    assert(shadow(element, '[part="consent"]'), 'the opt-in prompt');
  });

  it('without provider, client or attributes it says it is not configured', async () => {
    const element = await mount(undefined);
    includes(text(shadow(element, '[part="error"]')), 'ei ole määritetty');
    await expectAccessible(element);
  });

  for (const [lang, expected] of [
    [
      'fi',
      { heading: 'Palvelut ja ajankohtaiset', allow: 'Salli', why: 'Miksi näen tämän?', group: 'Lapsen saaminen' },
    ],
    ['sv', { heading: 'Tjänster och aktuellt', allow: 'Tillåt', why: 'Varför ser jag det här?', group: 'Att få barn' }],
    ['en', { heading: 'Services and news', allow: 'Allow', why: 'Why am I seeing this?', group: 'Having a child' }],
  ] as const) {
    it(`in ${lang}: every state is accessible and in that language`, async () => {
      const signedOut = await mount(feedClient(null), lang);
      equal(text(shadow(signedOut, '[part="heading"]')), expected.heading);
      equal(labelOf(signedOut, shadow(signedOut, 'ul[part="group"]')), expected.group);
      equal(shadow(signedOut, '[part="base"]')?.getAttribute('lang'), lang);
      await expectAccessible(signedOut);

      const prompt = await mount(feedClient(MAIJA, NOT_GRANTED), lang);
      equal(text(shadow(prompt, 'button[part="allow-button"]')), expected.allow);
      await expectAccessible(prompt);

      const personal = await mount(feedClient(), lang);
      const why = items(personal)[1]!.querySelector<HTMLElement>('button[part="why-button"]')!;
      equal(nameOf(why), expected.why);
      why.click();
      await settle(personal);
      equal(why.getAttribute('aria-expanded'), 'true');
      await expectAccessible(personal);

      const failing = feedClient();
      failing.fake.personal = async () => {
        throw new KuntaError({ code: 'KA_TIMEOUT' });
      };
      const error = await mount(failing, lang);
      assert(shadow(error, 'button[part="retry-button"]'));
      await expectAccessible(error);
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // What the feed says is true, and every service can be reached

  /** Aino's feed as the server sends it: a suggestion with PTV's phone (and hours), a form, a task about her case. */
  function ainoFeed(): Feed {
    const base = personalFeed().items[0]!;
    const meals: FeedItem = {
      ...base,
      id: 'senior-meal-service.x',
      title: text3('Ateriapalvelu kotiin', 'Måltidsservice hem', 'Meals delivered to your home'),
      action: null,
      channels: [
        {
          id: 'c-meal-phone',
          type: 'Phone',
          name: text3('Ateriapalvelun tilaukset', 'Beställning av måltidsservice', 'Meal service orders'),
          phone: '+358448701977',
          phones: [{ type: 'Phone', number: '+358448701977' }],
          hours: [
            {
              kind: 'standard',
              alwaysOpen: false,
              closed: false,
              days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((from) => ({
                from: from as 'Monday',
                opens: '08:00',
                closes: '12:00',
              })),
            },
          ],
        },
        {
          id: 'c-fax',
          type: 'Phone',
          name: text3('Faksi', 'Fax', 'Fax'),
          phones: [{ type: 'Fax', number: '+35884001234' }],
        },
        {
          id: 'c-office',
          type: 'ServiceLocation',
          name: text3('Palvelupiste', 'Servicepunkt', 'Service point'),
          address: 'Kyöstintie 4, 84100 YLIVIESKA',
          hours: [
            {
              kind: 'standard',
              alwaysOpen: false,
              closed: false,
              days: [{ from: 'Monday', to: 'Thursday', opens: '09:00', closes: '15:00' }],
            },
          ],
        },
      ],
    };
    const transport: FeedItem = {
      ...base,
      id: 'senior-transport-service.x',
      title: text3('Kuljetuspalvelu asiointiin', 'Färdtjänst för ärenden', 'Transport service for errands'),
      action: { label: text3('Hae', 'Ansök', 'Apply'), href: 'https://pohde.example/kuljetus.pdf' },
      channels: [
        {
          id: 'c-form',
          type: 'PrintableForm',
          name: text3('Kuljetuspalveluhakemus', 'Ansökan om färdtjänst', 'Transport service application'),
          url: 'https://pohde.example/kuljetus.pdf',
        },
        {
          id: 'c-e',
          type: 'EChannel',
          name: text3('Sähköinen hakemus', 'Elektronisk ansökan', 'Online application'),
          url: 'https://asiointi.example/kuljetus',
        },
      ],
    };
    const voucher: FeedItem = {
      ...base,
      id: 'summer-job-voucher.x',
      title: text3('Kesätyöseteli: haku alkaa 1.3.2027', 'Sommarjobbssedel', 'Summer job voucher'),
      window: { kind: 'application', opens: '2027-03-01', closes: '2027-08-31' },
      validUntil: '2099-03-01T00:00:00Z',
    };
    return { items: [meals, transport, voucher], sources: [] };
  }

  it('every item shows how to reach its service: tel: links with service hours, the address, forms and e-services', async () => {
    const client = feedClient();
    client.fake.personal = async () => ainoFeed();
    const element = await mount(client);
    const [meals, transport] = items(element);
    const mealChannels = meals!.querySelector('ul[part="channels"]')!;
    equal(mealChannels.getAttribute('aria-label'), 'Näin tavoitat palvelun');
    const phone = mealChannels.querySelector<HTMLAnchorElement>('li[part~="phone"] a[part="channel-link"]')!;
    equal(phone.getAttribute('href'), 'tel:+358448701977', 'the number PTV has, to call');
    equal(text(phone), '+358 44 870 1977');
    includes(text(phone.closest('li')), 'Puhelin: +358 44 870 1977 (Ateriapalvelun tilaukset) ma–pe 8.00–12.00');
    equal(mealChannels.querySelectorAll('li[part~="phone"]').length, 1, 'a fax is not offered as a number to call');
    includes(text(mealChannels.querySelector('li[part~="address"]')), 'Käyntiosoite: Kyöstintie 4, 84100 YLIVIESKA');
    includes(text(mealChannels.querySelector('li[part~="address"]')), 'ma–to 9.00–15.00');
    const links = [...transport!.querySelectorAll('li[part~="link"]')].map(text);
    // The form is the item's own action already, so it is not listed twice.
    equal(links.join(' | '), 'Verkossa: Sähköinen hakemus');
    for (const item of items(element)) {
      const reachable = item.querySelector('a[part="action"], a[part="channel-link"], li[part~="address"]');
      assert(reachable, `${text(item.querySelector('[part="item-title"]'))} can be reached`);
    }
    await expectAccessible(element);
  });

  it('a suggestion shows the real window of what it suggests, never a "valid until"', async () => {
    const client = feedClient();
    client.fake.personal = async () => ainoFeed();
    for (const [lang, expected] of [
      ['fi', 'Hakuaika 1.3.2027–31.8.2027'],
      ['sv', 'Ansökningstid 1.3.2027–31.8.2027'],
      ['en', 'Application period 01/03/2027–31/08/2027'],
    ] as const) {
      const element = await mount(client, lang);
      const voucher = items(element)[2]!;
      const when = text(voucher.querySelector('[part="valid-until"]'));
      equal(when, expected, lang);
      assert(!/Voimassa|Giltig|Valid until/.test(text(voucher)), 'no "valid until" on a suggestion');
      await expectAccessible(element);
    }
  });

  it('labels fit the item: "Ehdotus" only on a suggestion made for you, a catalogue entry is "Palvelu"', async () => {
    const signedOut = await mount(feedClient(null));
    for (const item of items(signedOut).filter((li) => li.getAttribute('part') !== 'item notice')) {
      equal(text(item.querySelector('[part="kind"]')), 'Palvelu');
      equal(item.getAttribute('part'), 'item service');
    }
    const personal = await mount(feedClient());
    equal(
      items(personal)
        .map((li) => text(li.querySelector('[part="kind"]')))
        .join(' | '),
      'Tehtävä | Ehdotus | Tiedote',
    );
  });

  it('consented, but nothing applies (Liisa): "nothing for you right now", general services grouped and labelled', async () => {
    const client = feedClient();
    client.fake.personal = async () => {
      const general = publicFeed();
      for (const item of general.items) {
        if (item.kind === 'notice') continue;
        item.kind = 'service';
        item.lifeEvent = { code: 'KE10', name: text3('Eläkkeelle siirtyminen', 'Pensionering', 'Retirement') };
      }
      return general;
    };
    const element = await mount(client);
    equal(text(shadow(element, '[part="list-heading"]')), 'Ehdotukset ja tehtävät sinulle');
    includes(text(shadow(element, '[part="empty"]')), 'Sinulle ei ole juuri nyt ehdotuksia');
    equal(shadow(element, 'ul[part="list"]'), null, 'no general service is presented as yours');
    equal(text(shadow(element, '#featured-heading')), 'Yleiset palvelut');
    includes(text(shadow(element, '[part="general-note"]')), 'Niitä ei ole valittu tietojesi perusteella');
    const groups = shadowAll(element, 'ul[part="group"]');
    equal(groups.map((g) => labelOf(element, g)).join(' | '), 'Eläkkeelle siirtyminen');
    equal(live(element), 'Sinulle ei ole juuri nyt ehdotuksia eikä tehtäviä.');
    await expectAccessible(element);
  });
});

describe('<kunta-service-feed>: municipal notices', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
    sessionStorage.clear();
  });

  const at = (offset: number) => new Date(Date.now() + offset).toISOString();
  const critical = {
    id: 'storm',
    kind: 'notice' as const,
    severity: 'critical' as const,
    title: text3('Myrsky: virastot kiinni', 'Storm: ämbetsverken stängda', 'Storm: offices closed'),
    body: text3('Asioi verkossa.', 'Uträtta ärenden på nätet.', 'Use the online services.'),
    topics: ['KE1'],
    visibleFrom: at(-60_000),
    startsAt: at(-60_000),
    endsAt: at(3_600_000),
    updatedAt: at(-60_000),
  };

  it('a critical notice comes first, with the services it is about, for signed-out citizens too', async () => {
    for (const lang of ['fi', 'sv', 'en']) {
      const client = feedClient(null);
      client.fake.notices = async () => ({ items: [critical], generatedAt: at(0) });
      const element = await mount(client, lang);
      await waitFor(() => shadow(element, '[part="critical"]'), 'the critical block');
      const block = shadow(element, '[part="critical"]')!;
      const first = element.shadowRoot!.querySelector('[part="base"] > [part="critical"], [part="critical"]');
      equal(first, block);
      includes(text(block), critical.title[lang as 'fi' | 'sv' | 'en']);
      // The KE1 services (day care, moving) sit in the block; the library stays below.
      const linked = [...block.querySelectorAll('li[part~="item"]')].map((li) =>
        text(li.querySelector('[part="item-title"]')),
      );
      equal(linked.length, 2, `${lang}: two linked services`);
      assert(
        !titles(element)
          .slice(2)
          .some((title) => linked.includes(title)),
        'not repeated below',
      );
      await expectAccessible(element);
      cleanup();
    }
  });

  it('an outage notice replaces the per-source note', async () => {
    const client = feedClient(null);
    client.fake.general = async () => ({
      ...publicFeed(),
      sources: [{ id: 'ptv', status: 'stale', fetchedAt: at(-3_600_000) }],
    });
    client.fake.notices = async () => ({
      items: [
        {
          ...critical,
          id: 'outage.ptv',
          kind: 'outage',
          severity: 'warning',
          topics: ['ptv'],
          source: 'ptv',
          dataAsOf: at(-3_600_000),
        },
      ],
      generatedAt: at(0),
    });
    const element = await mount(client);
    await waitFor(() => shadow(element, '[part="outage"]'), 'the outage sentence');
    equal(shadowAll(element, '[part="notice"]').length, 0);
    includes(
      text(shadow(element, '[part="outage"]')),
      'Palvelutietovaranto ei juuri nyt vastaa; palvelujen tiedot näytetään ajalta',
    );
  });
});
