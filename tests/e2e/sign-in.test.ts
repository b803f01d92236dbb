// The walking skeleton as a citizen sees it: sign in on the Nivala page, see the permits, sign out, leave nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { axeViolations, dumpPageStorage, hetuPattern, jwtPattern, launchChromium } from './browser.js';

describe('a citizen on the Nivala website', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const cspViolations: string[] = [];
  const requestedUrls: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-'));
    // Ports of their own, so the tests run beside a developer's `npm start`. Every end-to-end file keeps
    // below 32768, where Linux never hands out the local port of an outgoing connection.
    stack = await startStack({
      apiPort: 18787,
      idpPort: 18788,
      emulatorPort: 18789,
      demoPort: 18080,
      dataDir,
      quiet: true,
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy|Trusted Type/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('request', (request) => requestedUrls.push(request.url()));
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sees the widgets load from the API origin, signed out, with no accessibility violations', async () => {
    await page.goto(`${stack.urls.demo}/`);
    const signIn = page.getByRole('button', { name: 'Kirjaudu sisään' });
    await signIn.waitFor();
    assert.ok(requestedUrls.some((u) => u.startsWith(`${stack.urls.api}/widgets/v1/kunta-akkuna.js`)));
    await page.getByText('Kirjaudu sisään, niin näet hakemustesi').waitFor();
    assert.deepEqual(await axeViolations(page), []);
  });

  it('signs in as Maija Meikäläinen through the identity provider and sees her name', async () => {
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    assert.deepEqual(await axeViolations(page), [], 'the identity provider page is accessible');
    for (const name of ['Maija Meikäläinen', 'Matti Virtanen', 'Aino Korhonen', 'Juha Nieminen', 'Liisa Laine']) {
      assert.equal(await page.getByRole('button', { name: new RegExp(name) }).count(), 1, `${name} is offered`);
    }
    await page.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/**`);
    await page.getByText('Kirjautuneena: Maija Meikäläinen').waitFor();
    assert.equal(new URL(page.url()).search, '', 'the sign-in response is removed from the address bar');
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).waitFor();
  });

  it('sees her building permits, the one needing a complement marked action required with its link', async () => {
    await page.getByRole('heading', { name: 'Omat asiat', level: 2 }).waitFor();
    const allCards = page.locator('kunta-case-status [part~="case"]');
    await allCards.first().waitFor();
    const cards = allCards.filter({ hasText: 'Rakennuslupa' });
    assert.equal(await cards.count(), 3, 'three building-permit applications from Lupapiste');
    const needsAction = cards.filter({ hasText: 'Vaatii toimiasi' });
    assert.equal(await needsAction.count(), 1);
    const link = needsAction.getByRole('link', { name: 'Täydennä hakemusta' });
    assert.match((await link.getAttribute('href')) ?? '', /LP-535-\d{4}-\d{5}/);
    assert.match(await needsAction.innerText(), /Viimeksi muuttunut/);
    assert.match(await needsAction.innerText(), /Seuraava vaihe/);

    // The timeline opens from the keyboard.
    const toggle = needsAction.getByRole('button', { name: /käsittelyn vaiheet/ });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    const timeline = needsAction.getByRole('list', { name: 'Käsittelyn vaiheet' });
    assert.equal(await timeline.isVisible(), false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await timeline.isVisible(), true);
    assert.ok((await timeline.getByRole('listitem').count()) >= 2);

    assert.deepEqual(await axeViolations(page), []);
  });

  it('keeps no token, identity code or case data in localStorage while signed in', async () => {
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.doesNotMatch(local, jwtPattern);
    assert.doesNotMatch(local, hetuPattern);
    assert.doesNotMatch(local, /LP-535/);
  });

  it('signs out: the widgets clear and nothing is left in the page storage', async () => {
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    await page.getByText('Kirjaudu sisään, niin näet hakemustesi').waitFor();
    assert.equal(await page.locator('kunta-case-status [part~="case"]').count(), 0);

    const storage = (await page.evaluate(dumpPageStorage)) as string;
    assert.doesNotMatch(storage, jwtPattern, 'no token');
    assert.doesNotMatch(storage, hetuPattern, 'no identity code');
    assert.doesNotMatch(storage, /LP-535|Haapaniementie|Meikäläinen/, 'no case or personal data');
    const parsed = JSON.parse(storage) as { indexedDB: Record<string, Record<string, unknown[]>> };
    for (const [db, stores] of Object.entries(parsed.indexedDB)) {
      for (const [store, rows] of Object.entries(stores)) assert.deepEqual(rows, [], `${db}/${store} is empty`);
    }
    assert.deepEqual(await axeViolations(page), []);
  });

  it('never put an identity code in a URL and broke no Content-Security-Policy rule', () => {
    assert.deepEqual(
      requestedUrls.filter((u) => hetuPattern.test(decodeURIComponent(u))),
      [],
    );
    assert.deepEqual(cspViolations, []);
  });
});
