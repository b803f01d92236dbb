// Real Chromium for end-to-end tests: Debian's package, as test tools cannot download their own here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** `extraArgs`, e.g. `--disable-features=LocalNetworkAccessChecks` for pages a test fulfils itself. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Everything the page keeps in Web Storage and IndexedDB, as one string to search for secrets. */
export const dumpPageStorage = `(async () => {
  const out = { local: { ...localStorage }, session: { ...sessionStorage }, indexedDB: {} };
  const dbs = indexedDB.databases ? await indexedDB.databases() : [];
  for (const { name } of dbs) {
    if (!name) continue;
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const stores = {};
    for (const storeName of db.objectStoreNames) {
      stores[storeName] = await new Promise((resolve) => {
        const req = db.transaction(storeName).objectStore(storeName).getAll();
        req.onsuccess = () => resolve(req.result.map((v) => (v && typeof v === 'object' ? Object.keys(v) : v)));
        req.onerror = () => resolve('unreadable');
      });
    }
    db.close();
    out.indexedDB[name] = stores;
  }
  return JSON.stringify(out);
})()`;

export const jwtPattern = /eyJ[\w-]{5,}\.[\w-]{5,}\./;
export const hetuPattern = /\d{6}[-+ABCDEFUVWXY]\d{3}[0-9A-Y]/;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core over the given elements (default the whole document), open shadow roots included. It is injected
 * through the debugging protocol, so the page's strict CSP still holds for the page's own code.
 */
export async function axeViolations(page: Page, selectors?: string[]): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    type Violation = { id: string; impact: string; nodes: { target: unknown }[] };
    const context = include ? { include: include.map((s) => [s]) } : document;
    const result = await axe.run(context);
    return result.violations.map((v) => `${v.id} [${v.impact}] ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selectors);
}
