// Every municipality speaks of itself correctly, in its languages: each page in Finnish, Swedish and English,
// the configurator in all three, and a Swedish-speaking citizen on /kalajoki/sv/ gets a Swedish sign-in page
// and is welcomed "till Kalajoki" (and, on the Finnish page, "Kalajoelle").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { loadMunicipalities } from '../../server/src/tenants/load-municipalities.js';
import { municipalityName } from '../../server/src/tenants/municipality-names.js';
import { axeViolations, launchChromium } from './browser.js';

const municipalities = loadMunicipalities({ env: {} });
const pathOf = (id: string, lang: string) => (lang === 'fi' ? `/${id}/` : `/${id}/${lang}/`);

describe('the municipalities in their languages', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-languages-'));
    // Ports of their own (below 32768, like every end-to-end file), so this runs beside the others.
    stack = await startStack({
      apiPort: 25787,
      idpPort: 25788,
      emulatorPort: 25789,
      demoPort: 25080,
      dataDir,
      quiet: true,
    });
    browser = await launchChromium();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves every municipality's page in each of its languages, naming it as it names itself", async () => {
    let pages = 0;
    for (const m of municipalities) {
      for (const lang of m.languages) {
        const response = await fetch(`${stack.urls.demo}${pathOf(m.id, lang)}`);
        assert.equal(response.status, 200, `${m.id} ${lang}`);
        const html = await response.text();
        assert.match(html, new RegExp(`<html lang="${lang}">`), `${m.id} ${lang}`);
        assert.ok(html.includes(municipalityName(m, lang, 'organisation')), `${m.id} ${lang} names itself`);
        assert.ok(html.includes(`municipality="${m.id}"`), 'the widgets are on the page');
        pages += 1;
      }
    }
    assert.equal(pages, 33, 'eleven municipalities in three languages');
    assert.equal((await fetch(`${stack.urls.demo}/nosuchplace/sv/`)).status, 404);
  });

  it('the widgets on /sievi/sv/ and /sievi/en/ speak the page language, accessibly', async () => {
    for (const [lang, signIn, brand] of [
      ['sv', 'Logga in', 'Sievi kommun'],
      ['en', 'Sign in', 'Municipality of Sievi'],
    ] as const) {
      await page.goto(`${stack.urls.demo}/sievi/${lang}/`);
      await page.getByRole('button', { name: signIn }).waitFor();
      await page.getByText(brand, { exact: true }).waitFor();
      assert.deepEqual(await axeViolations(page), [], lang);
    }
  });

  it('the configurator speaks Finnish, Swedish and English', async () => {
    for (const [path, lang, heading] of [
      ['/embed/configurator/', 'fi', 'Upotuskoodin muodostin'],
      ['/embed/configurator/sv/', 'sv', 'Verktyg för inbäddningskod'],
      ['/embed/configurator/en/', 'en', 'Embed configurator'],
    ] as const) {
      await page.goto(`${stack.urls.demo}${path}`);
      await page.locator('body[data-ready="true"]').waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const current = page.locator('.languages a[aria-current="page"]');
      assert.equal(await current.getAttribute('lang'), lang);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    // Nothing Finnish is left on the English page.
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text.replace(/Suomeksi/, ''), /Valitse|Kunta\b|Kopioi|Teema/);
  });

  it('a Swedish-speaking citizen on /kalajoki/sv/ gets a Swedish sign-in page', async () => {
    await page.goto(`${stack.urls.demo}/kalajoki/sv/`);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.getByRole('heading', { name: 'Välj en testperson', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Avbryt' }).count(), 1, 'Cancel in Swedish');
    assert.equal(await page.getByText('Valitse testihenkilö').count(), 0, 'no Finnish on it');
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole('button', { name: /Matti Virtanen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/kalajoki/sv/**`);
    await page.getByText('Inloggad: Matti Virtanen').waitFor();
  });

  it('Matti, who just moved in, is welcomed "till Kalajoki" in Swedish and "Kalajoelle" in Finnish', async () => {
    const feed = page.locator('kunta-service-feed');
    await feed.getByRole('button', { name: 'Tillåt' }).click();
    await feed.getByText('Välkommen till Kalajoki!').waitFor();
    assert.equal(await feed.getByText(/Välkommen, Kalajoki/).count(), 0);

    await page.goto(`${stack.urls.demo}/kalajoki/`);
    await page.locator('kunta-service-feed').getByText('Tervetuloa Kalajoelle!').waitFor();
    assert.equal(
      await page
        .locator('kunta-service-feed')
        .getByText(/Tervetuloa, Kalajoki/)
        .count(),
      0,
    );
    assert.deepEqual(await axeViolations(page), []);
  });

  it('an English-speaking citizen gets an English sign-in page, and Cancel brings them back', async () => {
    await page.goto(`${stack.urls.demo}/sievi/en/`);
    await page
      .getByRole('button', { name: 'Sign out' })
      .or(page.getByRole('button', { name: 'Sign in' }))
      .waitFor();
    if (await page.getByRole('button', { name: 'Sign out' }).count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('heading', { name: 'Choose a test person', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${stack.urls.demo}/sievi/en/**`);
    await page.locator('kunta-login').getByRole('status').filter({ hasText: 'Sign-in was cancelled.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).getAttribute('aria-disabled'), 'false');
  });
});
