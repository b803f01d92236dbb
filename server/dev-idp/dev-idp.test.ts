import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  calculateJwkThumbprint,
  compactDecrypt,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import { testCitizens, type TestCitizen } from '../emulators/population/citizens.js';
import { createDevIdp, startDevIdp, type StartedDevIdp } from './index.js';

const AUDIENCE = 'urn:kunta-akkuna:api';
const CLIENT_ID = 'kunta-akkuna-nivala';
const REDIRECT_URI = 'http://localhost:8080/callback.html';
const CLIENT_ORIGIN = 'http://localhost:8080';
// Under REDIRECT_URI, so that `follow` stops at it as at the citizen client's.
const STAFF = {
  clientId: 'kunta-akkuna-admin',
  redirectUri: 'http://localhost:8080/callback.html?admin',
  audience: 'urn:kunta-akkuna:staff',
  roleClaim: 'ka_roles',
};

let idp: StartedDevIdp;
let citizens: TestCitizen[];
let apiPrivateKey: CryptoKey;
let apiPublicJwk: JWK;
let dpopKeys: { privateKey: CryptoKey; publicJwk: JWK; jkt: string };

/** A tiny cookie jar: what a browser would keep for the IdP's origin. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now());
      if (!value || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function dpopProof(htu: string, htm = 'POST'): Promise<string> {
  return new SignJWT({ jti: randomUUID(), htm, htu })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: dpopKeys.publicJwk })
    .setIssuedAt()
    .sign(dpopKeys.privateKey);
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface Authorization {
  jar: CookieJar;
  verifier: string;
  state: string;
}

/** Follows redirects by hand (keeping cookies) until a page or the client's redirect URI. */
async function follow(
  jar: CookieJar,
  url: string,
  init: RequestInit = {},
): Promise<{ url: string; response: Response }> {
  let current = url;
  let request: RequestInit = init;
  for (let hops = 0; hops < 10; hops += 1) {
    if (current.startsWith(REDIRECT_URI)) return { url: current, response: new Response(null) };
    const response = await fetch(current, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string> | undefined), cookie: jar.header() },
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
    current = new URL(location, current).href;
    request = {};
  }
  throw new Error('too many redirects');
}

async function startAuthorization(
  jar = new CookieJar(),
  extra: Record<string, string> = {},
): Promise<Authorization & { page: Response; pageUrl: string }> {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString('hex');
  const authorize = new URL('/auth', idp.url);
  for (const [key, value] of Object.entries({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile offline_access',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  })) {
    authorize.searchParams.set(key, value);
  }
  const { url, response } = await follow(jar, authorize.href);
  return { jar, verifier, state, page: response, pageUrl: url };
}

async function chooseCitizen(auth: Authorization & { page: Response; pageUrl: string }, key: string): Promise<string> {
  const html = await auth.page.text();
  const action = /<form method="post" action="([^"]+\/login)">/.exec(html)?.[1];
  assert.ok(action, 'the chooser has a login form');
  const { url } = await follow(auth.jar, new URL(action, auth.pageUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ citizen: key }).toString(),
  });
  assert.ok(url.startsWith(REDIRECT_URI), `redirected back to the client, got ${url}`);
  const params = new URL(url).searchParams;
  assert.equal(params.get('state'), auth.state);
  assert.equal(params.get('error'), null, params.get('error_description') ?? '');
  const code = params.get('code');
  assert.ok(code);
  return code;
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  error?: string;
}

async function tokenRequest(
  body: Record<string, string>,
  withDpop = true,
): Promise<{ status: number; json: TokenResponse }> {
  const endpoint = `${idp.url}/token`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: CLIENT_ORIGIN,
      ...(withDpop ? { dpop: await dpopProof(endpoint) } : {}),
    },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...body }).toString(),
  });
  assert.equal(response.headers.get('access-control-allow-origin'), CLIENT_ORIGIN);
  return { status: response.status, json: (await response.json()) as TokenResponse };
}

async function signIn(key: string, jar = new CookieJar()): Promise<TokenResponse> {
  const auth = await startAuthorization(jar);
  const code = await chooseCitizen(auth, key);
  const { status, json } = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: auth.verifier,
  });
  assert.equal(status, 200, JSON.stringify(json));
  return json;
}

