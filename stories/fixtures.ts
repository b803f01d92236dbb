// What the stories render, shared with the component test that runs axe on every story (components/src/stories.test.ts).
// Each widget gets a real SDK client (createClient) whose fetch is a fake API answering from the fixtures below, and a
// fake sign-in, so a story exercises the same code path as a page without a server. Language and municipal theme are
// Storybook globals (toolbar), so every story exists in fi, sv and en and in two themes.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { AuthenticationError, createClient } from '@kunta-akkuna/sdk';
import type {
  AccessLogPage,
  AuthStrategy,
  CaseList,
  Feed,
  KuntaClient,
  MyData,
  Notice,
  ServiceList,
  SessionUser,
} from '@kunta-akkuna/sdk';
import { define } from '../components/src/internal/define.js';
import { KuntaProvider } from '../components/src/provider/provider.js';
import { KuntaLogin } from '../components/src/login/login.js';
import { KuntaCaseStatus } from '../components/src/case-status/case-status.js';
import { KuntaServiceFeed } from '../components/src/service-feed/service-feed.js';
import { KuntaNotices } from '../components/src/notices/notices.js';
import { KuntaMyData } from '../components/src/my-data/my-data.js';

define('kunta-provider', KuntaProvider);
define('kunta-login', KuntaLogin);
define('kunta-case-status', KuntaCaseStatus);
define('kunta-service-feed', KuntaServiceFeed);
define('kunta-notices', KuntaNotices);
define('kunta-my-data', KuntaMyData);

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The municipal themes: a municipality's tokens as the API returns them (GET /v1/municipalities/{id}). */
export const THEMES = {
  default: { municipality: 'nivala', name: { fi: 'Nivala', sv: 'Nivala' }, tokens: {} },
  kalajoki: {
    municipality: 'kalajoki',
    name: { fi: 'Kalajoki', sv: 'Kalajoki' },
    // As in server/config/municipalities/kalajoki.json: primary colour, serif font, round corners, spacious.
    tokens: {
      '--kunta-color-primary': '#00646e',
      '--kunta-color-focus': '#00646e',
      '--kunta-color-background': '#fffdf6',
      '--kunta-color-surface': '#f3efe4',
      '--kunta-font-family': 'Georgia, "Times New Roman", serif',
      '--kunta-radius': '0.75em',
      '--kunta-space-m': '1.25em',
      '--kunta-space-l': '2em',
    } as Record<string, string>,
  },
} as const;
export type ThemeName = keyof typeof THEMES;

/** What the fake API and sign-in do. */
export type Scenario =
  | 'signed-out' // nobody signed in; public data only
  | 'loading' // the data requests never answer
  | 'empty' // signed in, nothing to show
  | 'list' // signed in, data from every source
  | 'partial' // signed in, one source stale and one unavailable
  | 'error' // signed in, the API answers 503
  | 'signed-in' // login: signed in
  | 'checking' // login: the session check never finishes
  | 'sign-in-failed' // login: the identity provider sent an error back
  | 'sign-in-cancelled' // login: the citizen pressed Cancel at the identity provider (access_denied)
  | 'no-consent' // service feed: signed in, personal suggestions not allowed yet
  | 'nothing-personal' // service feed: consent given, no rule applies (Liisa): general services only
  | 'channels' // service feed: suggestions with PTV channels (phone and hours, address, form) and an offer window
  | 'mixed' // case status: cases in every group, in the API's newest-first order
  | 'notices-info' // notices: one info notice
  | 'notices-warning' // notices: a warning
  | 'notices-critical' // notices: a critical notice (announced, cannot be hidden)
  | 'notices-planned' // notices: a planned Lupapiste break, shown before it starts
  | 'notices-outage' // notices: Lupapiste has not answered for a while
  | 'notices-several' // notices: several at once, most severe first
  | 'notices-offline' // notices: the API does not answer; the copy saved in the browser, "as of"
  | 'notices-failed' // notices: the API does not answer and nothing is saved
  | 'guardian'; // my data: a guardian's view, with a child's rows and more pages

export interface StoryGlobals {
  lang?: Language;
  theme?: ThemeName;
}

const NOW = '2026-03-12T12:05:00Z';
const API = 'https://api.kunta-akkuna.example';
export const MAIJA: SessionUser = { sub: 'pseudo-maija', name: 'Maija Meikäläinen', expiresAt: null };

