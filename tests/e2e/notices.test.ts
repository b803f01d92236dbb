// Exceptional situations (issue #16): a Nivala communications officer publishes a critical notice at /admin/; the
// open Nivala page shows and announces it within 5 s and a Kalajoki page does not; Lupapiste stops answering and
// the permits get one outage sentence; the API stops and the Nivala page still shows the notice after a reload.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../../server/src/tenants/load-municipalities.js';
import { axeViolations, launchChromium } from './browser.js';

/**
 * The shipped files, but Nivala shows an outage notice after 2 s (default 120 s) and Lupapiste's breaker opens at
 * the first failure: the test should not wait minutes for what a configuration sets.
 */
function municipalities(dir: string): string {
  mkdirSync(dir);
  for (const name of readdirSync(DEFAULT_MUNICIPALITY_CONFIG_DIR).filter((f) => f.endsWith('.json'))) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON file being edited
    const file = JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, name), 'utf8')) as any;
    if (file.id === 'nivala') {
      file.outageNoticeAfterSeconds = 2;
      file.sources.lupapiste.resilience = {
        breaker: { failureThreshold: 1, windowMs: 60_000, resetTimeoutMs: 600_000 },
        freshnessSeconds: 0,
      };
    }
    writeFileSync(join(dir, name), JSON.stringify(file));
  }
  return dir;
}

