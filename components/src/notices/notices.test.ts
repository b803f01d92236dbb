import type { Notice, NoticeList } from '@kunta-akkuna/sdk';
import { KuntaError } from '@kunta-akkuna/sdk';
import '../index.js';
import type { KuntaNotices } from './notices.js';
import type { KuntaCaseStatus } from '../case-status/case-status.js';
import { applyTheme } from '../theme/theme-sheet.js';
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

const hour = 3_600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
let serial = 0;
const BASE_URL = 'https://notices-test.invalid';

/** Today at 10.42 in Helsinki, as an ISO time (the browser's own time zone may be another). */
function helsinkiTodayAt1042(): string {
  const now = new Date();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', timeZoneName: 'shortOffset' })
    .formatToParts(now)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  const [sign, hours] = [offset[0], offset.slice(1).padStart(2, '0')];
  return new Date(`${day}T10:42:00${sign}${hours}:00`).toISOString();
}

function notice(overrides: Partial<Notice> = {}): Notice {
  serial++;
  return {
    id: `n-${serial}`,
    kind: 'notice',
    severity: 'info',
    title: { fi: `Tiedote ${serial}`, sv: `Meddelande ${serial}`, en: `Notice ${serial}` },
    body: { fi: 'Kirjasto on kiinni.', sv: 'Biblioteket är stängt.', en: 'The library is closed.' },
    topics: [],
    visibleFrom: iso(-hour),
    startsAt: iso(-hour),
    endsAt: iso(hour),
    updatedAt: iso(-serial),
    ...overrides,
  };
}

const critical = (overrides: Partial<Notice> = {}) =>
  notice({
    severity: 'critical',
    title: { fi: 'Vesikatko keskustassa', sv: 'Vattenavbrott i centrum', en: 'Water outage in the centre' },
    body: { fi: 'Älä juo vesijohtovettä.', sv: 'Drick inte kranvatten.', en: 'Do not drink tap water.' },
    link: { href: 'https://www.nivala.fi/vesi' },
    topics: ['water'],
    ...overrides,
  });

const outage = (): Notice => ({
  ...notice({ severity: 'warning', topics: ['lupapiste'] }),
  kind: 'outage',
  source: 'lupapiste',
  dataAsOf: helsinkiTodayAt1042(),
  id: 'outage.lupapiste',
});

/** A client whose notices answer with `respond()` (each poll asks again). */
function client(respond: () => Promise<NoticeList>) {
  const c = fakeClient(undefined, async () => sampleList());
  // Its own API address: other test files (in other tabs of the same origin) keep notices for https://api.test.
  (c as { baseUrl: string }).baseUrl = BASE_URL;
  (c as { notices: unknown }).notices = {
    list: async (options: { signal?: AbortSignal } = {}) => {
      const answer = respond();
      return options.signal ? Promise.race([answer, hang(options.signal)]) : answer;
    },
  };
  return c;
}
const listOf =
  (...items: Notice[]) =>
  async (): Promise<NoticeList> => ({ items, generatedAt: iso(0) });
const down = async (): Promise<NoticeList> => {
  throw new KuntaError({ code: 'KA_NETWORK' });
};

async function mount(respond: () => Promise<NoticeList>, lang = 'fi', attributes: Record<string, string> = {}) {
  const element = document.createElement('kunta-notices') as KuntaNotices;
  element.lang = lang;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.client = client(respond);
  await fixture(element);
  await settle(element);
  return element;
}

const DARK = {
  '--kunta-color-text': '#f2f2f2',
  '--kunta-color-background': '#121212',
  '--kunta-color-surface': '#1e1e1e',
  '--kunta-color-muted': '#c8c8c8',
  '--kunta-color-primary': '#8cc8ff',
  '--kunta-color-border': '#a0a0a0',
  '--kunta-color-danger': '#ff9a9a',
  '--kunta-color-warning': '#ffd27a',
  '--kunta-color-focus': '#8cc8ff',
};

function clearStorage() {
  localStorage.clear();
  sessionStorage.clear();
}

