import type { KuntaClient, NoticeInput, StaffNotice } from '@kunta-akkuna/sdk';
import { KuntaError } from '@kunta-akkuna/sdk';
import './notice-admin.js';
import { define } from '../internal/define.js';
import { KuntaNoticeAdmin } from './notice-admin.js';
import {
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  expectAccessible,
  fakeAuth,
  fixture,
  includes,
  it,
  settle,
  shadow,
  shadowAll,
  text,
  waitFor,
} from '../internal/testing.js';

define('kunta-notice-admin', KuntaNoticeAdmin);

const SETTINGS = JSON.stringify([
  {
    id: 'nivala',
    name: { fi: 'Nivala', sv: 'Nivala' },
    languages: ['fi', 'sv', 'en'],
    authority: 'https://idp.test',
    clientId: 'kunta-akkuna-admin',
    scope: 'openid profile',
    resource: 'urn:kunta-akkuna:staff',
  },
]);
const STAFF = { sub: 'staff-nivala', name: 'Nivalan tiedottaja', expiresAt: Date.now() + 600_000 };

function staffClient(signedIn: boolean, allowed = true) {
  const created: NoticeInput[] = [];
  const notices: StaffNotice[] = [];
  let refuse: KuntaError | null = null;
  const client = {
    baseUrl: 'https://api.test',
    municipalityId: 'nivala',
    auth: fakeAuth(signedIn ? STAFF : null),
    staff: {
      session: async () => ({
        sub: STAFF.sub,
        name: STAFF.name,
        municipalities: allowed
          ? [{ id: 'nivala', name: { fi: 'Nivala', sv: 'Nivala' }, languages: ['fi', 'sv', 'en'] }]
          : [],
      }),
      list: async () => ({ items: notices }),
      create: async (_m: string, input: NoticeInput) => {
        if (refuse) throw refuse;
        created.push(input);
        notices.push({
          ...(input as Omit<StaffNotice, 'id'>),
          id: `n-${created.length}`,
          kind: 'notice',
          topics: input.topics ?? [],
          visibleFrom: input.visibleFrom ?? input.startsAt,
          title: input.title as Record<string, string>,
          body: input.body as Record<string, string>,
          status: 'active',
          version: 1,
          createdAt: input.startsAt,
          updatedAt: input.startsAt,
        } as StaffNotice);
        return notices.at(-1)!;
      },
      changes: async () => ({
        items: [
          {
            id: 'c1',
            noticeId: 'n-1',
            action: 'created',
            actor: { sub: STAFF.sub, name: STAFF.name },
            occurredAt: new Date().toISOString(),
          },
        ],
      }),
    },
  } as unknown as KuntaClient;
  return { client, created, refuse: (error: KuntaError) => (refuse = error) };
}

async function mount(client: KuntaClient, lang = 'fi') {
  const element = document.createElement('kunta-notice-admin') as KuntaNoticeAdmin;
  element.lang = lang;
  element.settings = SETTINGS;
  element.client = client;
  await fixture(element);
  await settle(element);
  return element;
}

function fill(element: Element, name: string, value: string) {
  const field = shadow(element, `[name="${name}"]`) as HTMLInputElement;
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('kunta-notice-admin', () => {
  afterEach(() => cleanup());

  it('signed out: a sign-in button, in Finnish and Swedish, accessible', async () => {
    for (const [lang, label] of [
      ['fi', 'Kirjaudu sisään'],
      ['sv', 'Logga in'],
    ]) {
      const element = await mount(staffClient(false).client, lang);
      await waitFor(() => shadow(element, 'button'), 'the button');
      equal(text(shadow(element, 'button')), label);
      await expectAccessible(element);
      cleanup();
    }
  });

  it('signed in: the form asks for each language the municipality offers; accessible in fi and sv', async () => {
    for (const lang of ['fi', 'sv']) {
      const element = await mount(staffClient(true).client, lang);
      await waitFor(() => shadow(element, '[part="form"]'), 'the form');
      equal(shadowAll(element, 'input[name^="title-"][required]').length, 3);
      equal(shadowAll(element, 'textarea[name^="body-"][required]').length, 3);
      await expectAccessible(element);
      cleanup();
    }
  });

  it('a person without the role is told so and gets no form', async () => {
    const element = await mount(staffClient(true, false).client);
    await waitFor(() => shadow(element, '[part="error"]'), 'the refusal');
    includes(text(shadow(element, '[part="error"]')), 'ei ole oikeutta');
    assert(!shadow(element, '[part="form"]'));
  });

  it('previews and publishes, with Helsinki times sent as UTC, then lists it with its history', async () => {
    const fake = staffClient(true);
    const element = await mount(fake.client);
    await waitFor(() => shadow(element, '[part="form"]'), 'the form');
    (shadow(element, 'select[name="severity"]') as HTMLSelectElement).value = 'critical';
    shadow(element, 'select[name="severity"]')!.dispatchEvent(new Event('change'));
    for (const lang of ['fi', 'sv', 'en']) {
      fill(element, `title-${lang}`, `Vesikatko ${lang}`);
      fill(element, `body-${lang}`, `Vesi on poikki ${lang}`);
    }
    fill(element, 'topics', 'water KE4');
    fill(element, 'starts', '2026-12-05T08:00');
    fill(element, 'ends', '2026-12-05T12:00');
    await settle(element);
    shadowAll(element, 'button')
      .find((b) => text(b) === 'Esikatsele')!
      .click();
    await settle(element);
    includes(text(shadow(element, '[part="preview"]')), 'Tärkeä tiedote: Vesikatko fi');
    await expectAccessible(element);
    shadowAll(element, 'button')
      .find((b) => text(b) === 'Julkaise')!
      .click();
    await waitFor(() => fake.created.length === 1, 'the create call');
    const sent = fake.created[0]!;
    equal(sent.severity, 'critical');
    equal(sent.startsAt, '2026-12-05T06:00:00.000Z');
    equal(sent.endsAt, '2026-12-05T10:00:00.000Z');
    equal(JSON.stringify(sent.topics), '["water","KE4"]');
    await waitFor(() => shadow(element, '[part="list"]'), 'the list');
    includes(text(shadow(element, '[part="announcer"]')), 'Tiedote tallennettu');
    shadowAll(element, 'button')
      .find((b) => text(b).startsWith('Muutoshistoria'))!
      .click();
    await waitFor(() => shadow(element, '[part="history"]'), 'the history');
    includes(text(shadow(element, '[part="history"]')), 'Luotu: Nivalan tiedottaja');
    equal(element.shadowRoot!.activeElement?.id, 'history-n-1', 'focus on the history');
  });

  it("shows the server's reason when a save is refused, in an alert", async () => {
    const fake = staffClient(true);
    fake.refuse(new KuntaError({ code: 'KA_VALIDATION', status: 400, message: 'endsAt must be after startsAt' }));
    const element = await mount(fake.client);
    await waitFor(() => shadow(element, '[part="form"]'), 'the form');
    shadow(element, '[part="form"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(() => shadow(element, '[part="form"] [role="alert"]'), 'the alert');
    includes(text(shadow(element, '[part="form"] [role="alert"]')), 'endsAt must be after startsAt');
  });
});
