// The embed configurator: choose a municipality, widgets, language and theme; see them live; copy the exact
// snippet (version-pinned, with the SRI hash from the widget manifest) and the CSP lines the site must add.
// Runs under the page's strict CSP with Trusted Types enforced: DOM built with createElement and textContent only,
// never innerHTML, and theme previews through CSSOM setProperty (allowed without 'unsafe-inline').

const api = document.querySelector('meta[name="kunta-api"]')?.getAttribute('content') ?? '';
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const WIDGET_NAMES = {
  'kunta-login': 'Kirjautuminen (kunta-login)',
  'kunta-service-feed': 'Ehdotukset ja palvelut (kunta-service-feed)',
  'kunta-case-status': 'Omat asiat (kunta-case-status)',
};
const LANGUAGE_NAMES = { fi: 'suomi (fi)', sv: 'svenska (sv)', en: 'English (en)' };

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
    'kunta-login, kunta-case-status, kunta-service-feed {',
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
    label.textContent = WIDGET_NAMES[tag] ?? tag;
    row.append(input, label);
    fieldset.append(row);
  }
}

function renderLanguages(settings) {
  const select = /** @type {HTMLSelectElement} */ ($('language'));
  const current = select.value;
  select.replaceChildren(option('', 'Sivun kieli (html lang)'));
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
    out.textContent = 'Kunnan teema on tarkistettu palvelimella (WCAG 2.1 AA).';
    out.className = '';
    return;
  }
  const ratio = contrast(primary, '#ffffff');
  const onPrimary = tokens.find(([name]) => name === '--kunta-color-on-primary')?.[1] ?? '#ffffff';
  const buttonRatio = contrast(onPrimary, primary);
  const ok = ratio >= 4.5 && buttonRatio >= 4.5;
  out.textContent = ok
    ? `Kontrasti riittää: ${ratio.toFixed(2)}:1 valkoista vasten, painikkeen teksti ${buttonRatio.toFixed(2)}:1.`
    : `Liian vähän kontrastia: ${ratio.toFixed(2)}:1 valkoista vasten ja painikkeen teksti ${buttonRatio.toFixed(2)}:1 (vähintään 4.5:1).`;
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
  $('sri-note').textContent = manifest?.version
    ? `Versio ${manifest.version} on lukittu ja tarkistetaan SRI-tiivisteellä. Päivitä koodi, kun otat uuden version käyttöön.`
    : 'Widget-luetteloa (manifest.json) ei löytynyt: koodi käyttää liikkuvaa /widgets/v1/-osoitetta ilman SRI-tiivistettä.';
}

async function copy(id) {
  const text = $(id).textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    $('copied').textContent = 'Kopioitu leikepöydälle.';
  } catch {
    $('copied').textContent = 'Kopiointi ei onnistunut; valitse teksti ja kopioi se itse.';
  }
}

async function start() {
  manifest = await getJson(`${api}/widgets/v1/manifest.json`).catch(() => null);
  const list = await getJson(`${api}/v1/municipalities`);
  const select = /** @type {HTMLSelectElement} */ ($('municipality'));
  for (const item of list.items) select.append(option(item.id, item.name.fi));
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
  $('snippet').textContent = `Virhe: ${error instanceof Error ? error.message : String(error)}`;
});
