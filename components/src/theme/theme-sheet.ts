// A municipality's theme (GET /v1/municipalities/:id → theme.tokens) as one constructable stylesheet per theme,
// adopted into each widget's shadow root: `:host { --kunta-*: … }`. Constructable stylesheets need no
// 'unsafe-inline' under a strict CSP, and because they are :host rules, the page's own CSS on the element
// (`kunta-login { --kunta-color-primary: … }`) still wins: page CSS, then the municipality theme, then defaults.
import { TOKENS } from './tokens.js';

const DEFAULTS = new Map<string, string>(TOKENS.map((token) => [token.name, token.default]));
const TOKEN_NAME = /^--kunta-[a-z0-9-]+$/;
// The server validates values by kind; this is the second line of defence against ending the declaration.
const SAFE_VALUE = /^[A-Za-z0-9 #.,%'"_-]{1,200}$/;

const sheets = new Map<string, CSSStyleSheet>();
const themeSheets = new WeakSet<CSSStyleSheet>();

/** The declarations a theme changes from the defaults, as checked `[name, value]` pairs. */
export function themeDeclarations(tokens: Record<string, string> | undefined): [string, string][] {
  if (!tokens) return [];
  return Object.entries(tokens).filter(
    ([name, value]) =>
      TOKEN_NAME.test(name) && typeof value === 'string' && SAFE_VALUE.test(value) && DEFAULTS.get(name) !== value,
  );
}

function sheetFor(declarations: [string, string][]): CSSStyleSheet | undefined {
  if (declarations.length === 0 || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype))
    return undefined;
  const text = `:host {\n${declarations.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}`;
  let sheet = sheets.get(text);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    themeSheets.add(sheet);
    sheets.set(text, sheet);
  }
  return sheet;
}

/** Applies (or, with undefined, removes) a municipality theme on a widget. */
export function applyTheme(host: HTMLElement, tokens: Record<string, string> | undefined): void {
  const declarations = themeDeclarations(tokens);
  const root = host.shadowRoot;
  const sheet = sheetFor(declarations);
  if (root && 'adoptedStyleSheets' in root && (sheet || declarations.length === 0)) {
    const others = root.adoptedStyleSheets.filter((s) => !themeSheets.has(s));
    root.adoptedStyleSheets = sheet ? [...others, sheet] : others;
    return;
  }
  // Without constructable stylesheets: CSSOM setProperty is allowed under CSP (no style attribute string).
  for (const [name, value] of declarations) host.style.setProperty(name, value);
}
