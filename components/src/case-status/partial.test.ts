/**
 * A source that answered but left rows out (`status: 'partial'`, `omitted: n`, issue #11 "one bad row is not a
 * dead source"): the widget says so in words, in Finnish, Swedish and English, shows the cases that did arrive,
 * tells the live region, and stays free of axe violations.
 */
import type { CaseList } from '@kunta-akkuna/sdk';
import '../index.js';
import type { KuntaCaseStatus } from './case-status.js';
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
  sampleList,
  settle,
  shadow,
  shadowAll,
  text,
  waitFor,
} from '../internal/testing.js';

function widget(lang: string) {
  const element = document.createElement('kunta-case-status');
  element.lang = lang;
  return element;
}

async function loaded(element: KuntaCaseStatus) {
  await waitFor(() => !shadow(element, '[part="loading"]'), 'loading to finish');
  await settle(element);
}

function partialList(omitted: number): CaseList {
  const list = sampleList();
  list.sources = [
    { id: 'lupapiste', status: 'ok', fetchedAt: '2026-03-12T08:42:00Z' },
    { id: 'generic', status: 'partial', fetchedAt: '2026-03-12T08:42:00Z', omitted },
  ];
  return list;
}

describe('kunta-case-status: a partial source', () => {
  afterEach(() => cleanup());

  it('says how many cases of which system cannot be shown, in fi, sv and en, and shows the rest', async () => {
    const expected: Record<string, { one: string; many: string; announcement: string }> = {
      fi: {
        one: 'Asiankäsittelyjärjestelmä: yhtä asiaa ei voida näyttää, koska sen tiedot ovat puutteelliset. Muut asiat näytetään.',
        many: 'Asiankäsittelyjärjestelmä: 3 asiaa ei voida näyttää',
        announcement: 'Osa tiedoista puuttuu',
      },
      sv: {
        one: 'Ärendehanteringssystemet: ett ärende kan inte visas eftersom uppgifterna är ofullständiga. Övriga ärenden visas.',
        many: 'Ärendehanteringssystemet: 3 ärenden kan inte visas',
        announcement: 'En del uppgifter saknas',
      },
      en: {
        one: 'Case system: one case cannot be shown because the data is incomplete. The other cases are shown.',
        many: 'Case system: 3 cases cannot be shown',
        announcement: 'Some information is missing',
      },
    };
    for (const [lang, words] of Object.entries(expected)) {
      for (const omitted of [1, 3]) {
        const element = widget(lang);
        element.client = fakeClient(fakeAuth(MAIJA), async () => partialList(omitted));
        await fixture(element);
        await loaded(element);
        const notices = shadowAll(element, '[part="notice"]').map(text);
        equal(notices.length, 1, `${lang}: only the partial source has a notice`);
        if (omitted === 1) equal(notices[0], words.one, `${lang}, one left out`);
        else includes(notices[0] ?? '', words.many, `${lang}, several left out`);
        includes(text(shadow(element, '[role="status"]')), words.announcement, `${lang}: the live region says it`);
        equal(shadowAll(element, 'li[part~="case"]').length, 2, `${lang}: the cases that arrived are shown`);
        const list = shadow(element, '[part="list"]')!;
        const notice = shadow(element, '[part="notice"]')!;
        assert(
          notice.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING,
          `${lang}: the notice comes before the list`,
        );
        await expectAccessible(element);
        cleanup();
      }
    }
  });
});