function fakeAuth(scenario: Scenario): AuthStrategy {
  const user = ['signed-out', 'sign-in-failed', 'sign-in-cancelled'].includes(scenario) ? null : MAIJA;
  const never = () => new Promise<never>(() => undefined);
  return {
    getUser: async () => user,
    signIn: never,
    handleCallback: async () => {
      if (scenario === 'checking') return never();
      if (scenario === 'sign-in-failed') {
        throw new AuthenticationError({ code: 'KA_SIGNIN_FAILED', message: 'Sign-in did not complete' });
      }
      if (scenario === 'sign-in-cancelled') {
        throw new AuthenticationError({ code: 'KA_SIGNIN_CANCELLED', message: 'Sign-in was cancelled' });
      }
      return user;
    },
    signOut: async () => undefined,
    authorize: async () => (user ? { Authorization: 'Bearer story' } : null),
    subscribe: () => () => undefined,
  };
}

const text = (fi: string, sv: string, en: string) => ({ fi, sv, en });

function sources(scenario: Scenario, ids: string[]) {
  return ids.map((id, index) =>
    scenario !== 'partial' || index > 1
      ? { id, status: 'ok' as const, fetchedAt: NOW }
      : index === 0
        ? { id, status: 'stale' as const, fetchedAt: '2026-03-12T09:40:00Z' }
        : { id, status: 'unavailable' as const, fetchedAt: null },
  );
}

function cases(scenario: Scenario): CaseList {
  const items: CaseList['items'] = [
    {
      id: 'lupapiste:LP-535-2026-00012',
      source: 'lupapiste',
      type: 'building_permit',
      title: text('Omakotitalon rakennuslupa', 'Bygglov för egnahemshus', 'Building permit for a house'),
      status: 'action_required',
      sourceStatus: 'complementNeeded',
      timeline: [
        { at: '2026-02-01T08:00:00Z', status: 'submitted', label: text('Jätetty', 'Inlämnad', 'Submitted') },
        {
          at: NOW,
          status: 'action_required',
          label: text('Täydennyspyyntö', 'Begäran om komplettering', 'Complement requested'),
        },
      ],
      nextStep: text('Lisää puuttuvat liitteet.', 'Lägg till bilagorna som fattas.', 'Add the missing attachments.'),
      actions: [
        {
          label: text('Täydennä hakemusta', 'Komplettera ansökan', 'Complete the application'),
          href: 'https://lupapiste.example/app/LP-535-2026-00012',
        },
      ],
      subject: { kind: 'self' },
      updatedAt: NOW,
    },
    {
      id: 'lupapiste:LP-535-2026-00013',
      source: 'lupapiste',
      type: 'building_permit',
      title: text('Saunan rakennuslupa', 'Bygglov för bastu', 'Building permit for a sauna'),
      status: 'in_progress',
      sourceStatus: 'underReview',
      timeline: [],
      nextStep: null,
      actions: [],
      subject: { kind: 'self' },
      updatedAt: '2026-01-15T22:30:00Z',
    },
  ];
  if (scenario === 'mixed') {
    // Newest first from the API; the widget puts the one that needs the citizen first.
    const [action, progress] = items;
    items.splice(
      0,
      items.length,
      {
        ...progress!,
        id: 'lupapiste:LP-535-2026-00020',
        title: text('Autotallin rakennuslupa', 'Bygglov för garage', 'Building permit for a garage'),
        status: 'decided',
        sourceStatus: 'verdictGiven',
        updatedAt: NOW,
      },
      progress!,
      action!,
    );
  }
  return {
    items: scenario === 'empty' ? [] : items,
    sources: sources(scenario, ['lupapiste', 'facta', 'evaka']),
  } as CaseList;
}

