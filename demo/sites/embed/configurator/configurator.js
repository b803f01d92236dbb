// The embed configurator: choose a municipality, widgets, language and theme; see them live; copy the exact
// snippet (version-pinned, with the SRI hash from the widget manifest) and the CSP lines the site must add.
// Runs under the page's strict CSP with Trusted Types enforced: DOM built with createElement and textContent only,
// never innerHTML, and theme previews through CSSOM setProperty (allowed without 'unsafe-inline').

const api = document.querySelector('meta[name="kunta-api"]')?.getAttribute('content') ?? '';
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const LANGUAGE_NAMES = { fi: 'suomi (fi)', sv: 'svenska (sv)', en: 'English (en)' };

/** The page's own language: /embed/configurator/ is Finnish, /sv/ Swedish, /en/ English (the server sets <html lang>). */
const pageLang = ['fi', 'sv', 'en'].includes(document.documentElement.lang) ? document.documentElement.lang : 'fi';

const STRINGS = {
  fi: {
    title: 'Upotuskoodin muodostin – Kunta-Akkuna',
    heading: 'Upotuskoodin muodostin',
    languageNav: 'Muodostimen kieli',
    lead: 'Valitse kunta, widgetit, kieli ja teema. Esikatselu päivittyy heti; kopioi lopuksi koodi ja sisältöturvakäytännön (CSP) rivit sivustollesi.',
    options: 'Valinnat',
    municipality: 'Kunta',
    widgets: 'Widgetit',
    language: 'Kieli',
    theme: 'Teema',
    themeMunicipality: 'Kunnan teema (palvelimen asetuksista)',
    themeCustom: 'Oma pääväri sivuston tyylitiedostossa',
    primary: 'Pääväri',
    radius: 'Pyöristys',
    radiusNone: 'Ei pyöristystä',
    radiusSmall: 'Pieni',
    radiusLarge: 'Suuri',
    preview: 'Esikatselu',
    snippet: '1. Lisää sivulle',
    copySnippet: 'Kopioi koodi',
    csp: '2. Lisää sisältöturvakäytäntöön (Content-Security-Policy)',
    copyCsp: 'Kopioi CSP-rivit',
    css: '3. Lisää sivuston tyylitiedostoon',
    pageLanguage: 'Sivun kieli (html lang)',
    widget: {
      'kunta-login': 'Kirjautuminen (kunta-login)',
      'kunta-service-feed': 'Ehdotukset ja palvelut (kunta-service-feed)',
      'kunta-case-status': 'Omat asiat (kunta-case-status)',
      'kunta-notices': 'Kunnan tiedotteet (kunta-notices)',
      'kunta-my-data': 'Omat tietosi (kunta-my-data)',
    },
    themeChecked: 'Kunnan teema on tarkistettu palvelimella (WCAG 2.1 AA).',
    contrastOk: (ratio, button) => `Kontrasti riittää: ${ratio}:1 valkoista vasten, painikkeen teksti ${button}:1.`,
    contrastLow: (ratio, button) =>
      `Liian vähän kontrastia: ${ratio}:1 valkoista vasten ja painikkeen teksti ${button}:1 (vähintään 4.5:1).`,
    pinned: (version) =>
      `Versio ${version} on lukittu ja tarkistetaan SRI-tiivisteellä. Päivitä koodi, kun otat uuden version käyttöön.`,
    unpinned:
      'Widget-luetteloa (manifest.json) ei löytynyt: koodi käyttää liikkuvaa /widgets/v1/-osoitetta ilman SRI-tiivistettä.',
    copied: 'Kopioitu leikepöydälle.',
    copyFailed: 'Kopiointi ei onnistunut; valitse teksti ja kopioi se itse.',
    error: (message) => `Virhe: ${message}`,
  },
  sv: {
    title: 'Verktyg för inbäddningskod – Kunta-Akkuna',
    heading: 'Verktyg för inbäddningskod',
    languageNav: 'Verktygets språk',
    lead: 'Välj kommun, widgetar, språk och tema. Förhandsvisningen uppdateras genast; kopiera till sist koden och raderna för innehållssäkerhetspolicyn (CSP) till din webbplats.',
    options: 'Val',
    municipality: 'Kommun',
    widgets: 'Widgetar',
    language: 'Språk',
    theme: 'Tema',
    themeMunicipality: 'Kommunens tema (från serverns inställningar)',
    themeCustom: 'Egen huvudfärg i webbplatsens stilmall',
    primary: 'Huvudfärg',
    radius: 'Rundning',
    radiusNone: 'Ingen rundning',
    radiusSmall: 'Liten',
    radiusLarge: 'Stor',
    preview: 'Förhandsvisning',
    snippet: '1. Lägg till på sidan',
    copySnippet: 'Kopiera koden',
    csp: '2. Lägg till i innehållssäkerhetspolicyn (Content-Security-Policy)',
    copyCsp: 'Kopiera CSP-raderna',
    css: '3. Lägg till i webbplatsens stilmall',
    pageLanguage: 'Sidans språk (html lang)',
    widget: {
      'kunta-login': 'Inloggning (kunta-login)',
      'kunta-service-feed': 'Förslag och tjänster (kunta-service-feed)',
      'kunta-case-status': 'Mina ärenden (kunta-case-status)',
      'kunta-notices': 'Kommunens meddelanden (kunta-notices)',
      'kunta-my-data': 'Dina uppgifter (kunta-my-data)',
    },
    themeChecked: 'Kommunens tema har kontrollerats på servern (WCAG 2.1 AA).',
    contrastOk: (ratio, button) => `Kontrasten räcker: ${ratio}:1 mot vitt, knappens text ${button}:1.`,
    contrastLow: (ratio, button) =>
      `För låg kontrast: ${ratio}:1 mot vitt och knappens text ${button}:1 (minst 4.5:1).`,
    pinned: (version) =>
      `Version ${version} är låst och kontrolleras med en SRI-hash. Uppdatera koden när du tar en ny version i bruk.`,
    unpinned:
      'Widgetförteckningen (manifest.json) hittades inte: koden använder den rörliga adressen /widgets/v1/ utan SRI-hash.',
    copied: 'Kopierat till urklipp.',
    copyFailed: 'Kopieringen misslyckades; markera texten och kopiera den själv.',
    error: (message) => `Fel: ${message}`,
  },
  en: {
    title: 'Embed configurator – Kunta-Akkuna',
    heading: 'Embed configurator',
    languageNav: 'Language of this tool',
    lead: 'Choose the municipality, widgets, language and theme. The preview updates at once; then copy the code and the Content-Security-Policy (CSP) lines to your site.',
    options: 'Options',
    municipality: 'Municipality',
    widgets: 'Widgets',
    language: 'Language',
    theme: 'Theme',
    themeMunicipality: "The municipality's theme (from the server's settings)",
    themeCustom: "Own primary colour in the site's style sheet",
    primary: 'Primary colour',
    radius: 'Corner rounding',
    radiusNone: 'No rounding',
    radiusSmall: 'Small',
    radiusLarge: 'Large',
    preview: 'Preview',
    snippet: '1. Add to the page',
    copySnippet: 'Copy the code',
    csp: '2. Add to the Content-Security-Policy',
    copyCsp: 'Copy the CSP lines',
    css: "3. Add to the site's style sheet",
    pageLanguage: "The page's language (html lang)",
    widget: {
      'kunta-login': 'Sign-in (kunta-login)',
      'kunta-service-feed': 'Suggestions and services (kunta-service-feed)',
      'kunta-case-status': 'My cases (kunta-case-status)',
      'kunta-notices': 'Municipal notices (kunta-notices)',
      'kunta-my-data': 'Your data (kunta-my-data)',
    },
    themeChecked: "The municipality's theme has been checked on the server (WCAG 2.1 AA).",
    contrastOk: (ratio, button) => `Contrast is sufficient: ${ratio}:1 against white, button text ${button}:1.`,
    contrastLow: (ratio, button) =>
      `Too little contrast: ${ratio}:1 against white and button text ${button}:1 (at least 4.5:1).`,
    pinned: (version) =>
      `Version ${version} is pinned and checked with an SRI hash. Update the code when you take a new version into use.`,
    unpinned:
      'The widget manifest (manifest.json) was not found: the code uses the moving /widgets/v1/ address without an SRI hash.',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Copying did not work; select the text and copy it yourself.',
    error: (message) => `Error: ${message}`,
  },
};
const t = STRINGS[pageLang];

