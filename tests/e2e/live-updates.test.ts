// Live updates as Maija sees them: her page is open when Lupapiste moves her permit on. Lupapiste cannot push, so
// the API polls it while her stream is open (here every second instead of every minute, so that the test is quick).
// The page changes in place, without a reload, announces the change once and leaves her focus where it was.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../../server/src/tenants/load-municipalities.js';

/** The shipped municipality files, with Lupapiste polled every `pollIntervalMs`. */
function municipalitiesPollingLupapiste(dir: string, pollIntervalMs: number): string {
  mkdirSync(dir);
  for (const name of readdirSync(DEFAULT_MUNICIPALITY_CONFIG_DIR).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, name), 'utf8')) as {
      sources: { lupapiste?: { pollIntervalMs?: number } };
    };
    if (file.sources.lupapiste) file.sources.lupapiste.pollIntervalMs = pollIntervalMs;
    writeFileSync(join(dir, name), JSON.stringify(file));
  }
  return dir;
}
import { axeViolations, launchChromium } from './browser.js';

describe('a case that changes while the citizen is looking', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let navigations = 0;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-live-'));
    stack = await startStack({
      apiPort: 29787,
      idpPort: 29788,
      emulatorPort: 29789,
      demoPort: 29080,
      dataDir,
      configDir: municipalitiesPollingLupapiste(join(dataDir, 'municipalities'), 1000),
      quiet: true,
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('updates the permit in place when a poll finds Lupapiste has moved it from complementNeeded to sent, and announces it', async () => {
    await page.goto(`${stack.urls.demo}/`);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    await page.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/**`);

    const cards = page.locator('kunta-case-status [part~="case"]');
    const needsAction = cards.filter({ hasText: 'Vaatii toimiasi' });
    await needsAction.first().waitFor();
    const href = (await needsAction.getByRole('link', { name: 'Täydennä hakemusta' }).getAttribute('href')) ?? '';
    const applicationId = /LP-535-\d{4}-\d{5}/.exec(href)?.[0];
    assert.ok(applicationId, 'the complement link names the application');
    const title = (await needsAction.locator('[part="case-title"]').innerText()).trim();

    // She has opened the timeline and is on its button when the change arrives.
    const toggle = needsAction.getByRole('button', { name: /käsittelyn vaiheet/ });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const navigationsBefore = navigations;
    const announcer = page.locator('kunta-case-status [part="announcer"]');
    const announcements: string[] = [];
    await page.exposeFunction('__announced', (text: string) => announcements.push(text));
    await announcer.evaluate((node) => {
      new MutationObserver(() => {
        const text = node.textContent?.trim();
        if (text) (window as unknown as { __announced: (t: string) => void }).__announced(text);
      }).observe(node, { childList: true, subtree: true, characterData: true });
    });

    const moved = await fetch(`${stack.urls.emulators}/__control/lupapiste/applications/${applicationId}/state`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'sent' }),
    });
    assert.equal(moved.status, 200);

    const card = cards.filter({ hasText: title });
    const status = card.locator('[part~="status"]');
    await status.filter({ hasText: 'Käsittelyssä' }).waitFor({ timeout: 10_000 });
    assert.equal(
      await card.getByRole('link', { name: 'Täydennä hakemusta' }).count(),
      0,
      'the complement link is gone',
    );
    assert.equal(navigations, navigationsBefore, 'the page was not reloaded');

    await page.waitForTimeout(500); // let any duplicate announcement show itself
    const changeAnnouncements = announcements.filter((text) => text.includes('tila muuttui'));
    assert.equal(changeAnnouncements.length, 1, `announced once: ${JSON.stringify(announcements)}`);
    assert.match(changeAnnouncements[0] ?? '', /Käsittelyssä/);

    // Focus and the open timeline stayed where she left them.
    const focusedText = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.textContent ?? '';
    });
    assert.match(focusedText, /käsittelyn vaiheet/i);
    assert.equal(await card.getByRole('button', { name: /käsittelyn vaiheet/ }).getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await axeViolations(page), []);
  });
});
