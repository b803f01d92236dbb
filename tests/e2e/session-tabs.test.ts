// Signing out means signed out, everywhere: two tabs of one browser on the Nivala page. Maija signs out in one,
// and within a second the other shows nobody's name, cases or personal feed. And pressing Cancel at the identity
// provider brings her back to "sign-in cancelled", not to an error, with the sign-in button ready at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { axeViolations, launchChromium } from './browser.js';

describe('two tabs of one browser on the Nivala website', () => {
  let stack: RunningStack;
  let browser: Browser;
  let context: BrowserContext;
  let first: Page;
  let second: Page;
  let dataDir: string;

  const caseCards = (page: Page) => page.locator('kunta-case-status [part~="case"]');
  const withdrawButton = (page: Page) =>
    page.locator('kunta-service-feed').getByRole('button', { name: 'Lopeta tietojeni käyttö' });

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-tabs-'));
    // Ports of their own (below 32768, like every end-to-end file), so this runs beside the others.
    stack = await startStack({
      apiPort: 24787,
      idpPort: 24788,
      emulatorPort: 24789,
      demoPort: 24080,
      dataDir,
      quiet: true,
    });
    browser = await launchChromium();
    context = await browser.newContext();
    first = await context.newPage();
    second = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Maija signs in in the first tab, allows the use of her information, and the second tab shows her too', async () => {
    await first.goto(`${stack.urls.demo}/nivala/`);
    await first.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await first.waitForURL(`${stack.urls.idp}/**`);
    await first.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await first.waitForURL(`${stack.urls.demo}/**`);
    await first.getByText('Kirjautuneena: Maija Meikäläinen').waitFor();
    await first.locator('kunta-service-feed').getByRole('button', { name: 'Salli' }).click();
    await withdrawButton(first).waitFor();

    await second.goto(`${stack.urls.demo}/nivala/`);
    await second.getByText('Kirjautuneena: Maija Meikäläinen').waitFor();
    await caseCards(second).first().waitFor();
    await withdrawButton(second).waitFor();
    assert.ok((await caseCards(second).count()) >= 3, 'her cases are shown in the second tab');
  });

  it('she signs out in the first tab: within a second the second tab shows no name, no cases, no personal feed', async () => {
    // The citizen works in the first tab; the second stays in the background, as a forgotten tab would.
    await first.bringToFront();
    const signOut = first.getByRole('button', { name: 'Kirjaudu ulos' });
    await signOut.waitFor();
    const started = Date.now();
    await signOut.click();
    const firstDone = first
      .getByRole('button', { name: 'Kirjaudu sisään' })
      .waitFor()
      .then(() => Date.now() - started);

    // The second tab is not reloaded, not even focused: it must follow by itself.
    await second.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor({ timeout: 5000 });
    await caseCards(second).first().waitFor({ state: 'detached', timeout: 5000 });
    const elapsed = Date.now() - started;
    console.log(`# signed out: first tab ${await firstDone} ms, second tab ${elapsed} ms after the click`);
    assert.ok(elapsed <= 1000, `the second tab followed in ${elapsed} ms`);

    assert.equal(await second.getByText('Meikäläinen').count(), 0, 'her name is gone');
    assert.equal(await second.getByRole('button', { name: 'Kirjaudu ulos' }).count(), 0);
    assert.equal(await caseCards(second).count(), 0, 'her cases are gone');
    assert.equal(await withdrawButton(second).count(), 0, 'her personal feed is gone');
    assert.equal(await second.locator('kunta-service-feed').getByRole('button', { name: 'Salli' }).count(), 0);
    assert.deepEqual(await axeViolations(second), []);

    // And it stays so after a reload: the session is gone from the shared store, not only from the screen.
    await second.reload();
    await second.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    assert.equal(await second.getByText('Meikäläinen').count(), 0);
  });

  it('Cancel at the identity provider returns to "sign-in cancelled", not an error, and Sign in works at once', async () => {
    await first.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await first.waitForURL(`${stack.urls.idp}/**`);
    await first.getByRole('button', { name: 'Peruuta' }).click();
    await first.waitForURL(`${stack.urls.demo}/**`);

    const login = first.locator('kunta-login');
    const notice = login.getByRole('status').filter({ hasText: 'Kirjautuminen peruttiin.' });
    await notice.waitFor();
    assert.equal(await login.getByRole('alert').count(), 0, 'no error is shown');
    assert.equal(new URL(first.url()).search, '', 'the answer is removed from the address bar');
    const signIn = login.getByRole('button', { name: 'Kirjaudu sisään' });
    assert.equal(await signIn.getAttribute('aria-disabled'), 'false', 'the button is usable at once');
    assert.equal(await first.getByText('Kirjautuminen ei onnistunut').count(), 0);
    assert.deepEqual(await axeViolations(first), []);

    // The second tab is not disturbed by the cancelled attempt.
    assert.equal(await second.locator('kunta-login').getByRole('status').count(), 0);

    await signIn.click();
    await first.waitForURL(`${stack.urls.idp}/**`);
    await first.getByRole('button', { name: /Maija Meikäläinen/ }).waitFor();
  });
});