/** Puts the static texts of the page (marked with data-text) in the page's language. */
function translatePage() {
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t[element.dataset.text];
  for (const element of document.querySelectorAll('[data-text-label]')) {
    element.setAttribute('aria-label', t[element.dataset.textLabel]);
  }
  for (const link of document.querySelectorAll('.languages a')) {
    if (link.lang === pageLang) link.setAttribute('aria-current', 'page');
  }
}
translatePage();

/** @type {{ version?: string, entry?: string, widgets?: Record<string, string[]>, files?: Record<string, { integrity?: string }> } | null} */
let manifest = null;
/** @type {Record<string, any>} */
const municipalities = {};

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

async function municipality(id) {
  municipalities[id] ??= await getJson(`${api}/v1/municipalities/${encodeURIComponent(id)}`);
  return municipalities[id];
}

function selectedWidgets() {
  return [...document.querySelectorAll('#widgets input:checked')].map((input) => input.value);
}

function themeChoice() {
  return document.querySelector('input[name="theme"]:checked')?.value ?? 'municipality';
}

// WCAG 2.1 relative luminance, for the live hint only: the server's validator (the same formula, from the
// widgets' tokens.ts) is what refuses a municipality theme.
function luminance(hex) {
  const value = parseInt(hex.slice(1), 16);
  const channel = (shift) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom theme as token declarations, or none. */
function customTokens() {
  if (themeChoice() !== 'custom') return [];
  const primary = /** @type {HTMLInputElement} */ ($('primary')).value;
  const onPrimary = contrast('#ffffff', primary) >= contrast('#1a1a1a', primary) ? '#ffffff' : '#1a1a1a';
  return [
    ['--kunta-color-primary', primary],
    ['--kunta-color-focus', primary],
    ['--kunta-color-on-primary', onPrimary],
    ['--kunta-radius', /** @type {HTMLSelectElement} */ ($('radius')).value],
  ];
}

function snippetText(id, widgets, lang) {
  const entry = manifest?.entry ?? 'kunta-akkuna.js';
  const version = manifest?.version;
  const base = version ? `${api}/widgets/${version}/` : `${api}/widgets/v1/`;
  const integrity = version ? manifest?.files?.[entry]?.integrity : undefined;
  const lines = [];
  const sri = (file) => {
    const hash = manifest?.files?.[file]?.integrity;
    return hash ? ` integrity="${hash}" crossorigin="anonymous"` : '';
  };
  lines.push(
    `<script type="module" src="${base}${entry}"${integrity ? ` integrity="${integrity}" crossorigin="anonymous"` : ''}></script>`,
  );
  // The entry loads each widget's files on demand; preloading them with their hashes puts those under SRI too.
  // So for the strings of the chosen language (without one, the page's language is not known here).
  if (version && manifest?.widgets) {
    const tags = ['kunta-provider', ...widgets];
    const strings = lang && manifest.strings?.[lang] ? [manifest.strings[lang]] : [];
    const files = [...new Set([...tags.flatMap((tag) => manifest.widgets[tag] ?? []), ...strings])].sort();
    for (const file of files) lines.push(`<link rel="modulepreload" href="${base}${file}"${sri(file)} />`);
  }
  lines.push(`<kunta-provider api="${api}" municipality="${id}"${lang ? ` lang="${lang}"` : ''}>`);
  for (const tag of widgets) lines.push(`  <${tag}></${tag}>`);
  lines.push('</kunta-provider>');
  return lines.join('\n');
}

function cspText(settings) {
  const idp = new URL(settings.auth.authority).origin;
  return [
    `script-src 'self' ${new URL(api).origin}`,
    `connect-src 'self' ${new URL(api).origin} ${idp}`,
    '# only if the site enforces Trusted Types (require-trusted-types-for):',
    'trusted-types lit-html',
  ].join('\n');
}

function cssText(tokens) {
  if (tokens.length === 0) return '';
  return [
    'kunta-login, kunta-case-status, kunta-service-feed, kunta-notices, kunta-my-data {',
    ...tokens.map(([name, value]) => `  ${name}: ${value};`),
    '}',
  ].join('\n');
}

async function renderWidgetChoices(settings) {
  const fieldset = $('widgets');
  const before = new Set(selectedWidgets());
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend);
  for (const tag of settings.widgets) {
    const row = document.createElement('p');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = `widget-${tag}`;
    input.value = tag;
    input.checked = before.size === 0 || before.has(tag);
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = t.widget[tag] ?? tag;
    row.append(input, label);
    fieldset.append(row);
  }
}

