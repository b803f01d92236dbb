/**
 * The dev identity provider: a real OpenID provider (oidc-provider 9) with the test citizens as accounts
 * (docs/contracts.md "Tokens"). Public clients only, Authorization Code + PKCE (S256), DPoP, rotating refresh
 * tokens, JWT access tokens for the API audience carrying the identity code only as a JWE the API can decrypt.
 *
 * The citizen chooser is our own page (no devInteractions) and appears on every sign-in: each authorization
 * request starts without the previous IdP session, so there is never a silent sign-in as the last citizen.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import Provider, {
  errors,
  type Account,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { TestCitizen } from '../emulators/population/citizens.js';
import { fileAdapter } from './file-adapter.js';
import { loadOrCreateKeys } from './keys.js';
import { chooserPage, errorPage, logoutPage, pageLanguage, signedOutPage } from './pages.js';

export interface DevIdpClient {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

/** A test staff member: signs in through the staff client and carries one municipality's notice-editor role. */
export interface DevIdpStaffMember {
  /** Chooser value and `sub`, e.g. `staff-nivala`. */
  key: string;
  /** e.g. "Nivalan tiedottaja". */
  name: string;
  municipalityName: string;
  /** The value put in the role claim, e.g. `notices:nivala`. */
  role: string;
}

/** Staff sign-in (the /admin/ page): one client, its own API audience, and the claim holding the roles. */
export interface DevIdpStaff {
  clientId: string;
  redirectUris: string[];
  audience: string;
  roleClaim: string;
  members: readonly DevIdpStaffMember[];
}

export interface DevIdpOptions {
  /** Staff sign-in; none when absent. */
  staff?: DevIdpStaff;
  /** Issuer URL, e.g. `http://localhost:8788` (no path). */
  issuer: string;
  clients: DevIdpClient[];
  /** The API's resource indicator and access-token `aud`, e.g. `urn:kunta-akkuna:api`. */
  audience: string;
  /** The API server's public EC P-256 JWK; the identity code is encrypted to it (ECDH-ES, A256GCM). */
  identityEncryptionKey: JWK;
  citizens: readonly TestCitizen[];
  /**
   * Where the signing and cookie keys (and, unless `persistState` is false, sessions, grants and refresh tokens)
   * are kept across restarts; everything in memory when absent.
   */
  keysDir?: string;
  /** With `keysDir`: also keep sessions, grants and tokens in `<keysDir>/dev-idp-state.json` (default true). */
  persistState?: boolean;
  /** Access-token claim carrying the encrypted identity code (default `ka_pid`). */
  identityCodeClaim?: string;
  /** Level of assurance put in `acr` (default substantial, `http://ftn.ficora.fi/2017/loa2`). */
  acr?: string;
  /** Access-token lifetime in seconds (default 300, at most 600). */
  accessTokenTtl?: number;
  /** Absolute refresh-token (and session) lifetime in seconds (default 8 hours). */
  refreshTokenTtl?: number;
  /** Scopes the API's access tokens may carry (default `openid profile`). */
  apiScopes?: string[];
}

export interface DevIdp {
  issuer: string;
  provider: Provider;
  /** A Node request listener serving the provider and the dev IdP's own pages. */
  handler: ReturnType<Provider['callback']>;
}

export const DEFAULT_ACR = 'http://ftn.ficora.fi/2017/loa2';
export const DEFAULT_IDENTITY_CODE_CLAIM = 'ka_pid';
const MAX_ACCESS_TOKEN_TTL = 600;

const CSS = readFileSync(new URL('./dev-idp.css', import.meta.url), 'utf8');

type Middleware = Parameters<Provider['use']>[0];

function originsOf(uris: readonly string[]): string[] {
  return [...new Set(uris.map((uri) => new URL(uri).origin))];
}

