// The autoloader behind the script tag (model: Shoelace's shoelace-autoloader.ts): it defines only the
// `kunta-*` elements found on the page, now or later, importing each widget's chunk on first sight.
import { define } from './define.js';

/** Imports one widget's module and resolves to its element class. */
export type WidgetLoader = () => Promise<CustomElementConstructor>;

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
export function startAutoloader(loaders: Readonly<Record<string, WidgetLoader>>, doc: Document = document): Autoloader {
  const pending = new Map<string, Promise<void>>();
  const warned = new Set<string>();
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
    const tags = new Set<string>();
    if (root instanceof Element && root.localName.startsWith(PREFIX) && !customElements.get(root.localName)) {
      tags.add(root.localName);
    }
    for (const element of root.querySelectorAll(':not(:defined)')) {
      if (element.localName.startsWith(PREFIX)) tags.add(element.localName);
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
