// The feed widget's model in Node: labels, grouping, the split between personal and general, windows, channels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FeedItem, Municipality, Service } from '@kunta-akkuna/sdk';
import {
  channelViews,
  consentOrganisation,
  displayNumber,
  formatHours,
  groupByLifeEvent,
  kindOf,
  ordered,
  splitFeed,
  telHref,
  windowText,
} from '../../components/src/service-feed/feed-model.js';
import en from '../../components/src/i18n/en.js';
import fi from '../../components/src/i18n/fi.js';
import sv from '../../components/src/i18n/sv.js';

const t3 = (fi: string) => ({ fi, sv: `${fi} sv`, en: `${fi} en` });
function item(fields: Partial<FeedItem>): FeedItem {
  return {
    id: 'x',
    kind: 'suggestion',
    title: t3('Otsikko'),
    body: t3('Teksti'),
    action: null,
    service: null,
    reason: null,
    priority: 10,
    validUntil: null,
    window: null,
    channels: [],
    caseId: null,
    personal: true,
    ...fields,
  };
}
const text = (value: { fi: string } | undefined) => value?.fi ?? '';
const safe = (href: string | undefined) => (href && /^https?:/.test(href) ? href : undefined);

describe('labels fit the item', () => {
  test('"suggestion" only on one made for this citizen; a catalogue entry is a service', () => {
    assert.equal(kindOf(item({})), 'suggestion');
    assert.equal(kindOf(item({ kind: 'service', personal: false })), 'service');
    // An older server sent catalogue entries as non-personal suggestions: still a service.
    assert.equal(kindOf(item({ kind: 'suggestion', personal: false })), 'service');
    assert.equal(kindOf(item({ kind: 'task' })), 'task');
    assert.equal(kindOf(item({ kind: 'notice', personal: false })), 'notice');
  });

  test('personal items, general services and notices are kept apart', () => {
    const parts = splitFeed([
      item({ id: 'p' }),
      item({ id: 's', kind: 'service', personal: false }),
      item({ id: 'n', kind: 'notice', personal: false }),
      item({ id: 't', kind: 'task' }),
    ]);
    assert.deepEqual(
      parts.personal.map((i) => i.id),
      ['p', 't'],
    );
    assert.deepEqual(
      parts.services.map((i) => i.id),
      ['s'],
    );
    assert.deepEqual(
      parts.notices.map((i) => i.id),
      ['n'],
    );
  });
});

describe('order and grouping', () => {
  test('highest priority first, stable; past validUntil left out', () => {
    const items = [
      item({ id: 'a', priority: 10 }),
      item({ id: 'b', priority: 50 }),
      item({ id: 'c', priority: 10 }),
      item({ id: 'old', priority: 99, validUntil: '2020-01-01T00:00:00Z' }),
    ];
    assert.deepEqual(
      ordered(items, Date.parse('2026-01-01')).map((i) => i.id),
      ['b', 'a', 'c'],
    );
  });

  test('general services by life event, named by the item or the catalogue; unknown ones last', () => {
    const catalogue = new Map<string, Service>([['s2', { lifeEvents: ['KE4.2'] } as Service]]);
    const groups = groupByLifeEvent(
      [
        item({ id: 'x', kind: 'service', personal: false }),
        item({ id: 'a', kind: 'service', personal: false, lifeEvent: { code: 'KE10', name: t3('Eläkkeelle') } }),
        item({ id: 'b', kind: 'service', personal: false, service: { id: 's2', name: t3('Muutto') } }),
      ],
      catalogue,
      { lifeEvent: fi.feed.lifeEvent, other: fi.feed.otherServices },
      text,
    );
    assert.deepEqual(
      groups.map((g) => [g.key, g.heading, g.items.map((i) => i.id).join()]),
      [
        ['KE10', 'Eläkkeelle', 'a'],
        ['KE4', 'Muuttaminen', 'b'],
        ['other', 'Muut palvelut', 'x'],
      ],
    );
  });
});

describe('windows say what they mean', () => {
  const enrolment = { kind: 'enrolment' as const, opens: '2027-01-01', closes: '2027-02-28' };
  test('the enrolment period, in each language', () => {
    assert.equal(windowText(enrolment, fi.feed.window, fi.$locale), 'Ilmoittautumisaika 1.1.2027–28.2.2027');
    assert.equal(windowText(enrolment, sv.feed.window, sv.$locale), 'Anmälningstid 1.1.2027–28.2.2027');
    assert.match(windowText(enrolment, en.feed.window, en.$locale), /^Enrolment period .*2027–.*2027$/);
  });
  test('only an opening day: "haku alkaa 1.3.2027"; only a last day: "hae viimeistään"', () => {
    const opens = { kind: 'application' as const, opens: '2027-03-01', closes: null };
    assert.equal(windowText(opens, fi.feed.window, fi.$locale), 'Haku alkaa 1.3.2027');
    const closes = { kind: 'enrolment' as const, opens: null, closes: '2026-07-31' };
    assert.equal(windowText(closes, fi.feed.window, fi.$locale), 'Ilmoittaudu viimeistään 31.7.2026');
    assert.equal(windowText(null, fi.feed.window, fi.$locale), '');
  });
});

