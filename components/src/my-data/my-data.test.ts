import '../index.js';
import { storyClient } from '../../../stories/fixtures.js';
import type { Scenario } from '../../../stories/fixtures.js';
import type { KuntaMyData } from './my-data.js';
import {
  afterEach,
  assert,
  cleanup,
  describe,
  equal,
  expectAccessible,
  fixture,
  includes,
  it,
  settle,
  shadow,
  shadowAll,
  text,
  waitFor,
} from '../internal/testing.js';

const LANGS = ['fi', 'sv', 'en'] as const;
const IDENTITY_CODE_SHAPE = /\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]/;

async function widget(scenario: Scenario, lang = 'fi') {
  const element = document.createElement('kunta-my-data') as KuntaMyData;
  element.lang = lang;
  element.client = storyClient(scenario);
  await fixture(element);
  if (scenario !== 'loading') await waitFor(() => !shadow(element, '[part="loading"]'), 'loading to finish');
  await settle(element);
  return element;
}

describe('<kunta-my-data>', () => {
  afterEach(() => cleanup());

  for (const lang of LANGS) {
    for (const scenario of ['signed-out', 'loading', 'error', 'empty', 'list', 'guardian'] as const) {
      it(`${scenario} in ${lang}: no axe violations`, async () => {
        const element = await widget(scenario, lang);
        await expectAccessible(element);
        assert(!IDENTITY_CODE_SHAPE.test(text(element.shadowRoot)), 'no identity code');
      });
    }
  }

  it('says who used the data in plain language: when, which system, what, why', async () => {
    const element = await widget('list');
    const rows = shadowAll(element, '[part="entry"]').map((li) => text(li));
    equal(rows.length, 5);
    includes(
      rows[1],
      'Lupapiste (rakennusluvat) · hakemustesi ja asioidesi tilat · näytettiin sinulle tässä palvelussa',
    );
    // Helsinki time: 12:05 UTC less one hour is 13.05 in March.
    includes(rows[1], '13.05');
    includes(rows[3], 'osa järjestelmistä ei vastannut');
    includes(rows[4], 'poistettiin pyynnöstäsi');
    includes(text(shadow(element, '[part~="kept"]')), '906/2019');
    includes(text(shadow(element, '[part~="log"]')), 'Loki säilytetään 1825 päivää.');
  });

  it("a guardian sees the child's rows by the child's name, and older pages with focus on the first new row", async () => {
    const element = await widget('guardian', 'en');
    includes(text(shadowAll(element, '[part="entry"]')[2]), 'Child: Helmi · at a guardian’s request');
    shadow(element, '[part="more-button"]')!.click();
    await waitFor(() => shadowAll(element, '[part="entry"]').length === 7, 'the older page');
    await settle(element);
    equal(element.shadowRoot!.activeElement?.getAttribute('data-index'), '6');
    assert(!shadow(element, '[part="more-button"]'), 'no more pages');
    includes(text(shadow(element, '[role="status"]')), 'Showing 7 uses.');
  });

  it('downloads the JSON and a summary in the chosen language', async () => {
    const element = await widget('list', 'sv');
    const saved: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      saved.push(blob as Blob);
      return 'blob:test';
    };
    const click = HTMLAnchorElement.prototype.click;
    const names: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      const [json, summary] = shadowAll(element, '[part="download-button"]');
      json!.click();
      await waitFor(() => saved.length === 1, 'the JSON');
      await waitFor(() => !json!.matches('[aria-disabled="true"]'), 'the download to end');
      summary!.click();
      await waitFor(() => saved.length === 2, 'the summary');
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
    const exported = JSON.parse(await saved[0]!.text());
    assert(exported.data.consents.length === 1 && exported.accessLog.length === 5);
    const summaryText = await saved[1]!.text();
    includes(summaryText, 'Dina uppgifter i Kunta-Akkuna');
    includes(summaryText, 'Loggen över användningen av dina uppgifter kan inte raderas');
    assert(names[0]!.endsWith('.json') && names[1]!.endsWith('-sv.txt'), names.join());
    includes(text(shadow(element, '[role="status"]')), 'Nedladdningen är klar.');
  });

  it('removes the hidden suggestions, announces it, and keeps focus in the widget', async () => {
    const element = await widget('list');
    const calls: string[] = [];
    const client = element.client!;
    const remove = client.myData.remove.bind(client.myData);
    client.myData.remove = (kind, options) => {
      calls.push(kind);
      return remove(kind, options);
    };
    shadow(element, '[part="remove-button"][data-kind="dismissals"]')!.click();
    await waitFor(() => calls.length === 1, 'the removal');
    await waitFor(
      () => text(shadow(element, '[role="status"]')).includes('Piilotukset poistettu (1).'),
      'the announcement',
    );
    equal(calls[0], 'dismissals');
    await waitFor(() => element.shadowRoot!.activeElement?.id === 'actions-heading', 'focus on the section');
  });

  it('offers no removal of what there is none of, and never of the access log', async () => {
    const element = await widget('empty');
    equal(shadowAll(element, '[part="remove-button"]').length, 0);
    includes(text(shadow(element, '[part="empty"]')), 'Tietojasi ei ole vielä käytetty');
  });
});
