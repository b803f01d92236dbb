// The citizen's own data as Maija sees it on the Nivala page: she signs in, her cases are read, and within seconds
// <kunta-my-data> shows that read; she downloads her data and removes a dismissal.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { axeViolations, hetuPattern, launchChromium } from './browser.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

describe('Maija and her own data on the Nivala website', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let myData: Locator;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-my-data-'));
    // Ports of their own, so this runs beside a developer's `npm start` and the other end-to-end tests.
    stack = await startStack({
      apiPort: 19887,
      idpPort: 19888,
      emulatorPort: 19889,
      demoPort: 19180,
      dataDir,
      quiet: true,
    });
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true });
    myData = page.locator('kunta-my-data');
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signed out, it asks her to sign in', async () => {
    await page.goto(`${stack.urls.demo}/`);
    await myData.getByText('Kirjaudu sisään nähdäksesi, kuka on käyttänyt tietojasi').waitFor();
  });

  it('she signs in and opens her cases; within seconds the read is in her access log', async () => {
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    await page.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/**`);
    const cases = page.locator('kunta-case-status');
    await cases.locator('[part~="case"]').first().waitFor();
    const opened = Date.now();
    await myData.getByRole('button', { name: 'Päivitä' }).click();
    const row = myData
      .locator('[part="entry"]')
      .filter({ hasText: 'Lupapiste (rakennusluvat)' })
      .filter({ hasText: 'hakemustesi ja asioidesi tilat · näytettiin sinulle tässä palvelussa' });
    await row.first().waitFor({ timeout: 5_000 });
    const seconds = (Date.now() - opened) / 1000;
    assert.ok(seconds < 5, `seen after ${seconds} s`);
    // Her child's eVaka application was shown to her too: a row about Helmi, at a guardian's request.
    await myData.locator('[part="entry"]').filter({ hasText: 'Lapsi: Helmi · huoltajan pyynnöstä' }).first().waitFor();
    const text = await myData.innerText();
    assert.doesNotMatch(text.replace(UUID, ''), hetuPattern, 'no identity code in the widget');
    assert.deepEqual(await axeViolations(page, ['kunta-my-data']), []);
  });

  it('she downloads her data as JSON, with no identity code in it', async () => {
    const download = page.waitForEvent('download');
    await myData.getByRole('button', { name: 'Lataa tiedot (JSON)' }).click();
    const file = await (await download).path();
    const body = readFileSync(file, 'utf8');
    const exported = JSON.parse(body) as { data: { consents: unknown[] }; accessLog: Array<{ dataCategory: string }> };
    assert.ok(exported.accessLog.some((e) => e.dataCategory === 'cases'));
    assert.doesNotMatch(body.replace(UUID, ''), hetuPattern);
  });

  it('she hides a suggestion in the feed, then removes that dismissal here', async () => {
    const feed = page.locator('kunta-service-feed');
    // Only personal suggestions can be hidden: she allows them first.
    await feed
      .getByRole('group', { name: 'Saisitko ehdotuksia omaan tilanteeseesi?' })
      .getByRole('button', { name: 'Salli' })
      .click();
    const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/dismiss'));
    await feed.getByRole('button', { name: 'Ei koske minua' }).first().click();
    assert.equal((await recorded).status(), 204);
    await myData.getByRole('button', { name: 'Päivitä' }).click();
    await myData.getByText('1 piilotettu ehdotus.').waitFor();
    await myData.getByRole('button', { name: 'Poista piilotukset' }).click();
    await myData.getByText('Piilotukset poistettu (1).').waitFor();
    await myData.getByText('Et ole piilottanut ehdotuksia.').waitFor();
    assert.equal(await myData.getByRole('button', { name: 'Poista piilotukset' }).count(), 0);
  });
});