function pageHeaders(ctx: KoaContextWithOIDC, formOrigins: readonly string[]): void {
  ctx.set(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      "style-src 'self'",
      "img-src 'self'",
      // Chromium applies form-action to the redirects that follow a form post, which end at the client.
      `form-action 'self' ${formOrigins.join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.type = 'text/html; charset=utf-8';
}

/** The page language of a request oidc-provider has parsed (`ui_locales` of the authorization or logout request). */
function requestLanguage(ctx: KoaContextWithOIDC): ReturnType<typeof pageLanguage> {
  return pageLanguage(ctx.oidc?.params?.ui_locales ?? ctx.query?.ui_locales);
}

async function readForm(req: IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new errors.InvalidRequest('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function createDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.pathname !== '/' || issuerUrl.search || issuerUrl.hash) {
    throw new Error('the dev IdP issuer must be an origin without a path');
  }
  const accessTokenTtl = options.accessTokenTtl ?? 300;
  if (!Number.isInteger(accessTokenTtl) || accessTokenTtl <= 0 || accessTokenTtl > MAX_ACCESS_TOKEN_TTL) {
    throw new Error(`accessTokenTtl must be an integer 1–${MAX_ACCESS_TOKEN_TTL} seconds`);
  }
  const refreshTokenTtl = options.refreshTokenTtl ?? 8 * 60 * 60;
  const acr = options.acr ?? DEFAULT_ACR;
  const identityCodeClaim = options.identityCodeClaim ?? DEFAULT_IDENTITY_CODE_CLAIM;
  const apiScope = (options.apiScopes ?? ['openid', 'profile']).join(' ');
  const { audience } = options;

  const { kty, crv } = options.identityEncryptionKey;
  if (kty !== 'EC' || crv !== 'P-256' || 'd' in options.identityEncryptionKey) {
    throw new Error('identityEncryptionKey must be a public EC P-256 JWK');
  }
  const encryptionKey = await importJWK(options.identityEncryptionKey, 'ECDH-ES');
  const encryptIdentityCode = (code: string): Promise<string> =>
    new CompactEncrypt(new TextEncoder().encode(code))
      .setProtectedHeader({
        alg: 'ECDH-ES',
        enc: 'A256GCM',
        ...(options.identityEncryptionKey.kid ? { kid: options.identityEncryptionKey.kid } : {}),
      })
      .encrypt(encryptionKey);

  const citizensBySub = new Map(options.citizens.map((c) => [c.sub, c]));
  const staff = options.staff;
  const staffBySub = new Map((staff?.members ?? []).map((m) => [m.key, m]));
  const allClients: DevIdpClient[] = [
    ...options.clients,
    ...(staff
      ? [{ clientId: staff.clientId, redirectUris: staff.redirectUris, postLogoutRedirectUris: staff.redirectUris }]
      : []),
  ];
  // The chooser of the staff client lists staff members, every other client's lists the citizens.
  const peopleFor = (clientId: string) =>
    staff && clientId === staff.clientId
      ? staff.members.map((m) => {
          const [givenName = m.name, ...rest] = m.name.split(' ');
          return {
            key: m.key,
            givenName,
            familyName: rest.join(' '),
            municipalityName: m.municipalityName,
            sub: m.key,
          };
        })
      : options.citizens;
  const corsOrigins = new Map(
    allClients.map((c) => [c.clientId, new Set(originsOf([...c.redirectUris, ...(c.postLogoutRedirectUris ?? [])]))]),
  );
  const formOrigins = originsOf(allClients.flatMap((c) => [...c.redirectUris, ...(c.postLogoutRedirectUris ?? [])]));
  const keys = await loadOrCreateKeys(options.keysDir);

  const clients: ClientMetadata[] = allClients.map((c) => ({
    client_id: c.clientId,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
    id_token_signed_response_alg: 'ES256',
  }));

  const configuration: Configuration = {
    ...(options.keysDir && options.persistState !== false
      ? { adapter: fileAdapter(join(options.keysDir, 'dev-idp-state.json')) }
      : {}),
    clients,
    jwks: { keys: keys.signing as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      keys: keys.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: {
      openid: ['sub', 'acr'],
      profile: ['name', 'given_name', 'family_name'],
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
    },
    acrValues: [acr],
    discovery: { ui_locales_supported: ['fi', 'sv', 'en'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    conformIdTokenClaims: false,
    clientBasedCORS: (_ctx, origin, client) => corsOrigins.get(client.clientId)?.has(origin) ?? false,
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          pageHeaders(ctx, formOrigins);
          ctx.body = logoutPage(form, requestLanguage(ctx));
        },
        postLogoutSuccessSource: (ctx) => {
          pageHeaders(ctx, formOrigins);
          ctx.body = signedOutPage(requestLanguage(ctx));
        },
      },
      resourceIndicators: {
        enabled: true,
        // oidc-client-ts sends no `resource` unless configured: default to the API, so the client always gets
        // an API access token.
        defaultResource: (_ctx, client, oneOf) => {
          const own = staff && client.clientId === staff.clientId ? staff.audience : audience;
          if (!oneOf) return own;
          return oneOf.includes(own) ? own : oneOf;
        },
        // At the token endpoint, without `resource`, issue for the resource granted at authorization.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator, client) => {
          // Staff tokens only for the staff client, citizen tokens only for the others.
          const isStaffClient = staff !== undefined && client.clientId === staff.clientId;
          const expected = isStaffClient ? staff.audience : audience;
          if (resourceIndicator !== expected) throw new errors.InvalidTarget();
          return {
            scope: apiScope,
            audience: expected,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !('accountId' in token)) return undefined;
      const member = staffBySub.get(String(token.accountId));
      if (member && staff) return { name: member.name, [staff.roleClaim]: [member.role] };
      const citizen = citizensBySub.get(String(token.accountId));
      if (!citizen) return undefined;
      return { acr, [identityCodeClaim]: await encryptIdentityCode(citizen.hetu) };
    },
    findAccount: (_ctx, sub): Account | undefined => {
      const member = staffBySub.get(sub);
      if (member) return { accountId: member.key, claims: () => ({ sub: member.key, name: member.name }) };
      const citizen = citizensBySub.get(sub);
      if (!citizen) return undefined;
      return {
        accountId: citizen.sub,
        // Never the identity code: tokens that reach the browser carry only the pseudonym and names.
        claims: () => ({
          sub: citizen.sub,
          name: `${citizen.givenName} ${citizen.familyName}`,
          given_name: citizen.givenName,
          family_name: citizen.familyName,
        }),
      };
    },
    // Consent is implicit for the dev IdP: whatever the registered client asked for is granted.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const client = oidc.client;
      const accountId = oidc.session?.accountId;
      if (!client || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const grant =
        existing?.accountId === accountId
          ? existing
          : new oidc.provider.Grant({ accountId, clientId: client.clientId });
      const oidcScopes = [...oidc.requestParamOIDCScopes];
      if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(' '));
      for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers ?? {})) {
        const scopes = [...oidc.requestParamScopes].filter((s) => resourceServer.scopes.has(s));
        if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
      }
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Refresh tokens end with the sign-in session (sign-out revokes them), whatever the scope.
    expiresWithSession: () => true,
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: accessTokenTtl,
      Interaction: 10 * 60,
      // Absolute lifetime: a rotated token inherits what is left of its predecessor's.
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? refreshTokenTtl,
      Session: refreshTokenTtl,
      Grant: refreshTokenTtl,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      pageHeaders(ctx, formOrigins);
      ctx.body = errorPage(out.error, out.error_description, requestLanguage(ctx));
    },
  };

  const provider = new Provider(options.issuer, configuration);

  const sessionCookie = provider.cookieName('session');
  const authorizationPath = new URL(provider.urlFor('authorization')).pathname;

  const middleware: Middleware = async (ctx, next) => {
    const path = ctx.path;

    // Every sign-in starts without the previous session, so the chooser always appears and picking another
    // citizen never meets the previous one's session.
    if (path === authorizationPath && ctx.get('cookie')) {
      ctx.request.headers.cookie = ctx
        .get('cookie')
        .split(';')
        .filter((c) => !c.trim().startsWith(sessionCookie))
        .join(';');
    }

    if (path === '/dev-idp.css' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.type = 'text/css; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = CSS;
      return;
    }

    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/.exec(path);
    if (!match) return next();
    const [, uid, action] = match as unknown as [string, string, string | undefined];
    const oidcCtx = ctx as unknown as KoaContextWithOIDC;

    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== uid) throw new errors.InvalidRequest('interaction mismatch');
      const clientId = String(details.params.client_id ?? '');
      const lang = pageLanguage(details.params.ui_locales);

      if (ctx.method === 'GET' && action === undefined) {
        if (details.prompt.name === 'login') {
          pageHeaders(oidcCtx, formOrigins);
          ctx.body = chooserPage({ uid, clientId, citizens: peopleFor(clientId), lang });
          return;
        }
        // Any other prompt (consent) is granted: loadExistingGrant already covers what was asked.
        const redirectTo = await provider.interactionResult(
          ctx.req,
          ctx.res,
          { consent: {} },
          {
            mergeWithLastSubmission: true,
          },
        );
        ctx.status = 303;
        ctx.redirect(redirectTo);
        return;
      }

      if (ctx.method === 'POST' && action === 'abort') {
        const redirectTo = await provider.interactionResult(ctx.req, ctx.res, {
          error: 'access_denied',
          error_description: 'End-User aborted interaction',
        });
        ctx.status = 303;
        ctx.redirect(redirectTo);
        return;
      }

      if (ctx.method === 'POST' && action === 'login' && details.prompt.name === 'login') {
        const form = await readForm(ctx.req);
        const citizen = peopleFor(clientId).find((c) => c.key === form.get('citizen'));
        if (!citizen) {
          ctx.status = 400;
          pageHeaders(oidcCtx, formOrigins);
          ctx.body = chooserPage({ uid, clientId, citizens: peopleFor(clientId), lang, error: true });
          return;
        }
        const redirectTo = await provider.interactionResult(ctx.req, ctx.res, {
          login: { accountId: citizen.sub, acr, amr: ['test'], remember: false },
        });
        // The resume request must not bring back an earlier sign-in's session (that would make oidc-provider
        // ask to sign the previous citizen out first); the login result then starts a new session.
        ctx.cookies.set(sessionCookie, null, { path: '/', httpOnly: true, sameSite: 'lax', signed: true });
        ctx.status = 303;
        ctx.redirect(redirectTo);
        return;
      }

      ctx.status = 405;
      pageHeaders(oidcCtx, formOrigins);
      ctx.body = errorPage('method_not_allowed', undefined, lang);
    } catch (error) {
      const oidcError = error instanceof errors.OIDCProviderError ? error : undefined;
      ctx.status = oidcError?.statusCode ?? 500;
      pageHeaders(oidcCtx, formOrigins);
      ctx.body = errorPage(oidcError?.error ?? 'server_error', oidcError?.error_description, requestLanguage(oidcCtx));
    }
  };
  provider.use(middleware);

  return { issuer: options.issuer, provider, handler: provider.callback() };
}

export interface StartedDevIdp {
  url: string;
  idp: DevIdp;
  close: () => Promise<void>;
}

/**
 * Starts the dev IdP on `port` (0 = any free port). Without `issuer`, the issuer is `http://localhost:<port>`.
 */
export async function startDevIdp(
  options: Omit<DevIdpOptions, 'issuer'> & { issuer?: string; port: number; host?: string },
): Promise<StartedDevIdp> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = options.issuer ?? `http://localhost:${port}`;
  try {
    const idp = await createDevIdp({ ...options, issuer: url });
    server.on('request', idp.handler);
    return {
      url,
      idp,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  } catch (error) {
    server.close();
    throw error;
  }
}