function renderLanguages(settings) {
  const select = /** @type {HTMLSelectElement} */ ($('language'));
  const current = select.value;
  select.replaceChildren(option('', t.pageLanguage));
  for (const lang of settings.languages) select.append(option(lang, LANGUAGE_NAMES[lang] ?? lang));
  select.value = settings.languages.includes(current) ? current : '';
}

function renderPreview(id, widgets, lang, tokens) {
  const provider = document.createElement('kunta-provider');
  provider.setAttribute('api', api);
  provider.setAttribute('municipality', id);
  if (lang) provider.setAttribute('lang', lang);
  for (const tag of widgets) {
    const widget = document.createElement(tag);
    widget.setAttribute('heading-level', '3');
    for (const [name, value] of tokens) widget.style.setProperty(name, value);
    provider.append(widget);
  }
  $('preview').replaceChildren(provider);
}

function renderContrast(tokens) {
  const out = $('contrast');
  const primary = tokens.find(([name]) => name === '--kunta-color-primary')?.[1];
  if (!primary) {
    out.textContent = t.themeChecked;
    out.className = '';
    return;
  }
  const ratio = contrast(primary, '#ffffff');
  const onPrimary = tokens.find(([name]) => name === '--kunta-color-on-primary')?.[1] ?? '#ffffff';
  const buttonRatio = contrast(onPrimary, primary);
  const ok = ratio >= 4.5 && buttonRatio >= 4.5;
  out.textContent = (ok ? t.contrastOk : t.contrastLow)(ratio.toFixed(2), buttonRatio.toFixed(2));
  out.className = ok ? '' : 'warning';
}

