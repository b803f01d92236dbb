import type { LocalizedText } from '../schemas/common.js';
import { municipalityName, NAME_FORMS, type MunicipalityNaming, type NameForm } from '../tenants/municipality-names.js';
import { parseIsoDate, type IsoDate } from '../lib/calendar.js';
import type { Rule } from './rule-pack.schema.js';

export type Lang = keyof LocalizedText;
const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];

/**
 * A value for a `{placeholder}`: plain text, text per language, a day (formatted per language), or the
 * municipality, named in the form the text asks for: `{municipality:illative}` is "Kalajoelle" in Finnish and
 * "Kalajoki" in Swedish and English; `{municipality:organisation}` is "Sievin kunta", "Sievi kommun".
 */
export type TemplateValue =
  { text: string } | { localized: LocalizedText } | { date: IsoDate } | { municipality: MunicipalityNaming };
export type TemplateVars = Record<string, TemplateValue>;

const MUNICIPALITY_FORMS = NAME_FORMS.filter((form) => form !== 'nominative');
const PLACEHOLDER = new RegExp(`\\{([a-zA-Z][a-zA-Z0-9]*)(?::(year|${MUNICIPALITY_FORMS.join('|')}))?\\}`, 'g');

/** The placeholder names a text uses, with a `:year` suffix where it asks for the year only. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => (m[2] ? `${m[1]}:${m[2]}` : (m[1] ?? '')));
}

/** Every placeholder a rule's texts may use. */
export function variablesOf(rule: Rule): Set<string> {
  const names = ['municipality', ...MUNICIPALITY_FORMS.map((form) => `municipality:${form}`)];
  if (rule.subject === 'self' || rule.subject === 'child') names.push('age');
  if (rule.subject === 'child') names.push('childName');
  if (rule.subject === 'case') names.push('caseTitle', 'caseStatus', 'nextStep');
  const dates = [...Object.keys(rule.dates ?? {}), ...(rule.trigger ? ['trigger'] : []), 'validUntil'];
  return new Set([...names, ...dates, ...dates.map((d) => `${d}:year`)]);
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 1.3.2027 in Finnish and Swedish, 1 March 2027 in English (no time zone: a calendar day). */
export function formatDate(iso: IsoDate, lang: Lang): string {
  const { year, month, day } = parseIsoDate(iso);
  return lang === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${day}.${month}.${year}`;
}

export function render(template: LocalizedText, vars: TemplateVars): LocalizedText {
  const out = {} as LocalizedText;
  for (const lang of LANGS) {
    out[lang] = template[lang]
      .replace(PLACEHOLDER, (_m, name: string, suffix: string | undefined) => {
        const value = vars[name];
        if (!value) return '';
        if ('date' in value) return suffix === 'year' ? value.date.slice(0, 4) : formatDate(value.date, lang);
        if ('municipality' in value) {
          return municipalityName(value.municipality, lang, (suffix as NameForm | undefined) ?? 'nominative');
        }
        return 'text' in value ? value.text : value.localized[lang];
      })
      .replace(/\s{2,}/g, ' ')
      .trim();
  }
  return out;
}
