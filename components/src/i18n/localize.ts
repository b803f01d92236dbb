// A per-element localize controller: each element resolves its own language (its `lang`, then the closest
// <kunta-provider lang>, then <html lang>, then the municipality's default language, then Finnish), so two widgets
// in different languages can share a page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommonStrings, LanguageCode, Translation } from './translation.js';

export type { LanguageCode, Translation };
export const DEFAULT_LANGUAGE: LanguageCode = 'fi';
export const TIME_ZONE = 'Europe/Helsinki';

// Each language's strings are a file of their own, loaded the first time a widget needs that language: a page
// loads the one language it shows, not all three. (The autoloader starts loading the page's language together
// with the widget chunks.) A widget may have strings of its own as well (`StringsPart`, e.g. <kunta-case-status>'s
// src/case-status/strings/<lang>.ts), loaded with that widget only, so a page without it does not carry them.
type Loader = () => Promise<{ default: object }>;

/** A widget's own strings: one loader per language, each importing src/<widget>/strings/<lang>.ts. */
export type StringsPart = Readonly<Record<LanguageCode, Loader>>;

const LOADERS: Record<LanguageCode, () => Promise<{ default: CommonStrings }>> = {
  fi: () => import('./fi.js'),
  sv: () => import('./sv.js'),
  en: () => import('./en.js'),
};
const loaded = new Map<Loader, object>();
const loading = new Map<Loader, Promise<boolean>>();

function load(loader: Loader, lang: LanguageCode): Promise<boolean> | undefined {
  if (loaded.has(loader)) return undefined;
  let pending = loading.get(loader);
  if (!pending) {
    pending = loader()
      .then(
        (module) => {
          loaded.set(loader, module.default);
          return true;
        },
        (error: unknown) => {
          console.error(`Kunta-Akkuna: could not load the ${lang} strings`, error);
          return false;
        },
      )
      .finally(() => loading.delete(loader));
    loading.set(loader, pending);
  }
  return pending;
}

/**
 * Loads a language's strings once, and the widget's own part of them (`part`) when it has one. Undefined when they
 * are at hand already; otherwise resolves to false when they could not be loaded (logged; the next call tries again).
 */
export function loadStrings(lang: LanguageCode, part?: StringsPart): Promise<boolean> | undefined {
  const pending = [load(LOADERS[lang], lang), part && load(part[lang], lang)].filter((p) => p !== undefined);
  if (pending.length === 0) return undefined;
  return Promise.all(pending).then((results) => results.every(Boolean));
}

/** The language's strings with the widget's part, or undefined while either is not loaded. */
function composed(lang: LanguageCode, part: StringsPart | undefined): Translation | undefined {
  const common = loaded.get(LOADERS[lang]);
  const own = part ? loaded.get(part[lang]) : {};
  return common && own ? ({ ...common, ...own } as Translation) : undefined;
}

type Host = ReactiveControllerHost & HTMLElement;
const connected = new Set<Host>();
let observer: MutationObserver | undefined;

function observeLanguageChanges() {
  if (observer || typeof MutationObserver === 'undefined') return;
  // One observer for the page: any lang attribute in the document (html, a provider, a widget) re-renders widgets.
  observer = new MutationObserver(() => connected.forEach((host) => host.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function toSupported(value: string | null | undefined): LanguageCode | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fi' || primary === 'sv' || primary === 'en' ? primary : undefined;
}

/** The closest ancestor matching `selector`, crossing shadow-root boundaries. */
export function closestComposed(start: Element, selector: string): Element | null {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element) {
      const found = node.closest(selector);
      if (found) return found;
    }
    const root: Node = (node as Element).getRootNode?.() ?? document;
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/**
 * Resolves the language of `element` by the fallback chain: its own `lang`, the closest provider's, `<html lang>`,
 * then `fallback` (the municipality's default language), then Finnish. When `offered` is known (the municipality's
 * languages), a language it does not offer is passed over: the municipality decides which languages it serves.
 */
export function resolveLanguage(
  element: Element,
  fallback?: string | null,
  offered?: readonly string[] | null,
): LanguageCode {
  const allowed = (value: string | null | undefined) => {
    const code = toSupported(value);
    return code && (!offered || offered.includes(code)) ? code : undefined;
  };
  const own = allowed(element.getAttribute('lang'));
  if (own) return own;
  const parent = element.parentElement ?? (element.getRootNode() as ShadowRoot).host ?? null;
  const provider = parent ? closestComposed(parent, 'kunta-provider[lang]') : null;
  return (
    allowed(provider?.getAttribute('lang')) ??
    allowed(document.documentElement.lang) ??
    toSupported(fallback) ??
    DEFAULT_LANGUAGE
  );
}

export class LocalizeController implements ReactiveController {
  private shown: Translation | undefined;
  /** The language of `shown`, once its strings were complete. */
  private shownLang: LanguageCode | undefined;

  /**
   * @param fallback The language to use when neither the element, a provider nor the page names one (offered).
   * @param offered The languages the municipality offers, once known.
   * @param part The widget's own strings, if it has any.
   */
  constructor(
    private readonly host: Host,
    private readonly fallback: () => string | null | undefined = () => undefined,
    private readonly offered: () => readonly string[] | null | undefined = () => undefined,
    private readonly part?: StringsPart,
  ) {
    host.addController(this);
  }

  hostConnected() {
    connected.add(this.host);
    observeLanguageChanges();
  }

  hostDisconnected() {
    connected.delete(this.host);
  }

  /** The element's language code: fi, sv or en. */
  lang(): LanguageCode {
    return resolveLanguage(this.host, this.fallback(), this.offered());
  }

  /** Loads the strings of the element's language; undefined when they are at hand (see `loadStrings`). */
  load(): Promise<boolean> | undefined {
    return loadStrings(this.lang(), this.part);
  }

  /**
   * The element's strings. While another language is still loading (the element waits for it before rendering),
   * the strings it shows now.
   */
  get t(): Translation {
    const lang = this.lang();
    // One object per language while its files stay the same, so repeated reads in a render build it once.
    if (this.shown && this.shownLang === lang) return this.shown;
    const strings = composed(lang, this.part);
    const shown =
      strings ?? this.shown ?? composed('fi', this.part) ?? composed('sv', this.part) ?? composed('en', this.part);
    if (!shown) throw new Error('Kunta-Akkuna: no strings loaded');
    if (strings) this.shownLang = lang;
    this.shown = shown;
    return shown;
  }

  /** Date and time in Europe/Helsinki, e.g. "12.3.2026 klo 14.05". Empty for a missing or invalid date. */
  dateTime(value: string | number | Date | null | undefined, options: Intl.DateTimeFormatOptions = {}): string {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(this.t.$locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...options,
      timeZone: TIME_ZONE,
    }).format(date);
  }

  /** A localised text object `{ fi, sv, en }` in the element's language, falling back to Finnish. */
  text(value: Partial<Record<LanguageCode, string>> | null | undefined): string {
    if (!value) return '';
    return value[this.lang()] || value.fi || value.sv || value.en || '';
  }
}