async function update() {
  const id = /** @type {HTMLSelectElement} */ ($('municipality')).value;
  if (!id) return;
  const settings = await municipality(id);
  if (!document.querySelector('#widgets input')) await renderWidgetChoices(settings);
  const widgets = selectedWidgets();
  const lang = /** @type {HTMLSelectElement} */ ($('language')).value;
  const tokens = customTokens();
  renderPreview(id, widgets, lang, tokens);
  renderContrast(tokens);
  $('snippet').textContent = snippetText(id, widgets, lang);
  $('csp').textContent = cspText(settings);
  $('css').textContent = cssText(tokens);
  $('css-section').hidden = tokens.length === 0;
  $('sri-note').textContent = manifest?.version ? t.pinned(manifest.version) : t.unpinned;
}

async function copy(id) {
  const text = $(id).textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    $('copied').textContent = t.copied;
  } catch {
    $('copied').textContent = t.copyFailed;
  }
}

async function start() {
  manifest = await getJson(`${api}/widgets/v1/manifest.json`).catch(() => null);
  const list = await getJson(`${api}/v1/municipalities`);
  const select = /** @type {HTMLSelectElement} */ ($('municipality'));
  for (const item of list.items) select.append(option(item.id, pageLang === 'sv' ? item.name.sv : item.name.fi));
  select.value = list.items.some((item) => item.id === 'nivala') ? 'nivala' : (list.items[0]?.id ?? '');
  const settings = await municipality(select.value);
  renderLanguages(settings);
  await renderWidgetChoices(settings);

  select.addEventListener('change', async () => {
    const next = await municipality(select.value);
    renderLanguages(next);
    await renderWidgetChoices(next);
    await update();
  });
  $('options').addEventListener('change', (event) => {
    if (event.target !== select) void update();
  });
  $('options').addEventListener('submit', (event) => event.preventDefault());
  $('copy-snippet').addEventListener('click', () => copy('snippet'));
  $('copy-csp').addEventListener('click', () => copy('csp'));
  await update();
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  $('snippet').textContent = t.error(error instanceof Error ? error.message : String(error));
});
