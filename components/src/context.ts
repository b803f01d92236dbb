import { ContextRoot, createContext } from '@lit/context';
import type { KuntaClient } from '@kunta-akkuna/sdk';

/**
 * The client every widget uses. Keyed with Symbol.for so that a provider and widgets from two copies of the bundle
 * still find each other.
 */
export const clientContext = createContext<KuntaClient | undefined>(Symbol.for('kunta-akkuna:client'));

// A provider upgraded after its widgets (the autoloader defines elements as their chunks arrive; a CMS may add a
// provider later) still reaches them. Here rather than in an entry, so that every chunk that can render a widget
// attaches it before the first context request; once per page, also across bundles.
const ROOT_KEY = Symbol.for('kunta-akkuna:context-root');
const holder = globalThis as unknown as Record<symbol, ContextRoot | undefined>;
if (typeof document !== 'undefined' && !holder[ROOT_KEY]) {
  holder[ROOT_KEY] = new ContextRoot();
  holder[ROOT_KEY].attach(document.documentElement);
}
