// The SDK as a developer gets it: `npm pack` of sdk/, installed into an empty folder outside the workspace (its
// dependencies from the npm registry), then a plain Node script and a TypeScript file type-checked by a strict
// `tsc` and run, against the whole stack: municipality settings, the public feed, a service search, and a personal
// call with a DPoP-bound access token from the dev identity provider (staticTokenAuth with the token's key).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startStack, type RunningStack } from '../../scripts/stack.js';
// The SDK's own proof function (from source) signs the token request, as a Node program would with its library.
import { dpopProof } from '../../sdk/src/dpop.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PORTS = { apiPort: 32787, idpPort: 32788, emulatorPort: 32789, demoPort: 32080 };
const CLIENT_ID = 'kunta-akkuna-nivala';

let stack: RunningStack;
let dataDir: string;
let app: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kunta-package-data-'));
  app = mkdtempSync(join(tmpdir(), 'kunta-sdk-consumer-'));
  assert.ok(!app.startsWith(ROOT), 'the consumer folder is outside the workspace');
  // `prepack` builds dist/ (ESM + .d.ts) first.
  execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: join(ROOT, 'sdk'), stdio: 'pipe' });
  const tarball = readdirSync(app).find((name) => /^kunta-akkuna-sdk-.*\.tgz$/.test(name));
  assert.ok(tarball, 'npm pack wrote a tarball');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-workspaces',
      `./${tarball}`,
      'typescript@~5.9.3',
      '@types/node@^20.19.0',
    ],
    { cwd: app, stdio: 'pipe' },
  );
  stack = await startStack({ ...PORTS, dataDir, quiet: true });
});

after(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
});

/**
 * Runs `file` in the consumer folder with node; returns its stdout, or fails with its stderr. Asynchronous: the
 * stack answers from this process.
 */
