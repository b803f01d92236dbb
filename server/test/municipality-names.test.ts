// Every municipality speaks correctly of itself: its type, the Finnish cases of its name, and every text that
// names it, for all eleven in Finnish and Swedish (and English where we have it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { municipalityPage, PAGE_LANGUAGES } from '../../demo/municipality-page.js';
import { evaluateRules } from '../src/rules/evaluate.js';
import { loadRulePack } from '../src/rules/load-rule-pack.js';
import { applyOverrides } from '../src/rules/overrides.js';
import { render, type TemplateVars } from '../src/rules/templates.js';
import type { LocalizedText } from '../src/schemas/common.js';
import { loadMunicipalities } from '../src/tenants/load-municipalities.js';
import type { MunicipalityConfig } from '../src/tenants/municipality-config.js';
import { municipalityName } from '../src/tenants/municipality-names.js';

const municipalities = loadMunicipalities({ env: {} });

// The organisation names of vrk-kpa/ptv-releases src/PTV.ExternalSources/Resources/Municipality.json
// (reference/backends.md §1.10): the genitive and the type of each name must give exactly these.
const ORGANISATIONS: Record<string, string> = {
  alavieska: 'Alavieskan kunta',
  haapajarvi: 'Haapajärven kaupunki',
  haapavesi: 'Haapaveden kaupunki',
  kalajoki: 'Kalajoen kaupunki',
  karsamaki: 'Kärsämäen kunta',
  muhos: 'Muhoksen kunta',
  nivala: 'Nivalan kaupunki',
  oulainen: 'Oulaisten kaupunki',
  pyhajoki: 'Pyhäjoen kunta',
  sievi: 'Sievin kunta',
  ylivieska: 'Ylivieskan kaupunki',
};

/**
 * Where the bare nominative name may stand: as the predicate ("kotikuntasi on Kalajoki", "din hemkommun är
 * Kalajoki"), after a Swedish preposition ("i/till/från Kalajoki", Swedish does not inflect it), before the
 * Swedish type word ("Kalajoki stad"), after the English "of", or as a sentence of its own. Everywhere else a
 * Finnish text needs a case ("Tervetuloa Kalajoelle", not "Tervetuloa, Kalajoki").
 */
const NOMINATIVE_BEFORE: Record<'fi' | 'sv', RegExp> = {
  fi: /(?:^|\s)(?:on|on nyt)\s$/u,
  sv: /(?:^|\s)(?:i|till|från|är|nu är)\s$/u,
};
const NOMINATIVE_AFTER_SV = /^\s(?:stad|kommun)\b/u;

/** The places in `text` where `name` stands in the nominative without a context that allows it. */
function bareNominatives(text: string, name: string, lang: 'fi' | 'sv'): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'gu');
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + name.length);
    const allowed =
      NOMINATIVE_BEFORE[lang].test(before) ||
      (lang === 'sv' && NOMINATIVE_AFTER_SV.test(after)) ||
      (/^[.!?]?$/.test(after.trim()) && before.trim() === '');
    if (!allowed) found.push(`…${before.slice(-30)}[${name}]${after.slice(0, 20)}…`);
  }
  return found;
}

