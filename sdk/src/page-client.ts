// Page-wide clients: widgets that are not inside a <kunta-provider> share one client per (api, municipality),
// and through oidcAuth's registry one UserManager per authority + client id.
import { deferredAuth, oidcAuth } from './auth.js';
import type { AuthStrategy } from './auth.js';
import { createClient } from './client.js';
import type { KuntaClient } from './client.js';
import type { Municipality } from './types.js';

export interface PageClientOptions {
  /** fetch implementation (tests, non-browser hosts). Only honoured when the client is first created. */
  fetch?: typeof fetch;
  /** Builds the auth strategy from the municipality's settings; default `oidcAuth` redirecting back to this page. */
  createAuth?: (settings: Municipality['auth'], municipality: Municipality) => AuthStrategy;
}

const PAGE_CLIENTS_KEY = Symbol.for('kunta-akkuna:page-clients');

function pageClients(): Map<string, KuntaClient> {
  const holder = globalThis as unknown as Record<symbol, Map<string, KuntaClient> | undefined>;
  return (holder[PAGE_CLIENTS_KEY] ??= new Map());
}

function currentPageUrl(): string {
  if (typeof location === 'undefined') {
    throw new TypeError('getPageClient: no page location; pass options.createAuth outside a browser');
  }
  return location.origin + location.pathname;
}

function defaultAuth(settings: Municipality['auth']): AuthStrategy {
  return oidcAuth({
    authority: settings.authority,
    clientId: settings.clientId,
    redirectUri: currentPageUrl(),
    ...(settings.scope ? { scope: settings.scope } : {}),
    ...(settings.resource ? { resource: settings.resource } : {}),
  });
}

/**
 * The page's client for `api` + `municipality`, created once and memoised (also across bundles on the page).
 * Its auth strategy is created lazily: on first use it reads `GET {api}/v1/municipalities/{municipality}` for
 * the identity-provider settings and builds an `oidcAuth` whose redirect URI is this page.
 */
export function getPageClient(api: string, municipality: string, options: PageClientOptions = {}): KuntaClient {
  if (typeof api !== 'string' || !URL.canParse(api))
    throw new TypeError('getPageClient(api): api must be an absolute URL');
  const key = `${new URL(api).href.replace(/\/+$/, '')}|${municipality}`;
  const existing = pageClients().get(key);
  if (existing) return existing;

  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const publicClient = createClient({ baseUrl: api, municipality, ...fetchOption });
  const createAuth = options.createAuth ?? defaultAuth;
  const auth = deferredAuth(async () => {
    const settings = await publicClient.municipality.retrieve();
    return createAuth(settings.auth, settings);
  });
  const client = createClient({ baseUrl: api, municipality, auth, ...fetchOption });
  pageClients().set(key, client);
  return client;
}

/** Test seam: forgets every page client. */
export function resetPageClients(): void {
  pageClients().clear();
}
