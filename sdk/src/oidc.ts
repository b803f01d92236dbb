// `@kunta-akkuna/sdk/oidc`: the browser sign-in strategy on its own, for an app that imports nothing else of the
// SDK's auth (the root entry exports the same `oidcAuth`). oidc-client-ts is loaded only when there is a session.
export { oidcAuth, resetOidcRegistry, DEFAULT_SCOPE } from './auth.js';
export type { OidcAuthOptions, AuthStrategy, SessionUser } from './auth.js';