function citizen(key: string): TestCitizen {
  const found = citizens.find((c) => c.key === key);
  assert.ok(found);
  return found;
}

before(async () => {
  citizens = testCitizens(new Date());
  const apiKeys = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  apiPrivateKey = apiKeys.privateKey;
  apiPublicJwk = { ...(await exportJWK(apiKeys.publicKey)), kid: 'api-enc-1' };
  const dpop = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(dpop.publicKey);
  dpopKeys = { privateKey: dpop.privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk) };
  idp = await startDevIdp({
    port: 0,
    clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [`${CLIENT_ORIGIN}/`] }],
    audience: AUDIENCE,
    identityEncryptionKey: apiPublicJwk,
    citizens,
    staff: {
      clientId: STAFF.clientId,
      redirectUris: [STAFF.redirectUri],
      audience: STAFF.audience,
      roleClaim: STAFF.roleClaim,
      members: [
        { key: 'staff-nivala', name: 'Nivalan tiedottaja', municipalityName: 'Nivala', role: 'notices:nivala' },
      ],
    },
  });
});

after(async () => {
  await idp.close();
});

describe('dev IdP discovery', () => {
  it('advertises code + PKCE S256 only, DPoP, revocation and the two grant types', async () => {
    const response = await fetch(`${idp.url}/.well-known/openid-configuration`, { headers: { origin: CLIENT_ORIGIN } });
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('access-control-allow-origin'));
    const meta = (await response.json()) as Record<string, unknown>;
    assert.equal(meta.issuer, idp.url);
    assert.deepEqual(meta.response_types_supported, ['code']);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.deepEqual([...(meta.grant_types_supported as string[])].sort(), ['authorization_code', 'refresh_token']);
    assert.ok((meta.dpop_signing_alg_values_supported as string[]).includes('ES256'));
    assert.ok(meta.revocation_endpoint);
    assert.ok(meta.end_session_endpoint);
    assert.deepEqual(meta.acr_values_supported, ['http://ftn.ficora.fi/2017/loa2']);
  });
});

