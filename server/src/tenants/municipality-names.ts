// How our texts name a municipality. Finnish inflects place names, and each name picks its own cases:
// "Kalajoella" (outer locative, as most names in -joki, -järvi, -vesi, -mäki), "Nivalassa" (inner), and so
// "Tervetuloa Kalajoelle!" can only come from the municipality's own file, never from a rule of thumb. Swedish
// uses the name as is ("i Kalajoki", "till Kalajoki"); English uses the Finnish name.
import type { LocalizedText } from '../schemas/common.js';

export type MunicipalityType = 'kaupunki' | 'kunta';
export type FinnishCase = 'genitive' | 'inessive' | 'elative' | 'illative';
export const FINNISH_CASES: readonly FinnishCase[] = ['genitive', 'inessive', 'elative', 'illative'];
/** `organisation`: the municipality as a body, "Kalajoen kaupunki", "Sievi kommun", "Municipality of Sievi". */
export type NameForm = 'nominative' | FinnishCase | 'organisation';
export const NAME_FORMS: readonly NameForm[] = ['nominative', ...FINNISH_CASES, 'organisation'];

export interface MunicipalityNaming {
  name: { fi: string; sv: string };
  type: MunicipalityType;
  finnishCases: Record<FinnishCase, string>;
}

const TYPE_WORDS: Record<MunicipalityType, { fi: string; sv: string; en: string }> = {
  kaupunki: { fi: 'kaupunki', sv: 'stad', en: 'City' },
  kunta: { fi: 'kunta', sv: 'kommun', en: 'Municipality' },
};

/** The type word in a language: kaupunki/stad/City, kunta/kommun/Municipality. */
export function typeWord(type: MunicipalityType, lang: keyof LocalizedText): string {
  return TYPE_WORDS[type][lang];
}

/** The municipality's name in the form a text needs, e.g. fi illative "Kalajoelle", sv "Kalajoki". */
export function municipalityName(
  m: MunicipalityNaming,
  lang: keyof LocalizedText,
  form: NameForm = 'nominative',
): string {
  if (form === 'organisation') {
    if (lang === 'fi') return `${m.finnishCases.genitive} ${TYPE_WORDS[m.type].fi}`;
    if (lang === 'sv') return `${m.name.sv} ${TYPE_WORDS[m.type].sv}`;
    return `${TYPE_WORDS[m.type].en} of ${m.name.fi}`;
  }
  if (lang === 'fi') return form === 'nominative' ? m.name.fi : m.finnishCases[form];
  return lang === 'sv' ? m.name.sv : m.name.fi;
}
