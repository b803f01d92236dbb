import { createContext } from '@lit/context';
import type { KuntaClient } from '@kunta-akkuna/sdk';

/**
 * The client every widget uses. Keyed with Symbol.for so that a provider and widgets from two copies of the bundle
 * still find each other.
 */
export const clientContext = createContext<KuntaClient | undefined>(Symbol.for('kunta-akkuna:client'));