describe('dev IdP sign-in page', () => {
  it('lists the five test citizens as labelled buttons on an accessible page under a strict CSP', async () => {
    const auth = await startAuthorization();
    assert.equal(auth.page.status, 200);
    assert.match(auth.pageUrl, /\/interaction\/[\w-]+$/);
    const csp = auth.page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await auth.page.text();
    assert.match(html, /<html lang="fi">/);
    assert.match(html, /<main>/);
    assert.match(html, /<h1>Valitse testihenkilö<\/h1>/);
    assert.match(html, /<button class="secondary" type="submit">Peruuta<\/button>/);
    assert.match(html, /<link rel="stylesheet" href="\/dev-idp.css">/);
    assert.doesNotMatch(html, /<script|<style|style=/i);
    const buttons = [
      ...html.matchAll(/<button class="citizen" type="submit" name="citizen" value="(\w+)">(.*?)<\/button>/g),
    ];
    assert.deepEqual(
      buttons.map((b) => b[1]),
      ['maija', 'matti', 'aino', 'juha', 'liisa'],
    );
    assert.match(buttons[0]?.[2] ?? '', /Maija Meikäläinen.*Nivala/);
    for (const c of citizens) assert.ok(!html.includes(c.hetu), 'no identity code on the page');

    const css = await fetch(`${idp.url}/dev-idp.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await css.text(), /:focus-visible/);
  });

  it('shows the chooser again on the next sign-in in the same browser', async () => {
    const first = await startAuthorization();
    await chooseCitizen(first, 'maija');
    const second = await startAuthorization(first.jar);
    assert.equal(second.page.status, 200);
    assert.match(second.pageUrl, /\/interaction\//);
    // Choosing a different citizen in the same browser works without a sign-out.
    await chooseCitizen(second, 'juha');
  });

  it('shows its pages in the language the client asks for with ui_locales (fi, sv, en; Finnish otherwise)', async () => {
    for (const [uiLocales, lang, heading, cancel] of [
      ['sv', 'sv', 'Välj en testperson', 'Avbryt'],
      ['sv-FI fi', 'sv', 'Välj en testperson', 'Avbryt'],
      ['en', 'en', 'Choose a test person', 'Cancel'],
      ['de en', 'en', 'Choose a test person', 'Cancel'],
      ['fi', 'fi', 'Valitse testihenkilö', 'Peruuta'],
      ['de', 'fi', 'Valitse testihenkilö', 'Peruuta'],
    ] as const) {
      const auth = await startAuthorization(undefined, { ui_locales: uiLocales });
      const html = await auth.page.text();
      assert.match(html, new RegExp(`<html lang="${lang}">`), uiLocales);
      assert.match(html, new RegExp(`<h1>${heading}</h1>`), uiLocales);
      assert.match(html, new RegExp(`<button class="secondary" type="submit">${cancel}</button>`), uiLocales);
    }
    const meta = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.deepEqual(meta.ui_locales_supported, ['fi', 'sv', 'en']);
  });

  it('returns access_denied to the client when the user cancels', async () => {
    const auth = await startAuthorization();
    const html = await auth.page.text();
    const action = /<form method="post" action="([^"]+\/abort)"/.exec(html)?.[1];
    assert.ok(action);
    const { url } = await follow(auth.jar, new URL(action, auth.pageUrl).href, { method: 'POST' });
    assert.equal(new URL(url).searchParams.get('error'), 'access_denied');
  });

  it('refuses an authorization request without PKCE', async () => {
    const jar = new CookieJar();
    const authorize = new URL('/auth', idp.url);
    authorize.search = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
      state: 'x',
    }).toString();
    const { url } = await follow(jar, authorize.href);
    assert.equal(new URL(url).searchParams.get('error'), 'invalid_request');
  });
});

describe('dev IdP tokens', () => {
  it('issues a DPoP-bound JWT access token for the API with the identity code only as a JWE', async () => {
    const tokens = await signIn('maija');
    const maija = citizen('maija');
    assert.equal(tokens.token_type, 'DPoP');
    assert.ok(tokens.expires_in <= 600);
    assert.ok(tokens.refresh_token, 'a refresh token is issued');

    const header = decodeProtectedHeader(tokens.access_token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.alg, 'ES256');
    assert.ok(header.kid);

    const jwks = createRemoteJWKSet(new URL(`${idp.url}/jwks`));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: idp.url,
      audience: AUDIENCE,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    assert.equal(payload.aud, AUDIENCE);
    assert.equal(payload.sub, maija.sub);
    assert.equal(payload.client_id, CLIENT_ID);
    assert.equal(payload.acr, 'http://ftn.ficora.fi/2017/loa2');
    assert.ok(payload.jti);
    assert.match(String(payload.scope), /openid/);
    assert.ok(payload.exp! - payload.iat! <= 600 && payload.exp! - payload.iat! > 0);
    assert.deepEqual(payload.cnf, { jkt: dpopKeys.jkt });

    const kaPid = payload.ka_pid;
    assert.equal(typeof kaPid, 'string');
    assert.equal(String(kaPid).split('.').length, 5, 'compact JWE');
    const jweHeader = decodeProtectedHeader(String(kaPid));
    assert.equal(jweHeader.alg, 'ECDH-ES');
    assert.equal(jweHeader.enc, 'A256GCM');
    assert.equal(jweHeader.kid, 'api-enc-1');
    const { plaintext } = await compactDecrypt(String(kaPid), apiPrivateKey);
    assert.equal(new TextDecoder().decode(plaintext), maija.hetu);
    assert.ok(!tokens.access_token.includes(maija.hetu));
    assert.ok(!JSON.stringify(payload).includes(maija.hetu), 'the code is not readable from the token');

    assert.ok(tokens.id_token);
    const idToken = decodeJwt(tokens.id_token);
    assert.equal(decodeProtectedHeader(tokens.id_token).alg, 'ES256');
    assert.equal(idToken.sub, maija.sub);
    assert.equal(idToken.aud, CLIENT_ID);
    assert.equal(idToken.name, 'Maija Meikäläinen');
    assert.equal(idToken.given_name, 'Maija');
    assert.equal(idToken.family_name, 'Meikäläinen');
    assert.equal(idToken.acr, 'http://ftn.ficora.fi/2017/loa2');
    assert.equal(idToken.ka_pid, undefined);
    assert.ok(!JSON.stringify(idToken).includes(maija.hetu), 'no identity code in the ID token');
    assert.ok(!JSON.stringify(idToken).includes(maija.hetu.slice(0, 6)), 'no birth-date part either');
  });

  it('issues an API token also when the client sends resource explicitly, and refuses other resources', async () => {
    const auth = await startAuthorization(undefined, { resource: AUDIENCE });
    const code = await chooseCitizen(auth, 'juha');
    const ok = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: auth.verifier,
      resource: AUDIENCE,
    });
    assert.equal(ok.status, 200);
    assert.equal(decodeJwt(ok.json.access_token).aud, AUDIENCE);

    const other = await startAuthorization(undefined, { resource: 'https://elsewhere.example/api' });
    assert.equal(new URL(other.pageUrl).searchParams.get('error'), 'invalid_target');
  });

  it('rotates the refresh token on every use and refuses a rotated one (revoking the grant)', async () => {
    const tokens = await signIn('maija');
    const first = tokens.refresh_token!;

    const second = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    assert.equal(second.status, 200, JSON.stringify(second.json));
    assert.ok(second.json.refresh_token && second.json.refresh_token !== first, 'a new refresh token');
    assert.equal(decodeJwt(second.json.access_token).aud, AUDIENCE);
    assert.deepEqual(decodeJwt(second.json.access_token).cnf, { jkt: dpopKeys.jkt });
    assert.ok(decodeJwt(second.json.access_token).ka_pid);

    const third = await tokenRequest({ grant_type: 'refresh_token', refresh_token: second.json.refresh_token! });
    assert.equal(third.status, 200, 'the new refresh token works');

    const reused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    assert.equal(reused.status, 400);
    assert.equal(reused.json.error, 'invalid_grant');

    const afterReuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: third.json.refresh_token! });
    assert.equal(afterReuse.json.error, 'invalid_grant', 'reuse detection revoked the whole grant');
  });

  it('binds the refresh token to the DPoP key', async () => {
    const tokens = await signIn('liisa');
    const withoutProof = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! },
      false,
    );
    assert.equal(withoutProof.status, 400);
    assert.equal(withoutProof.json.error, 'invalid_grant');
  });

  it('revokes a refresh token at the revocation endpoint', async () => {
    const tokens = await signIn('aino');
    const response = await fetch(`${idp.url}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: CLIENT_ORIGIN },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        token: tokens.refresh_token!,
        token_type_hint: 'refresh_token',
      }).toString(),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), CLIENT_ORIGIN);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    assert.equal(refreshed.json.error, 'invalid_grant');
  });

  it('signs out through RP-initiated logout, which also ends the refresh token', async () => {
    const jar = new CookieJar();
    const tokens = await signIn('matti', jar);
    const endSession = new URL('/session/end', idp.url);
    endSession.search = new URLSearchParams({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${CLIENT_ORIGIN}/`,
      client_id: CLIENT_ID,
    }).toString();
    const confirm = await follow(jar, endSession.href);
    assert.equal(confirm.response.status, 200);
    assert.match(
      confirm.response.headers.get('content-security-policy') ?? '',
      /form-action 'self' http:\/\/localhost:8080/,
    );
    const html = await confirm.response.text();
    assert.match(html, /<html lang="fi">/);
    assert.doesNotMatch(html, /<script|<style|style=/i);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && xsrf);
    const response = await fetch(new URL(action, idp.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${CLIENT_ORIGIN}/`);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    assert.equal(refreshed.json.error, 'invalid_grant');
  });

  it('allows CORS from the client origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${idp.url}/token`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'dpop' },
      });
    const allowed = await preflight(CLIENT_ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-origin'), CLIENT_ORIGIN);
    const response = await fetch(`${idp.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x' }).toString(),
    });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('dev IdP keys', () => {
  it('keeps its signing key in keysDir across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-idp-keys-'));
    try {
      const options = {
        issuer: 'http://localhost:1',
        clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI] }],
        audience: AUDIENCE,
        identityEncryptionKey: apiPublicJwk,
        citizens,
        keysDir: dir,
      };
      const jwksOf = async () => {
        const { handler } = await createDevIdp(options);
        const server = (await import('node:http')).createServer(handler);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const { port } = server.address() as { port: number };
        const body = await (await fetch(`http://127.0.0.1:${port}/jwks`)).json();
        server.close();
        return body as { keys: JWK[] };
      };
      const a = await jwksOf();
      const b = await jwksOf();
      assert.equal(a.keys.length, 1);
      assert.deepEqual(a, b);
      assert.equal(a.keys[0]?.d, undefined, 'the JWKS publishes no private part');
      const stat = await readFile(join(dir, 'dev-idp-keys.json'), 'utf8');
      assert.match(stat, /"kty": "EC"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps sessions and refresh tokens across a restart when given keysDir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-idp-state-'));
    const shared = idp;
    try {
      const options = {
        clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI] }],
        audience: AUDIENCE,
        identityEncryptionKey: apiPublicJwk,
        citizens,
        keysDir: dir,
      };
      idp = await startDevIdp({ port: 0, ...options });
      const port = new URL(idp.url).port;
      const tokens = await signIn('juha');
      await idp.close();
      idp = await startDevIdp({ port: Number(port), ...options });
      const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
      assert.equal(decodeJwt(refreshed.json.access_token).sub, citizen('juha').sub);
      const stored = await readFile(join(dir, 'dev-idp-state.json'), 'utf8');
      assert.ok(!stored.includes(citizen('juha').hetu), 'no identity code in clear in the stored state');
      await idp.close();
    } finally {
      idp = shared;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a private or non-P-256 identity encryption key', async () => {
    const base = {
      issuer: 'http://localhost:1',
      clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI] }],
      audience: AUDIENCE,
      citizens,
    };
    const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    await assert.rejects(createDevIdp({ ...base, identityEncryptionKey: await exportJWK(privateKey) }));
    await assert.rejects(createDevIdp({ ...base, identityEncryptionKey: { kty: 'RSA', n: 'x', e: 'AQAB' } }));
    await assert.rejects(createDevIdp({ ...base, identityEncryptionKey: apiPublicJwk, accessTokenTtl: 3600 }));
  });
});