function feed(scenario: Scenario, personal: boolean): Feed {
  const general: Feed['items'] = [
    {
      id: 'notice-water',
      kind: 'notice',
      title: text('Vesikatko Kalliontiellä', 'Vattenavbrott på Kalliontie', 'Water cut on Kalliontie'),
      body: text('Torstaina klo 9–12.', 'På torsdag kl. 9–12.', 'On Thursday 9–12.'),
      action: null,
      service: null,
      reason: null,
      priority: 90,
      validUntil: '2026-03-20T00:00:00Z',
      window: null,
      channels: [],
      caseId: null,
      personal: false,
    },
    {
      id: 'service-early-education',
      kind: 'service',
      title: text('Varhaiskasvatus', 'Småbarnspedagogik', 'Early childhood education'),
      body: text('Hae paikkaa neljä kuukautta ennen.', 'Ansök fyra månader innan.', 'Apply four months ahead.'),
      action: {
        label: text('Hae varhaiskasvatukseen', 'Ansök om småbarnspedagogik', 'Apply for early education'),
        href: 'https://evaka.example/hae',
      },
      service: { id: 'ptv-early-education', name: text('Varhaiskasvatus', 'Småbarnspedagogik', 'Early education') },
      reason: null,
      priority: 50,
      validUntil: null,
      window: null,
      channels: [],
      caseId: null,
      personal: false,
      lifeEvent: { code: 'KE1', name: text('Lapsen saaminen', 'Att få barn', 'Having a child') },
    },
  ];
  const own: Feed['items'] = [
    {
      id: 'task-complement',
      kind: 'task',
      title: text('Täydennä rakennuslupahakemusta', 'Komplettera bygglovsansökan', 'Complete your permit application'),
      body: text('Rakennusvalvonta pyytää liitteitä.', 'Byggnadstillsynen ber om bilagor.', 'Attachments requested.'),
      action: {
        label: text('Avaa hakemus', 'Öppna ansökan', 'Open the application'),
        href: 'https://lupapiste.example/app',
      },
      service: null,
      reason: {
        ruleId: 'permit-complement',
        ruleVersion: '1',
        explanation: text(
          'Hakemuksestasi puuttuu liitteitä.',
          'Din ansökan saknar bilagor.',
          'Your application is missing attachments.',
        ),
        dataUsed: [text('Rakennuslupahakemuksesi tila', 'Status för din bygglovsansökan', 'Your permit status')],
        legalBasis: text('Suostumuksesi', 'Ditt samtycke', 'Your consent'),
      },
      priority: 100,
      validUntil: null,
      window: null,
      channels: [],
      caseId: null,
      personal: true,
    },
  ];
  const items =
    scenario === 'empty'
      ? []
      : scenario === 'channels'
        ? [...reachable(), ...general]
        : personal && scenario !== 'nothing-personal'
          ? [...own, ...general]
          : general;
  return { items, sources: sources(scenario, ['rules', 'ptv', 'lupapiste']) };
}

/** Aino's suggestions as the server sends them: PTV's channels, and the real window of what is suggested. */
function reachable(): Feed['items'] {
  const base = {
    body: text('Lämmin ateria kotiin arkisin.', 'En varm måltid hem på vardagar.', 'A warm meal at home on weekdays.'),
    action: null as Feed['items'][number]['action'],
    service: { id: 'ptv-meals', name: text('Ateriapalvelu', 'Måltidsservice', 'Meal service') },
    reason: {
      ruleId: 'senior-meal-service',
      ruleVersion: '1',
      explanation: text('Olet 78-vuotias.', 'Du är 78 år.', 'You are 78.'),
      dataUsed: [text('syntymäaikasi', 'ditt födelsedatum', 'your date of birth')],
      legalBasis: text('Suostumuksesi', 'Ditt samtycke', 'Your consent'),
    },
    validUntil: null as string | null,
    caseId: null as string | null,
    personal: true,
  } satisfies Partial<Feed['items'][number]>;
  const weekdays = (opens: string, closes: string) => [
    {
      kind: 'standard' as const,
      alwaysOpen: false,
      closed: false,
      days: [{ from: 'Monday' as const, to: 'Friday' as const, opens, closes }],
    },
  ];
  return [
    {
      ...base,
      id: 'meals',
      kind: 'suggestion',
      title: text('Ateriapalvelu kotiin', 'Måltidsservice hem', 'Meals delivered to your home'),
      priority: 64,
      window: null,
      channels: [
        {
          id: 'meal-phone',
          type: 'Phone',
          name: text('Ateriapalvelun tilaukset', 'Beställning av måltidsservice', 'Meal service orders'),
          phone: '+358448701977',
          phones: [{ type: 'Phone', number: '+358448701977' }],
          hours: weekdays('08:00', '12:00'),
        },
        {
          id: 'service-point',
          type: 'ServiceLocation',
          name: text('Palvelupiste', 'Servicepunkt', 'Service point'),
          address: 'Kyöstintie 4, 84100 YLIVIESKA',
          hours: weekdays('09:00', '15:00'),
        },
        {
          id: 'transport-form',
          type: 'PrintableForm',
          name: text('Hakemuslomake', 'Ansökningsblankett', 'Application form'),
          url: 'https://pohde.example/lomakkeet/ateriapalvelu.pdf',
        },
      ],
    },
    {
      ...base,
      id: 'voucher',
      kind: 'suggestion',
      title: text(
        'Kesätyöseteli: haku alkaa 1.3.2027',
        'Sommarjobbssedel: ansökan börjar 1.3.2027',
        'Summer job voucher: applications open on 1 March 2027',
      ),
      priority: 72,
      window: { kind: 'application', opens: '2027-03-01', closes: '2027-08-31' },
      channels: [
        {
          id: 'voucher-e',
          type: 'EChannel',
          name: text('Kesätyösetelihakemus', 'Ansökan om sommarjobbssedel', 'Voucher application'),
          url: 'https://asiointi.example/kesatyoseteli',
        },
      ],
    },
  ];
}