describe('kunta-notices: every state, three languages, two themes, axe', () => {
  afterEach(() => {
    cleanup();
    clearStorage();
  });

  const states: Record<string, () => Promise<NoticeList>> = {
    loading: () => new Promise<never>(() => undefined),
    none: listOf(),
    info: listOf(notice()),
    warning: listOf(notice({ severity: 'warning' })),
    critical: listOf(critical()),
    planned: listOf(notice({ severity: 'warning', topics: ['lupapiste'], startsAt: iso(hour), endsAt: iso(2 * hour) })),
    outage: listOf(outage()),
    several: listOf(notice(), critical(), notice({ severity: 'warning' })),
    failed: down,
  };

  for (const [name, respond] of Object.entries(states)) {
    it(`${name}: accessible in fi, sv and en, light and dark`, async () => {
      for (const lang of ['fi', 'sv', 'en']) {
        for (const theme of [undefined, DARK]) {
          const element = await mount(respond, lang);
          if (theme) applyTheme(element, theme);
          await settle(element);
          await expectAccessible(element);
          const base = shadow(element, '[part="base"]')!;
          if (name === 'none') assert(base.hidden, 'nothing is shown when there is no notice');
          if (name === 'loading') assert(shadow(element, '[part="loading"]'), 'loading text');
          if (name === 'failed') assert(shadow(element, '[part="error"]'), 'error text');
          cleanup();
          clearStorage();
        }
      }
    });
  }

  it('words severity, time and the outage sentence in each language', async () => {
    const fi = await mount(listOf(outage()), 'fi');
    equal(
      text(shadow(fi, '[part="outage"]')),
      'Varoitus: Lupapiste ei juuri nyt vastaa; rakennuslupien tiedot näytetään ajalta klo 10.42',
    );
    const sv = await mount(listOf(critical()), 'sv');
    includes(text(shadow(sv, '[part="notice-title"]')), 'Viktigt meddelande: Vattenavbrott i centrum');
    const en = await mount(listOf(notice({ startsAt: iso(hour), endsAt: iso(2 * hour) })), 'en');
    includes(text(shadow(en, '[part="notice-time"]')), 'From ');
  });
});