describe('dev IdP staff sign-in', () => {
  async function staffAuthorization(clientId: string, redirectUri: string, jar = new CookieJar()) {
    const { verifier, challenge } = pkce();
    const authorize = new URL('/auth', idp.url);
    for (const [key, value] of Object.entries({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: 'staff',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(key, value);
    }
    const { url, response } = await follow(jar, authorize.href);
    return { jar, verifier, state: 'staff', page: response, pageUrl: url };
  }

  it('lists staff members (not citizens) for the staff client, and issues a staff token with the role claim', async () => {
    const auth = await staffAuthorization(STAFF.clientId, STAFF.redirectUri);
    const page = await auth.page.clone().text();
    assert.match(page, /Nivalan tiedottaja/);
    assert.doesNotMatch(page, /Maija/);
    const code = await chooseCitizen(auth, 'staff-nivala');
    const endpoint = `${idp.url}/token`;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: CLIENT_ORIGIN,
        dpop: await dpopProof(endpoint),
      },
      body: new URLSearchParams({
        client_id: STAFF.clientId,
        grant_type: 'authorization_code',
        code,
        redirect_uri: STAFF.redirectUri,
        code_verifier: auth.verifier,
      }).toString(),
    });
    const tokens = (await response.json()) as TokenResponse;
    assert.equal(response.status, 200, JSON.stringify(tokens));
    const claims = decodeJwt(tokens.access_token);
    assert.equal(claims.aud, STAFF.audience);
    assert.equal(claims.client_id, STAFF.clientId);
    assert.deepEqual(claims[STAFF.roleClaim], ['notices:nivala']);
    assert.equal(claims.name, 'Nivalan tiedottaja');
    assert.equal(claims.ka_pid, undefined, 'no identity code for staff');
  });

  it('never gives a citizen client the staff audience, nor a staff member a citizen sign-in', async () => {
    const citizenAsksStaff = await startAuthorization(undefined, { resource: STAFF.audience });
    assert.equal(new URL(citizenAsksStaff.pageUrl).searchParams.get('error'), 'invalid_target');
    const auth = await startAuthorization();
    assert.doesNotMatch(await auth.page.text(), /tiedottaja/);
  });
});