function services(): ServiceList {
  return {
    items: [
      {
        id: 'ptv-early-education',
        name: text('Varhaiskasvatus', 'Småbarnspedagogik', 'Early childhood education'),
        summary: text('Päivähoito lapsille.', 'Dagvård för barn.', 'Day care for children.'),
        description: text('', '', ''),
        lifeEvents: ['KE2'],
        targetGroups: [],
        serviceClasses: [],
        keywords: [],
        channels: [],
      },
    ],
    sources: [{ id: 'ptv', status: 'ok', fetchedAt: NOW }],
  };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });

/** Never answers; rejects when the request is aborted, as fetch does. */
const hang = (signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** The access log of one scenario: Maija's own rows, and in `guardian` her child's too, with a next page. */
function accessLog(scenario: Scenario, cursor: string | null): AccessLogPage {
  if (scenario === 'empty') return { items: [], nextCursor: null };
  const row = (i: number, fields: Partial<AccessLogPage['items'][number]> = {}): AccessLogPage['items'][number] => ({
    id: `019aeb12-0000-7000-8000-${String(i).padStart(12, '0')}`,
    at: new Date(Date.parse(NOW) - i * 3_600_000).toISOString(),
    subject: { kind: 'self' },
    onBehalfOf: 'you',
    sources: ['lupapiste'],
    controller: 'nivala',
    dataCategory: 'cases',
    purpose: 'citizen_own_data',
    outcome: 'disclosed',
    ...fields,
  });
  if (cursor)
    return {
      items: [row(20, { purpose: 'proactive_feed', sources: ['population'], dataCategory: 'life_situation' })],
      nextCursor: null,
    };
  const items = [
    row(0, { sources: [], dataCategory: 'access_log', purpose: 'data_subject_rights' }),
    row(1),
    row(2, { sources: [], dataCategory: 'consent' }),
    row(3, { sources: ['evaka', 'population'], outcome: 'disclosed_partial' }),
    row(4, { sources: [], dataCategory: 'dismissals', outcome: 'deleted', purpose: 'data_subject_rights' }),
  ];
  if (scenario === 'guardian') {
    items.splice(
      2,
      0,
      row(1.5, { subject: { kind: 'child', givenName: 'Helmi' }, onBehalfOf: 'guardian', sources: ['evaka'] }),
    );
  }
  return { items, nextCursor: scenario === 'guardian' ? 'next' : null };
}

function myData(scenario: Scenario): MyData {
  const retention = { accessLogDays: 1825, consentHistoryDays: 1095, dismissalDays: 365 };
  if (scenario === 'empty') {
    return {
      consents: [],
      dismissals: [],
      savedCopies: [],
      settings: [],
      accessLog: { rows: 0, removable: false },
      retention,
    };
  }
  return {
    consents: [
      {
        municipality: 'nivala',
        granted: true,
        textVersion: 'feed-consent-1',
        grantedAt: '2026-03-01T08:00:00Z',
        history: [
          { action: 'granted', textVersion: 'feed-consent-1', at: '2026-02-01T08:00:00Z' },
          { action: 'withdrawn', textVersion: null, at: '2026-02-10T08:00:00Z' },
          { action: 'granted', textVersion: 'feed-consent-1', at: '2026-03-01T08:00:00Z' },
        ],
      },
    ],
    dismissals: [{ itemId: 'notice.water-break', dismissedAt: '2026-03-10T08:00:00Z' }],
    savedCopies: [
      { municipality: 'nivala', source: 'lupapiste', fetchedAt: NOW, expiresAt: '2026-03-13T00:05:00Z' },
      { municipality: 'nivala', source: 'evaka', fetchedAt: NOW, expiresAt: '2026-03-13T00:05:00Z' },
    ],
    settings: [],
    accessLog: { rows: 6, removable: false },
    retention,
  };
}

/** The fake API: the same routes and formats as the server (docs/contracts.md), answered from the fixtures. */
export function fakeFetch(scenario: Scenario, theme: ThemeName = 'default'): typeof fetch {
  const { municipality, name, tokens } = THEMES[theme];
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    const method = request.method;
    if (path === `/v1/municipalities/${municipality}`) {
      return json({
        id: municipality,
        code: '000',
        name,
        languages: ['fi', 'sv', 'en'],
        defaultLanguage: 'fi',
        theme: { tokens },
        widgets: ['kunta-login', 'kunta-case-status', 'kunta-service-feed', 'kunta-notices', 'kunta-my-data'],
        auth: {
          authority: 'https://idp.example',
          clientId: `kunta-akkuna-${municipality}`,
          scope: 'openid',
          resource: API,
        },
      });
    }
    if (path === '/v1/me/events' || scenario === 'loading') return hang(request.signal);
    if (path === `/v1/municipalities/${municipality}/notices`) {
      if (scenario === 'notices-offline' || scenario === 'notices-failed') throw new TypeError('Failed to fetch');
      return json({ items: notices(scenario), generatedAt: new Date().toISOString() });
    }
    if (scenario === 'error') {
      return json(
        { type: 'about:blank', title: 'Service unavailable', status: 503, code: 'KA_UNAVAILABLE', instance: 'story' },
        503,
        'application/problem+json',
      );
    }
    if (method === 'GET' && path === '/v1/me/cases') return json(cases(scenario));
    if (method === 'GET' && path === '/v1/me/consent') {
      const granted = scenario !== 'no-consent';
      return json({ granted, textVersion: granted ? '1' : null, grantedAt: granted ? NOW : null });
    }
    if (method === 'GET' && path === '/v1/me/feed') return json(feed(scenario, true));
    if (method === 'GET' && path === `/v1/municipalities/${municipality}/feed`) return json(feed(scenario, false));
    if (method === 'GET' && path === `/v1/municipalities/${municipality}/services`) return json(services());
    if (method === 'GET' && path === '/v1/me/access-log') {
      return json(accessLog(scenario, new URL(request.url).searchParams.get('cursor')));
    }
    if (method === 'GET' && path === '/v1/me/data') return json(myData(scenario));
    if (method === 'GET' && path === '/v1/me/data/export') {
      return json({ generatedAt: NOW, data: myData(scenario), accessLog: accessLog(scenario, null).items });
    }
    if (method === 'DELETE' && path.startsWith('/v1/me/data/')) return json({ kind: path.slice(12), removed: 1 });
    if (method === 'PUT' && path === '/v1/me/consent') return json({ granted: true, textVersion: '1', grantedAt: NOW });
    if (method !== 'GET') return json(null, 204);
    return json({ type: 'about:blank', title: 'Not found', status: 404, code: 'KA_NOT_FOUND', instance: 'story' }, 404);
  };
}

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const text3 = (fi: string, sv: string, en: string) => ({ fi, sv, en });

