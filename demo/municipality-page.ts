// The generic municipal page, for every configured municipality and each language it offers: /<id>/ (Finnish),
// /<id>/sv/ and /<id>/en/. The municipality names itself as its file says ("Sievin kunta", "Sievi kommun",
// "Municipality of Sievi"; "Tervetuloa Sieviin"), through the same naming module as the server's texts.
import { municipalityName, type MunicipalityNaming, type NameForm } from '../server/src/tenants/municipality-names.js';

export type PageLanguage = 'fi' | 'sv' | 'en';
export const PAGE_LANGUAGES: readonly PageLanguage[] = ['fi', 'sv', 'en'];

export interface MunicipalityFile extends MunicipalityNaming {
  id: string;
  languages: PageLanguage[];
}

type Name = (form?: NameForm) => string;

/** Every text of the page, per language; `name` gives the municipality in the form the sentence needs. */
const TEXT: Record<PageLanguage, Record<string, (name: Name) => string>> = {
  fi: {
    title: (name) => `Asiointi – ${name('organisation')}`,
    skip: () => 'Siirry sisältöön',
    languageNav: () => 'Kieli',
    heading: () => 'Sähköinen asiointi',
    brand: (name) => name('organisation'),
    lead: (name) => `Kirjaudu sisään, niin näet omat asiasi ja ${name('inessive')} tarjolla olevat palvelut.`,
    signInHeading: () => 'Kirjautuminen',
    footer: (name) => `${name('organisation')} · Kunta-Akkunan esittelysivu, ei oikea verkkosivusto.`,
  },
  sv: {
    title: (name) => `E-tjänster – ${name('organisation')}`,
    skip: () => 'Till innehållet',
    languageNav: () => 'Språk',
    heading: () => 'E-tjänster',
    brand: (name) => name('organisation'),
    lead: (name) => `Logga in för att se dina ärenden och tjänsterna i ${name()}.`,
    signInHeading: () => 'Inloggning',
    footer: (name) => `${name('organisation')} · Kunta-Akkunas demosida, inte en riktig webbplats.`,
  },
  en: {
    title: (name) => `E-services – ${name('organisation')}`,
    skip: () => 'Skip to content',
    languageNav: () => 'Language',
    heading: () => 'E-services',
    brand: (name) => name('organisation'),
    lead: (name) => `Sign in to see your cases and the services in ${name()}.`,
    signInHeading: () => 'Sign-in',
    footer: (name) => `${name('organisation')} · A Kunta-Akkuna demo page, not a real website.`,
  },
};

const LANGUAGE_LINKS: Record<PageLanguage, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

export function pagePath(id: string, lang: PageLanguage): string {
  return lang === 'fi' ? `/${id}/` : `/${id}/${lang}/`;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The page's HTML from the shared template (demo/shared/municipality.html). */
export function municipalityPage(template: string, m: MunicipalityFile, lang: PageLanguage): string {
  const name: Name = (form = 'nominative') => municipalityName(m, lang, form);
  const text = (key: string) => escapeHtml(TEXT[lang][key]!(name));
  const links = PAGE_LANGUAGES.filter((l) => m.languages.includes(l))
    .map((l) => {
      const current = l === lang ? ' aria-current="page"' : '';
      return `<li><a href="${pagePath(m.id, l)}"${current} lang="${l}">${LANGUAGE_LINKS[l]}</a></li>`;
    })
    .join('');
  return template
    .replaceAll('%LANG%', lang)
    .replaceAll('%MUNICIPALITY_ID%', escapeHtml(m.id))
    .replaceAll('%LANGUAGE_LINKS%', links)
    .replace(/%TEXT_([A-Z_]+)%/g, (_all, key: string) =>
      text(key.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())),
    );
}
