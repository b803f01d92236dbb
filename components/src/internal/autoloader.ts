// The autoloader behind the script tag (model: Shoelace's shoelace-autoloader.ts): it defines only the
// `kunta-*` elements found on the page, now or later, importing each widget's chunk on first sight.
import { define } from './define.js';

/** Imports one widget's module and resolves to its element class. */
export type WidgetLoader = () => Promise<CustomElementConstructor>;

/** Imports one language's strings, by language code; a widget's own strings by `<code>:<tag>`. */
export type StringsLoaders = Readonly<Record<string, () => Promise<unknown>>>;

export interface Autoloader {
  /** Defines the undefined `kunta-*` elements inside `root` (and `root` itself); resolves when they are defined. */
  discover(root: Element | Document | ShadowRoot): Promise<void>;
  /** Also watches an open shadow root of the host page for widgets added later (the document is watched already). */
  observe(root: ShadowRoot): void;
  /** Stops watching (tests). */
  stop(): void;
}

const PREFIX = 'kunta-';
const PROVIDER = 'kunta-provider';

/**
 * Starts watching `document` for `kunta-*` elements. Each tag is loaded once; a failed load is logged and tried
 * again when another element with that tag appears. When a `<kunta-provider>` is on the page it is defined before
 * the widgets (all chunks still download in parallel), so a widget's first context request finds its provider.
 */
export function startAutoloader(
  loaders: Readonly<Record<string, WidgetLoader>>,
  strings: StringsLoaders = {},
  doc: Document = document,
): Autoloader {
  const pending = new Map<string, Promise<void>>();
  const warned = new Set<string>();
  const languages = new Set<string>();
  // The widget would ask for its strings only once its chunk has run; asking now saves that round trip.
  // A widget with strings of its own has them under `<code>:<tag>`; they are fetched with the common ones.
  const preloadStrings = (element: Element) => {
    const lang = likelyLanguage(element, strings);
    if (lang === undefined) return;
    for (const key of [lang, `${lang}:${element.localName}`]) {
      if (languages.has(key) || !strings[key]) continue;
      languages.add(key);
      strings[key]().catch(() => languages.delete(key));
    }
  };
  const observers: MutationObserver[] = [];

  const load = (tag: string) => {
    const loader = loaders[tag];
    if (!loader) {
      if (!warned.has(tag)) {
        warned.add(tag);
        console.warn(`<${tag}> is not a Kunta-Akkuna widget of this version (${Object.keys(loaders).join(', ')}).`);
      }
      return undefined;
    }
    return loader();
  };

  const register = (tag: string, after?: Promise<void>): Promise<void> => {
    const existing = pending.get(tag);
    if (existing) return existing;
    if (customElements.get(tag)) return Promise.resolve();
    const module = load(tag);
    if (!module) return Promise.resolve();
    const done = Promise.all([module, after]).then(
      ([element]) => define(tag, element),
      (error: unknown) => {
        pending.delete(tag);
        console.error(`Kunta-Akkuna: could not load <${tag}>`, error);
      },
    );
    pending.set(tag, done);
    return done;
  };

  const discover = async (root: Element | Document | ShadowRoot): Promise<void> => {
    const found = [...root.querySelectorAll(':not(:defined)')];
    if (root instanceof Element && !customElements.get(root.localName)) found.push(root);
    const tags = new Set<string>();
    for (const element of found) {
      if (!element.localName.startsWith(PREFIX)) continue;
      tags.add(element.localName);
      if (loaders[element.localName]) preloadStrings(element);
    }
    if (tags.size === 0) return;
    const provider = tags.delete(PROVIDER) || pending.has(PROVIDER) ? register(PROVIDER) : undefined;
    await Promise.all([provider, ...[...tags].map((tag) => register(tag, provider))]);
  };

  const observe = (root: Document | ShadowRoot) => {
    const observer = new MutationObserver((mutations) => {
      for (const { addedNodes } of mutations) {
        for (const node of addedNodes) if (node instanceof Element) void discover(node);
      }
    });
    observer.observe(root, { subtree: true, childList: true });
    observers.push(observer);
  };

  observe(doc);
  void discover(doc);
  return {
    discover,
    observe: (root) => {
      observe(root);
      void discover(root);
    },
    stop: () => observers.splice(0).forEach((observer) => observer.disconnect()),
  };
}

/**
 * The language the element will most likely render in, as the widgets resolve it (its own `lang`, the closest
 * provider's, the page's; Finnish before the municipality's default is known), among the languages there are.
 * Only a guess for preloading, so the light DOM is enough.
 */
function likelyLanguage(element: Element, strings: StringsLoaders): string | undefined {
  for (const source of [element, element.closest('kunta-provider[lang]'), element.ownerDocument.documentElement]) {
    const code = source?.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0];
    if (code && strings[code]) return code;
  }
  return strings.fi ? 'fi' : undefined;
}