/** The municipality's notices per scenario; times relative to now, as the widget shows only current ones. */
export function notices(scenario: Scenario): Notice[] {
  const base = {
    kind: 'notice' as const,
    topics: [] as string[],
    visibleFrom: at(-hour),
    startsAt: at(-hour),
    endsAt: at(5 * hour),
    updatedAt: at(-hour),
  };
  const info: Notice = {
    ...base,
    id: 'library',
    severity: 'info',
    title: text3('Kirjasto suljettu perjantaina', 'Biblioteket stängt på fredag', 'Library closed on Friday'),
    body: text3(
      'Pääkirjasto on suljettu henkilöstökoulutuksen vuoksi.',
      'Huvudbiblioteket är stängt på grund av personalutbildning.',
      'The main library is closed for staff training.',
    ),
  };
  const warning: Notice = {
    ...base,
    id: 'roads',
    severity: 'warning',
    title: text3('Liukasta kevyen liikenteen väylillä', 'Halt på gång- och cykelvägarna', 'Slippery footpaths'),
    body: text3('Hiekoitus on käynnissä.', 'Sandningen pågår.', 'Gritting is under way.'),
  };
  const critical: Notice = {
    ...base,
    id: 'water',
    severity: 'critical',
    title: text3('Vesikatko keskustassa', 'Vattenavbrott i centrum', 'Water cut in the centre'),
    body: text3(
      'Älä juo vesijohtovettä ennen tiedotetta. Vesipiste on torilla.',
      'Drick inte kranvatten förrän vidare. Vattenpost på torget.',
      'Do not drink tap water until further notice. Water point at the market square.',
    ),
    link: { href: 'https://www.nivala.fi/vesi' },
    topics: ['water'],
  };
  const planned: Notice = {
    ...base,
    id: 'lupapiste-break',
    severity: 'warning',
    title: text3('Lupapisteen huoltokatko', 'Serviceavbrott i Lupapiste', 'Lupapiste maintenance break'),
    body: text3(
      'Rakennuslupien tiedot eivät päivity katkon aikana.',
      'Uppgifterna om bygglov uppdateras inte under avbrottet.',
      'Building permit information is not updated during the break.',
    ),
    topics: ['lupapiste'],
    startsAt: at(20 * hour),
    endsAt: at(24 * hour),
  };
  const outage: Notice = {
    ...base,
    id: 'outage.lupapiste',
    kind: 'outage',
    severity: 'warning',
    title: { en: 'lupapiste is not answering' },
    body: { en: 'Information from lupapiste is shown as it was when it last answered.' },
    topics: ['lupapiste'],
    source: 'lupapiste',
    dataAsOf: at(-20 * 60_000),
  };
  switch (scenario) {
    case 'notices-info':
      return [info];
    case 'notices-warning':
      return [warning];
    case 'notices-critical':
      return [critical];
    case 'notices-planned':
      return [planned];
    case 'notices-outage':
      return [outage];
    case 'notices-several':
    case 'notices-offline':
      return [info, critical, warning];
    default:
      return [];
  }
}