describe('notices in an exceptional situation', () => {
  let stack: RunningStack;
  let browser: Browser;
  let staff: BrowserContext;
  let citizen: BrowserContext;
  let nivala: Page;
  let kalajoki: Page;
  let dataDir: string;
  const title = 'Vesikatko Nivalan keskustassa';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-notices-'));
    stack = await startStack({
      apiPort: 31787,
      idpPort: 31788,
      emulatorPort: 31789,
      demoPort: 31080,
      dataDir,
      configDir: municipalities(join(dataDir, 'municipalities')),
      quiet: true,
    });
    browser = await launchChromium();
    staff = await browser.newContext();
    citizen = await browser.newContext();
    nivala = await citizen.newPage();
    kalajoki = await citizen.newPage();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a Nivala officer publishes a critical notice at /admin/; the open Nivala page shows and announces it within 5 s, Kalajoki does not', async () => {
    await nivala.goto(`${stack.urls.demo}/`);
    await kalajoki.goto(`${stack.urls.demo}/kalajoki/`);
    await nivala.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    await kalajoki.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();

    const admin = await staff.newPage();
    const cspViolations: string[] = [];
    admin.on('console', (m) => {
      if (/Content.Security.Policy|Trusted Type/i.test(m.text())) cspViolations.push(m.text());
    });
    await admin.goto(`${stack.urls.api}/admin/?municipality=nivala`);
    await admin.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await admin.waitForURL(`${stack.urls.idp}/**`);
    await admin.getByRole('button', { name: /Nivalan tiedottaja/ }).click();
    await admin.waitForURL(`${stack.urls.api}/admin/**`);
    await admin.getByText('Kirjautuneena: Nivalan tiedottaja').waitFor();
    assert.deepEqual(await axeViolations(admin), [], 'the staff page is accessible');

    await admin.getByLabel('Vakavuus').selectOption('critical');
    await admin.getByLabel('Otsikko (suomi)').fill(title);
    await admin.getByLabel('Teksti (suomi)').fill('Vesi on poikki keskustassa klo 18 asti. Vesipiste on torilla.');
    await admin.getByLabel('Otsikko (ruotsi)').fill('Vattenavbrott i Nivala centrum');
    await admin.getByLabel('Teksti (ruotsi)').fill('Vattnet är avstängt i centrum till kl. 18. Vattenpost på torget.');
    await admin.getByLabel('Otsikko (englanti)').fill('Water cut in the centre of Nivala');
    await admin
      .getByLabel('Teksti (englanti)')
      .fill('No water in the centre until 18.00. Water point at the market square.');
    await admin.getByLabel(/^Aiheet/).fill('water');
    await admin.getByRole('button', { name: 'Esikatsele' }).click();
    await admin.locator('kunta-notice-admin [part="preview"]').getByText(title).waitFor();
    assert.deepEqual(await axeViolations(admin), [], 'the form with its preview is accessible');

    const published = admin.waitForResponse(
      (r) => r.url().endsWith('/v1/staff/municipalities/nivala/notices') && r.request().method() === 'POST',
    );
    await admin.getByRole('button', { name: 'Julkaise' }).click();
    assert.equal((await published).status(), 201);
    const publishedAt = Date.now();
    await admin.getByText('Voimassa', { exact: true }).first().waitFor();

    const shown = nivala.locator('kunta-notices [part~="notice-critical"]');
    await shown.waitFor({ timeout: 5_000 });
    const latency = Date.now() - publishedAt;
    console.log(`# notice publish → shown on the open Nivala page: ${latency} ms (polling every 2 s with ETag)`);
    assert.ok(latency < 5_000, `shown within 5 s (took ${latency} ms)`);
    assert.match(
      await nivala.locator('kunta-notices [role="alert"]').innerText(),
      new RegExp(`Tärkeä tiedote: ${title}`),
    );
    assert.equal(
      await nivala.locator('kunta-notices [part="dismiss-button"]').count(),
      0,
      'a critical notice cannot be hidden',
    );
    assert.deepEqual(await axeViolations(nivala), []);

    // Kalajoki's page has had more than a poll's time as well.
    await kalajoki.waitForTimeout(2_500);
    assert.equal(await kalajoki.locator('kunta-notices [part~="notice-item"]').count(), 0);
    assert.equal(await kalajoki.getByText(title).count(), 0);
    assert.deepEqual(cspViolations, [], 'the staff page runs under its strict CSP');
  });

  it('Lupapiste stops answering: one outage sentence above the permits, none per read', async () => {
    await nivala.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await nivala.waitForURL(`${stack.urls.idp}/**`);
    await nivala.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await nivala.waitForURL(`${stack.urls.demo}/**`);
    await nivala.locator('kunta-case-status [part~="case"]').first().waitFor();

    const fault = await fetch(`${stack.urls.emulators}/__control/lupapiste/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'error' }),
    });
    assert.ok(fault.ok);
    await nivala.reload();
    const outage = nivala.locator('kunta-case-status [part="outage"]');
    await outage.waitFor({ timeout: 10_000 });
    assert.equal(await outage.count(), 1, 'one sentence');
    assert.match(
      await outage.innerText(),
      /Lupapiste ei juuri nyt vastaa; rakennuslupien tiedot näytetään ajalta klo \d{1,2}\.\d{2}/,
    );
    assert.equal(await nivala.locator('kunta-case-status [part="notice"]').filter({ hasText: 'Lupapiste' }).count(), 0);
    // Above the permits (the saved copies are still shown).
    const list = nivala.locator('kunta-case-status [part="list"]');
    await list.waitFor();
    const above = await outage.evaluate(
      (node, listNode) => Boolean(node.compareDocumentPosition(listNode!) & Node.DOCUMENT_POSITION_FOLLOWING),
      await list.elementHandle(),
    );
    assert.ok(above, 'the outage sentence is above the permits');
    assert.deepEqual(await axeViolations(nivala), []);

    await fetch(`${stack.urls.emulators}/__control/reset`, { method: 'POST' });
  });

  it('the API stops: after a reload the Nivala page still shows the notice, "as of" its time', async () => {
    await stack.stopApi();
    await nivala.reload();
    const shown = nivala.locator('kunta-notices [part~="notice-critical"]');
    await shown.waitFor({ timeout: 10_000 });
    assert.match(await shown.innerText(), new RegExp(title));
    assert.match(
      await nivala.locator('kunta-notices [part="as-of"]').innerText(),
      /Tiedotteet ovat ajalta klo \d{1,2}\.\d{2}/,
    );
  });
});