describe('every service can be reached', () => {
  const words = fi.feed;
  test('service hours: consecutive days with the same hours joined, in the language', () => {
    const hours = [
      {
        kind: 'standard' as const,
        alwaysOpen: false,
        closed: false,
        days: [
          ...(['Monday', 'Tuesday', 'Wednesday', 'Thursday'] as const).map((from) => ({
            from,
            opens: '08:00',
            closes: '16:00',
          })),
          { from: 'Friday' as const, opens: '08:00', closes: '14:00' },
        ],
      },
      { kind: 'exceptional' as const, alwaysOpen: false, closed: true, days: [] },
    ];
    assert.deepEqual(formatHours(hours, fi.$locale, words), ['ma–to 8.00–16.00', 'pe 8.00–14.00']);
    assert.match(formatHours(hours, en.$locale, en.feed)[0] ?? '', /^Mon–Thu \S+–\S+$/);
    assert.match(formatHours(hours, sv.$locale, sv.feed)[0] ?? '', /^mån–tors /);
  });

  test('tel: links only for plain numbers; numbers grouped for reading', () => {
    assert.equal(telHref('+358 44 870 1977'), 'tel:+358448701977');
    assert.equal(telHref('javascript:alert(1)'), null);
    assert.equal(displayNumber('+358448701977'), '+358 44 870 1977');
  });

  test('channels: phone (not fax) with hours, visiting address, links; the action is not repeated', () => {
    const views = channelViews(
      item({
        action: { label: t3('Hae'), href: 'https://example.fi/form.pdf' },
        channels: [
          { id: 'p', type: 'Phone', name: t3('Neuvonta'), phones: [{ type: 'Fax', number: '+35881234567' }] },
          {
            id: 'q',
            type: 'Phone',
            name: t3('Tilaukset'),
            phones: [{ type: 'Phone', number: '+358448701977', info: 'arkisin' }],
            hours: [
              {
                kind: 'standard',
                alwaysOpen: false,
                closed: false,
                days: [{ from: 'Monday', to: 'Friday', opens: '08:00', closes: '12:00' }],
              },
            ],
          },
          { id: 'l', type: 'ServiceLocation', name: t3('Palvelupiste'), address: 'Kyöstintie 4, 84100 YLIVIESKA' },
          { id: 'f', type: 'PrintableForm', name: t3('Lomake'), url: 'https://example.fi/form.pdf' },
          { id: 'e', type: 'EChannel', name: t3('Verkossa'), url: 'https://example.fi/e' },
          { id: 'bad', type: 'WebPage', name: t3('Huono'), url: 'javascript:alert(1)' },
        ],
      }),
      null,
      { locale: fi.$locale, text, safeHref: safe, words },
      'https://example.fi/form.pdf',
    );
    assert.deepEqual(views, [
      {
        kind: 'phone',
        href: 'tel:+358448701977',
        number: '+358 44 870 1977',
        label: 'Tilaukset',
        info: 'arkisin',
        hours: ['ma–pe 8.00–12.00'],
      },
      { kind: 'address', address: 'Kyöstintie 4, 84100 YLIVIESKA', label: 'Palvelupiste', hours: [] },
      { kind: 'link', type: 'EChannel', href: 'https://example.fi/e', label: 'Verkossa' },
    ]);
  });

  test("an older server's item without channels takes them from the catalogue", () => {
    const old = item({ service: { id: 's', name: t3('S') } }) as Partial<FeedItem>;
    delete old.channels;
    const catalogue = new Map<string, Service>([
      ['s', { channels: [{ id: 'e', type: 'EChannel', name: t3('Verkossa'), url: 'https://e.fi' }] } as Service],
    ]);
    const views = channelViews(old as FeedItem, catalogue, { locale: fi.$locale, text, safeHref: safe, words });
    assert.deepEqual(
      views.map((v) => v.kind),
      ['link'],
    );
  });
});

describe('the organisation that asks for consent', () => {
  const settings = (fields: Partial<Municipality>) =>
    ({
      id: 'sievi',
      name: { fi: 'Sievi', sv: 'Sievi' },
      type: 'kunta',
      finnishCases: { genitive: 'Sievin' },
      ...fields,
    }) as Municipality;
  const text = (value: { fi?: string }) => value.fi ?? '';

  test('a kunta and a kaupunki are named by their own name, genitive and type', () => {
    assert.deepEqual(consentOrganisation(settings({}), text), { name: 'Sievi', genitive: 'Sievin', type: 'kunta' });
    const nivala = settings({
      name: { fi: 'Nivala', sv: 'Nivala' },
      type: 'kaupunki',
      finnishCases: { genitive: 'Nivalan' } as Municipality['finnishCases'],
    });
    assert.equal(fi.feed.consentIntro(consentOrganisation(nivala, text)).includes('Nivalan kaupunki käyttää'), true);
    assert.equal(sv.feed.consentIntro(consentOrganisation(settings({}), text)).includes('använder Sievi kommun'), true);
    assert.equal(
      en.feed.consentData(consentOrganisation(settings({}), text))[2]?.endsWith('the Municipality of Sievi'),
      true,
    );
  });

  test('before the settings load, or without type and cases, the generic words are used', () => {
    assert.equal(consentOrganisation(undefined, text), undefined);
    assert.equal(
      consentOrganisation(settings({ finnishCases: undefined as unknown as Municipality['finnishCases'] }), text),
      undefined,
    );
    assert.equal(fi.feed.consentIntro(undefined).includes('kunta käyttää'), true);
    assert.equal(sv.feed.consentIntro(undefined).includes('använder kommunen'), true);
  });
});