/** A client for one story: real SDK, fake API and sign-in. */
export function storyClient(scenario: Scenario, theme: ThemeName = 'default'): KuntaClient {
  return createClient({
    baseUrl: API,
    municipality: THEMES[theme].municipality,
    auth: fakeAuth(scenario),
    fetch: fakeFetch(scenario, theme),
    maxRetries: 0,
  });
}

export type WidgetTag = 'kunta-login' | 'kunta-case-status' | 'kunta-service-feed' | 'kunta-notices' | 'kunta-my-data';

/** One widget in one scenario, language and theme. */
export function renderWidget(tag: WidgetTag, scenario: Scenario, globals: StoryGlobals = {}): TemplateResult {
  const lang = globals.lang ?? 'fi';
  const client = storyClient(scenario, globals.theme ?? 'default');
  switch (tag) {
    case 'kunta-login':
      return html`<kunta-login lang=${lang} .client=${client}></kunta-login>`;
    case 'kunta-case-status':
      return html`<kunta-case-status lang=${lang} heading-level="2" .client=${client}></kunta-case-status>`;
    case 'kunta-service-feed':
      return html`<kunta-service-feed lang=${lang} heading-level="2" .client=${client}></kunta-service-feed>`;
    case 'kunta-notices':
      if (scenario === 'notices-offline') saveNotices(client, notices(scenario));
      if (scenario === 'notices-failed') localStorage.removeItem(noticesKey(client));
      return html`<kunta-notices lang=${lang} heading-level="2" .client=${client}></kunta-notices>`;
    case 'kunta-my-data':
      return html`<kunta-my-data lang=${lang} heading-level="2" .client=${client}></kunta-my-data>`;
  }
}

/** What <kunta-notices> would have saved on an earlier visit (its storage key and format, internal/notice-watch.ts). */
function saveNotices(client: KuntaClient, items: Notice[]): void {
  localStorage.setItem(noticesKey(client), JSON.stringify({ items, fetchedAt: Date.now() - 15 * 60_000 }));
}

function noticesKey(client: KuntaClient): string {
  return `kunta-akkuna:notices:v1:${client.baseUrl}|${client.municipalityId}`;
}