describe('kunta-notices: behaviour', () => {
  afterEach(() => {
    cleanup();
    clearStorage();
  });

  it('shows the most severe first', async () => {
    const element = await mount(listOf(notice(), notice({ severity: 'warning' }), critical()));
    const order = shadowAll(element, '[part~="notice-item"]').map((n) => n.className.replace('notice ', ''));
    equal(order.join(' '), 'critical warning info');
  });

  it('announces a critical notice once in role=alert, and never lets it be hidden', async () => {
    const one = critical();
    const element = await mount(listOf(one));
    await waitFor(() => text(shadow(element, '[role="alert"]')), 'the alert');
    includes(text(shadow(element, '[role="alert"]')), 'Tärkeä tiedote: Vesikatko keskustassa');
    assert(!shadow(element, '[part="dismiss-button"]'), 'no dismiss button on a critical notice');
    cleanup();
    // The next page of the same visit shows it but does not announce it again.
    const again = await mount(listOf(one));
    assert(shadow(again, '[part~="notice-critical"]'), 'still shown');
    equal(text(shadow(again, '[role="alert"]')), '');
  });

  it('hides an info notice for the visit, says so, and moves focus to the next notice', async () => {
    const first = notice({ severity: 'warning' });
    const second = notice();
    const element = await mount(listOf(first, second));
    shadow(element, '[part="dismiss-button"]')!.click();
    await settle(element);
    equal(shadowAll(element, '[part~="notice-item"]').length, 1);
    includes(text(shadow(element, '[part="announcer"]')), 'Tiedote piilotettu');
    equal(element.shadowRoot!.activeElement?.id, `notice-${second.id}`);
    cleanup();
    const later = await mount(listOf(first, second));
    equal(shadowAll(later, '[part~="notice-item"]').length, 1, 'still hidden on the next page of the visit');
  });

  it('follows topics', async () => {
    const element = await mount(listOf(notice({ topics: ['water'] }), notice({ topics: ['KE4'] })), 'fi', {
      topics: 'KE4.2',
    });
    equal(shadowAll(element, '[part~="notice-item"]').length, 1);
  });

  it('takes up a new notice at the next poll (within 5 s)', async () => {
    let items: Notice[] = [];
    const element = await mount(async () => ({ items, generatedAt: iso(0) }));
    assert(shadow(element, '[part="base"]')!.hidden);
    items = [critical()];
    const published = Date.now();
    await waitFor(() => shadow(element, '[part~="notice-critical"]'), 'the new notice', 5000);
    assert(Date.now() - published < 5000, 'within 5 s');
    await waitFor(() => text(shadow(element, '[role="alert"]')), 'its announcement');
  });

  it('keeps the last copy: when the API stops answering, and after a reload, with its time', async () => {
    let respond: () => Promise<NoticeList> = listOf(critical());
    const element = await mount(() => respond());
    assert(shadow(element, '[part~="notice-critical"]'));
    respond = down;
    await waitFor(() => shadow(element, '[part="as-of"]'), 'the as-of line', 5000);
    includes(text(shadow(element, '[part="as-of"]')), 'Tiedotteet ovat ajalta klo');
    assert(shadow(element, '[part~="notice-critical"]'), 'still shown');
    cleanup();
    // A new page (a new client) with the API down: the saved copy, at once.
    const reloaded = await mount(down);
    assert(shadow(reloaded, '[part~="notice-critical"]'), 'shown after a reload');
    assert(shadow(reloaded, '[part="as-of"]'));
    await expectAccessible(reloaded);
  });

  it('does not show a saved notice that has ended since', async () => {
    localStorage.setItem(
      `kunta-akkuna:notices:v1:${BASE_URL}|nivala`,
      JSON.stringify({ items: [notice({ endsAt: iso(-1000) })], fetchedAt: Date.now() - hour }),
    );
    const element = await mount(down);
    equal(shadowAll(element, '[part~="notice-item"]').length, 0);
  });
});

describe('notices inside the other widgets', () => {
  afterEach(() => {
    cleanup();
    clearStorage();
  });

  it('<kunta-case-status>: a Lupapiste maintenance notice sits above the permits', async () => {
    const element = document.createElement('kunta-case-status') as KuntaCaseStatus;
    const c = client(
      listOf(
        notice({ severity: 'warning', topics: ['lupapiste'], startsAt: iso(hour), endsAt: iso(2 * hour) }),
        notice({ topics: ['water'] }),
      ),
    );
    (c as { auth: unknown }).auth = fakeAuth(MAIJA);
    element.client = c;
    await fixture(element);
    await waitFor(() => shadow(element, '[part="list"]'), 'the cases');
    await waitFor(() => shadow(element, '[part="topic-notices"]'), 'the notice');
    const notices = shadowAll(element, '[part~="notice-item"]');
    equal(notices.length, 1, 'only the notice about Lupapiste');
    const list = shadow(element, '[part="list"]')!;
    assert(notices[0]!.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING, 'above the permits');
    await expectAccessible(element);
  });

  it('<kunta-case-status>: an outage notice replaces the per-source note with one sentence', async () => {
    const element = document.createElement('kunta-case-status') as KuntaCaseStatus;
    const c = fakeClient(fakeAuth(MAIJA), async () => {
      const list = sampleList();
      list.sources = [{ id: 'lupapiste', status: 'stale', fetchedAt: helsinkiTodayAt1042() }];
      return list;
    });
    (c as { notices: unknown }).notices = { list: listOf(outage()) };
    element.client = c;
    await fixture(element);
    await waitFor(() => shadow(element, '[part="outage"]'), 'the outage sentence');
    equal(shadowAll(element, '[part="notice"]').length, 0, 'no per-source note');
    includes(
      text(shadow(element, '[part="outage"]')),
      'Lupapiste ei juuri nyt vastaa; rakennuslupien tiedot näytetään ajalta klo 10.42',
    );
  });
});
