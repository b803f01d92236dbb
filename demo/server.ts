// The stand-in municipal websites: plain static pages on their own origin, as a CMS would serve them.
// Pages may contain %API_URL% and %IDP_URL%, which are replaced so that the ports can be changed by environment.
// A configured municipality without a page of its own for an address gets the generic page (shared/municipality.html)
// in that language: /<id>/ Finnish, /<id>/sv/ Swedish, /<id>/en/ English, for the languages its file lists.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { municipalityPage, type MunicipalityFile, type PageLanguage } from './municipality-page.js';

const sitesDir = fileURLToPath(new URL('./sites/', import.meta.url));
const sharedDir = fileURLToPath(new URL('./shared/', import.meta.url));
const municipalityConfigDir = fileURLToPath(new URL('../server/config/municipalities/', import.meta.url));
const defaultSite = 'nivala';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface DemoOptions {
  port: number;
  host?: string;
  apiUrl: string;
  idpUrl: string;
}

export interface RunningDemo {
  url: string;
  close(): Promise<void>;
}

/** Maps a request path to a file: `/` is Nivala, `/<id>/...` another municipality, `/shared/...` common assets. */
function resolveFile(pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
  if (clean.split(sep).includes('..')) return undefined;
  if (clean.startsWith(`shared${sep}`)) return join(sharedDir, clean.slice('shared/'.length));
  const [first, ...rest] = clean.split(sep);
  if (first && /^[a-z-]+$/.test(first) && rest.length > 0) {
    return join(sitesDir, first, rest.join(sep) || 'index.html');
  }
  if (first && /^[a-z-]+$/.test(first) && rest.length === 0 && !extname(first)) return undefined; // needs trailing slash
  return join(sitesDir, defaultSite, clean === '' ? 'index.html' : clean);
}

/**
 * The generic page for `/<id>/`, `/<id>/sv/` or `/<id>/en/` of a configured municipality, in a language it
 * offers, when its site folder has no page of its own for that address.
 */
async function genericMunicipalityPage(pathname: string): Promise<string | undefined> {
  const match = /^\/([a-z]+)\/(?:(sv|en)\/)?(?:index\.html)?$/.exec(pathname);
  if (!match) return undefined;
  const [, id = '', lang = 'fi'] = match as unknown as [string, string, PageLanguage | undefined];
  if (existsSync(join(sitesDir, id, ...(lang === 'fi' ? [] : [lang]), 'index.html'))) return undefined;
  const configFile = join(municipalityConfigDir, `${id}.json`);
  if (!existsSync(configFile)) return undefined;
  const config = JSON.parse(await readFile(configFile, 'utf8')) as MunicipalityFile;
  if (!config.languages.includes(lang)) return undefined;
  const template = await readFile(join(sharedDir, 'municipality.html'), 'utf8');
  return municipalityPage(template, config, lang);
}

/**
 * Pages that test embedding under the strictest policy a host may set (security.md check 26): Trusted Types
 * enforced, only Lit's `lit-html` policy allowed (the SDK creates none), no inline script or style anywhere.
 */
const STRICT_PAGES = ['/embed/strict-csp/', '/embed/configurator/'];

function strictPolicy(options: DemoOptions): string {
  return [
    `script-src 'self' ${options.apiUrl}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    "frame-ancestors 'none'",
  ].join('; ');
}

function contentSecurityPolicy(options: DemoOptions): string {
  // A realistic strict policy of a municipal CMS: no inline script or style, our server allow-listed.
  return [
    "default-src 'self'",
    `script-src 'self' ${options.apiUrl}`,
    "style-src 'self'",
    `connect-src 'self' ${options.apiUrl} ${options.idpUrl}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The configurator is one page in three languages: /embed/configurator/ (fi), /embed/configurator/sv/, /en/. */
const CONFIGURATOR = /^\/embed\/configurator\/(?:(sv|en)\/)?(?:index\.html)?$/;

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    if (/^\/[a-z-]+$/.test(url.pathname) && url.pathname !== '/favicon.ico') {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const configurator = CONFIGURATOR.exec(url.pathname);
    let file = configurator
      ? join(sitesDir, 'embed', 'configurator', 'index.html')
      : resolveFile(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
    if (file && !extname(file)) file = join(file, 'index.html');
    try {
      const generic = await genericMunicipalityPage(url.pathname);
      if (!file && !generic) throw new Error('not found');
      let body = generic !== undefined ? Buffer.from(generic) : await readFile(file!);
      const type =
        generic !== undefined ? contentTypes['.html']! : (contentTypes[extname(file!)] ?? 'application/octet-stream');
      if (type.startsWith('text/html')) {
        body = Buffer.from(
          body
            .toString('utf8')
            .replaceAll('%API_URL%', options.apiUrl)
            .replaceAll('%IDP_URL%', options.idpUrl)
            .replaceAll('%PAGE_LANG%', configurator?.[1] ?? 'fi'),
        );
      }
      const strict = STRICT_PAGES.some((prefix) => url.pathname.startsWith(prefix));
      res.writeHead(200, {
        'content-type': type,
        'cache-control': 'no-cache',
        'content-security-policy': strict ? strictPolicy(options) : contentSecurityPolicy(options),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Sivua ei löytynyt / Page not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    url: `http://localhost:${options.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