async function node(file: string, env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd: app,
      env: { ...process.env, API: stack.urls.api, ...env },
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

test('a plain Node script reads the public routes through the installed package and its subpath exports', async () => {
  writeFileSync(
    join(app, 'public.mjs'),
    `import { createClient, NotFoundError } from '@kunta-akkuna/sdk';
import { oidcAuth } from '@kunta-akkuna/sdk/oidc';
import { SharedLiveStream } from '@kunta-akkuna/sdk/live';
const client = createClient({ baseUrl: process.env.API, municipality: 'nivala' });
const settings = await client.municipality.retrieve();
const feed = await client.feed.public();
const services = await client.services.search({ q: 'esiopetus', lang: 'fi' });
const missing = await createClient({ baseUrl: process.env.API, municipality: 'atlantis' }).municipality.retrieve().catch((e) => e);
console.log(JSON.stringify({
  id: settings.id, authority: settings.auth.authority, feed: feed.items.length, services: services.items.map((s) => s.name.fi),
  missing: missing instanceof NotFoundError && missing.code, subpaths: [typeof oidcAuth, typeof SharedLiveStream],
}));
`,
  );
  const out = JSON.parse(await node('public.mjs')) as Record<string, unknown>;
  assert.equal(out.id, 'nivala');
  assert.equal(out.authority, stack.urls.idp);
  assert.ok((out.feed as number) > 0, 'the general feed has items');
  assert.ok(
    (out.services as string[]).some((name) => /esiopetu/i.test(name)),
    JSON.stringify(out.services),
  );
  assert.equal(out.missing, 'KA_NOT_FOUND');
  assert.deepEqual(out.subpaths, ['function', 'function']);
});

test('a strict tsc accepts a TypeScript file using the package, refuses a wrong parameter, and it calls a personal route', async () => {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const token = await signIn('maija', keys);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        target: 'ES2022',
        lib: ['ES2023'],
        types: ['node'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        outDir: 'out',
      },
      files: ['personal.ts'],
    }),
  );
  writeFileSync(
    join(app, 'personal.ts'),
    `import { webcrypto } from 'node:crypto';
import { createClient, staticTokenAuth, type CaseList, type Feed, type KuntaErrorCode } from '@kunta-akkuna/sdk';

const api = process.env.API!;
const jwk = JSON.parse(process.env.DPOP_JWK!) as webcrypto.JsonWebKey;
const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
const { d: _private, key_ops: _ops, ...publicJwk } = jwk;
// The key pair the token is bound to (its cnf.jkt): staticTokenAuth signs a DPoP proof per request with it.
const dpop = {
  privateKey: await crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']),
  publicKey: await crypto.subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']),
};
const client = createClient({ baseUrl: api, municipality: 'nivala', auth: staticTokenAuth(process.env.TOKEN!, { dpop }) });
const cases: CaseList = await client.cases.list({}, { signal: AbortSignal.timeout(10_000) });
const feed: Feed = await client.feed.list();
const code: KuntaErrorCode = 'KA_NOT_FOUND';
if (cases.items.length < 0) {
  // @ts-expect-error the general feed takes no language parameter
  await client.feed.public({ lang: 'sv' });
}
console.log(JSON.stringify({ cases: cases.items.map((c) => c.source), sources: cases.sources.map((s) => s.status), feed: feed.items.length, code }));
`,
  );
  await promisify(execFile)(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: app,
  }).catch((error: { stdout?: string }) => assert.fail(`strict tsc over personal.ts:\n${error.stdout ?? ''}`));
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.privateKey);
  const out = JSON.parse(await node('out/personal.js', { TOKEN: token, DPOP_JWK: JSON.stringify(jwk) })) as {
    cases: string[];
    sources: string[];
    feed: number;
  };
  assert.ok(out.cases.includes('lupapiste'), `Maija's permit case is listed: ${JSON.stringify(out)}`);
  assert.ok(
    out.sources.every((status) => status === 'ok'),
    JSON.stringify(out.sources),
  );
  assert.ok(out.feed > 0);

  // The same token without its key is refused: a DPoP-bound token is not a bearer token.
  writeFileSync(
    join(app, 'bearer.mjs'),
    `import { createClient, staticTokenAuth } from '@kunta-akkuna/sdk';
const client = createClient({ baseUrl: process.env.API, municipality: 'nivala', auth: staticTokenAuth(process.env.TOKEN) });
console.log(await client.cases.list().then(() => 'ok', (e) => e.name + ' ' + e.code));
`,
  );
  assert.equal((await node('bearer.mjs', { TOKEN: token })).trim(), 'AuthenticationError KA_UNAUTHENTICATED');
});

/** Authorization Code + PKCE with the dev identity provider, choosing a test citizen; a DPoP-bound access token. */
async function signIn(citizen: string, keys: CryptoKeyPair): Promise<string> {
  const redirectUri = `${stack.urls.demo}/`;
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL('/auth', stack.urls.idp);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const cookies = new Map<string, string>();
  const follow = async (url: string, init: RequestInit = {}): Promise<{ url: string; body: string }> => {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 10; hop++) {
      if (current.startsWith(redirectUri)) return { url: current, body: '' };
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(current, {
        ...request,
        redirect: 'manual',
        headers: { ...request.headers, cookie },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location) return { url: current, body: await response.text() };
      current = new URL(location, current).href;
      request = {};
    }
    throw new Error('too many redirects');
  };
  const page = await follow(authorize.href);
  const action = /<form method="post" action="([^"]+\/login)">/.exec(page.body)?.[1];
  assert.ok(action, 'the dev identity provider shows its citizen chooser');
  const back = await follow(new URL(action.replaceAll('&amp;', '&'), page.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ citizen }).toString(),
  });
  const code = new URL(back.url).searchParams.get('code');
  assert.ok(code, `redirected back with a code: ${back.url}`);
  const tokenEndpoint = `${stack.urls.idp}/token`;
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      dpop: await dpopProof(keys, { url: tokenEndpoint, method: 'POST' }),
    },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await response.json()) as { access_token?: string; token_type?: string };
  assert.equal(response.status, 200, JSON.stringify(tokens));
  assert.equal(tokens.token_type, 'DPoP');
  return tokens.access_token!;
}