/** Every text of the rule pack that names the municipality, rendered for `m` (other placeholders as samples). */
function ruleTexts(m: MunicipalityConfig): { where: string; text: LocalizedText }[] {
  const pack = loadRulePack();
  const vars: TemplateVars = {
    municipality: { municipality: m },
    childName: { text: 'Eino' },
    age: { text: '15' },
    caseTitle: { localized: { fi: 'Hakemus', sv: 'Ansökan', en: 'Application' } },
    caseStatus: { localized: { fi: 'Käsittelyssä', sv: 'Under behandling', en: 'In progress' } },
    nextStep: { localized: { fi: 'Odota', sv: 'Vänta', en: 'Wait' } },
  };
  const withDates = (names: string[]): TemplateVars =>
    Object.fromEntries(names.map((name) => [name, { date: '2027-03-01' }]));
  const out: { where: string; text: LocalizedText }[] = [];
  for (const rule of pack.rules) {
    const all = { ...vars, ...withDates(['trigger', 'validUntil', ...Object.keys(rule.dates ?? {})]) };
    const texts: [string, LocalizedText][] = [
      [`${rule.id}/explanation`, rule.explanation],
      ...rule.phases.flatMap((p): [string, LocalizedText][] => [
        [`${rule.id}/${p.id}/title`, p.title],
        [`${rule.id}/${p.id}/body`, p.body],
      ]),
    ];
    for (const [where, template] of texts) {
      if (/\{municipality/.test(JSON.stringify(template))) out.push({ where, text: render(template, all) });
    }
  }
  return out;
}

describe('each municipality names itself correctly', () => {
  test('all eleven have the type and Finnish genitive of their organisation name in PTV', () => {
    assert.equal(municipalities.length, 11);
    for (const m of municipalities) {
      assert.equal(municipalityName(m, 'fi', 'organisation'), ORGANISATIONS[m.id], m.id);
    }
    assert.equal(municipalities.find((m) => m.id === 'sievi')?.type, 'kunta');
    assert.equal(municipalities.find((m) => m.id === 'pyhajoki')?.type, 'kunta');
  });

  test('the cases follow each name (Kalajoella, Nivalassa, Oulaisissa) and Swedish uses the name as is', () => {
    const byId = new Map(municipalities.map((m) => [m.id, m]));
    const forms = (id: string) => {
      const m = byId.get(id)!;
      return [m.finnishCases.inessive, m.finnishCases.elative, m.finnishCases.illative];
    };
    assert.deepEqual(forms('kalajoki'), ['Kalajoella', 'Kalajoelta', 'Kalajoelle']);
    assert.deepEqual(forms('nivala'), ['Nivalassa', 'Nivalasta', 'Nivalaan']);
    assert.deepEqual(forms('oulainen'), ['Oulaisissa', 'Oulaisista', 'Oulaisiin']);
    assert.deepEqual(forms('haapajarvi'), ['Haapajärvellä', 'Haapajärveltä', 'Haapajärvelle']);
    assert.deepEqual(forms('sievi'), ['Sievissä', 'Sievistä', 'Sieviin']);
    for (const m of municipalities) {
      // None of the eleven has an official Swedish name (PTV's list gives the Finnish one for sv).
      assert.equal(m.swedishNameOfficial, false, m.id);
      assert.equal(m.name.sv, m.name.fi, m.id);
      assert.equal(municipalityName(m, 'sv', 'illative'), m.name.sv, 'Swedish does not inflect the name');
      assert.equal(municipalityName(m, 'sv', 'organisation'), `${m.name.sv} ${m.type === 'kunta' ? 'kommun' : 'stad'}`);
    }
  });

  test('the checker finds a bare nominative where a case belongs (negative control)', () => {
    assert.equal(bareNominatives('Tervetuloa, Kalajoki!', 'Kalajoki', 'fi').length, 1);
    assert.equal(bareNominatives('Välkommen, Kalajoki!', 'Kalajoki', 'sv').length, 1);
    assert.equal(bareNominatives('Palvelut Sievi', 'Sievi', 'fi').length, 1);
    assert.deepEqual(bareNominatives('Tervetuloa Kalajoelle! Kotikuntasi on Kalajoki.', 'Kalajoki', 'fi'), []);
    assert.deepEqual(bareNominatives('Välkommen till Kalajoki! Sievi kommun', 'Kalajoki', 'sv'), []);
    assert.deepEqual(bareNominatives('Sieviin ja Sievissä', 'Sievi', 'fi'), [], 'inflected forms are not nominatives');
  });

  test('every rule text that names the municipality, for all eleven in fi and sv, has the right form', () => {
    let checked = 0;
    for (const m of municipalities) {
      const texts = ruleTexts(m);
      assert.ok(texts.length >= 8, 'the pack names the municipality in several texts');
      for (const { where, text } of texts) {
        for (const lang of ['fi', 'sv'] as const) {
          assert.deepEqual(
            bareNominatives(text[lang], m.name[lang], lang),
            [],
            `${m.id} ${where} ${lang}: ${text[lang]}`,
          );
          assert.doesNotMatch(text[lang], /\{/, 'every placeholder is filled');
          checked += 1;
        }
        const wrongType =
          m.type === 'kunta' ? /kaupun|\bstad\b|\bCity\b/ : /\bkunta\b|\bkunnan\b|\bkommun\b|Municipality of/;
        for (const lang of ['fi', 'sv', 'en'] as const) assert.doesNotMatch(text[lang], wrongType, `${m.id} ${where}`);
      }
    }
    assert.ok(checked > 100);
  });

  test('the newcomer is welcomed to their municipality in its own case: "Tervetuloa Kalajoelle!"', () => {
    const kalajoki = municipalities.find((m) => m.id === 'kalajoki')!;
    const rules = applyOverrides(loadRulePack().rules, undefined).filter((r) => r.id === 'newcomer-welcome');
    const [match] = evaluateRules(
      {
        municipality: kalajoki,
        person: {
          birthDate: '1990-05-05',
          homeMunicipalityCode: '208',
          movedInAt: '2026-11-20',
          nonDisclosure: false,
          children: [],
        },
        cases: [],
      },
      rules,
      new Date('2026-12-04T12:00:00+02:00'),
    );
    assert.deepEqual(match?.title, {
      fi: 'Tervetuloa Kalajoelle!',
      sv: 'Välkommen till Kalajoki!',
      en: 'Welcome to Kalajoki!',
    });
    assert.match(match?.body.fi ?? '', /^Kalajoen tervetulotiedoista/);
  });

  test('every demo page, for all eleven in fi, sv and en, names the municipality in the right form', () => {
    const template = readFileSync(new URL('../../demo/shared/municipality.html', import.meta.url), 'utf8');
    for (const m of municipalities) {
      for (const lang of PAGE_LANGUAGES) {
        const html = municipalityPage(template, m, lang);
        assert.match(html, new RegExp(`<html lang="${lang}">`));
        assert.doesNotMatch(html, /%[A-Z_]+%(?<!%API_URL%)/, 'every placeholder is filled');
        const organisation = municipalityName(m, lang, 'organisation');
        assert.ok(html.includes(`<p class="brand">${organisation}</p>`), `${m.id} ${lang}: ${organisation}`);
        if (lang !== 'en') {
          const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
          for (const sentence of text.split(/(?<=[.!?])\s|·|–/)) {
            assert.deepEqual(bareNominatives(sentence.trim(), m.name[lang], lang), [], `${m.id} ${lang}: ${sentence}`);
          }
        }
      }
    }
    const sievi = municipalities.find((m) => m.id === 'sievi')!;
    const fi = municipalityPage(template, sievi, 'fi');
    assert.match(fi, /Sievin kunta/);
    assert.match(fi, /Sievissä tarjolla/);
    assert.match(municipalityPage(template, sievi, 'sv'), /Sievi kommun/);
    assert.match(municipalityPage(template, sievi, 'en'), /Municipality of Sievi/);
  });
});
