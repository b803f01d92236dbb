// The widgets on a phone and with the user's own display settings (issue 5): reflow at 320 CSS px, targets of at
// least 24 × 24 CSS px, forced colours and reduced motion, signed in as Maija so that every part is on the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { axeViolations, launchChromium } from './browser.js';

const WIDGETS = ['kunta-login', 'kunta-case-status', 'kunta-service-feed'];

describe('the widgets on a narrow screen and with the user’s display settings', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-adaptive-'));
    stack = await startStack({
      apiPort: 31787,
      idpPort: 31788,
      emulatorPort: 31789,
      demoPort: 31080,
      dataDir,
      quiet: true,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${stack.urls.demo}/`);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    await page.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/**`);
    await page.getByText('Kirjautuneena: Maija Meikäläinen').waitFor();
    await page.locator('kunta-case-status [part~="case"]').first().waitFor();
    await page.locator('kunta-service-feed [part~="base"]').first().waitFor();
    await page.waitForFunction(
      (tags) => tags.every((tag) => !document.querySelector(tag)?.shadowRoot?.querySelector('[part~="loading"]')),
      WIDGETS,
    );
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reflows at 320 CSS px: nothing in a widget needs horizontal scrolling', async () => {
    const overflowing = await page.evaluate((tags) => {
      const found: string[] = [];
      for (const tag of tags) {
        const host = document.querySelector(tag)!;
        const hostBox = host.getBoundingClientRect();
        for (const element of Array.from(host.shadowRoot!.querySelectorAll('*'))) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || getComputedStyle(element).display === 'none') continue;
          if (box.right > hostBox.right + 1 || box.left < hostBox.left - 1) {
            found.push(
              `${tag} ${element.localName}.${element.getAttribute('part') ?? ''} (${Math.round(box.width)} px)`,
            );
          }
        }
      }
      return found;
    }, WIDGETS);
    assert.deepEqual(overflowing, []);
    // The demo page around them reflows too (a late re-render gets a moment to settle).
    await page
      .waitForFunction(() => document.documentElement.scrollWidth <= 320, null, { timeout: 5_000 })
      .catch(() => {});
    const wide = await page.evaluate(() => {
      // Every element, shadow roots included (a loop: a named helper would not survive the test's compiler).
      const elements: Element[] = [];
      const roots: Array<Document | ShadowRoot> = [document];
      while (roots.length > 0) {
        for (const element of Array.from(roots.pop()!.querySelectorAll('*'))) {
          elements.push(element);
          if (element.shadowRoot) roots.push(element.shadowRoot);
        }
      }
      return {
        width: document.documentElement.scrollWidth,
        beyond: elements
          .filter((e) => e.getBoundingClientRect().right > 321 || e.scrollWidth > e.clientWidth + 1)
          .map(
            (e) =>
              `${e.localName}[${e.getAttribute('part') ?? e.className}] ${Math.round(e.getBoundingClientRect().right)}`,
          ),
      };
    });
    assert.ok(wide.width <= 320, `the page is ${wide.width} px wide: ${wide.beyond.slice(0, 30).join(', ')}`);
  });

  it('every target is at least 24 × 24 CSS px (links inside a sentence excepted, as WCAG 2.5.8 allows)', async () => {
    const small = await page.evaluate((tags) => {
      const found: string[] = [];
      for (const tag of tags) {
        const root = document.querySelector(tag)!.shadowRoot!;
        for (const target of Array.from(
          root.querySelectorAll<HTMLElement>('button, a[href], input, select, summary'),
        )) {
          if (getComputedStyle(target).display === 'none') continue;
          const inSentence = target.localName === 'a' && target.closest('p') !== null;
          const box = target.getBoundingClientRect();
          if (!inSentence && (box.width < 24 || box.height < 24)) {
            found.push(`${tag} ${target.localName} “${target.textContent?.trim()}” ${box.width}×${box.height}`);
          }
        }
      }
      return found;
    }, WIDGETS);
    assert.deepEqual(small, []);
  });

  it('in forced colours, buttons keep a visible edge and nothing violates axe', async () => {
    await page.emulateMedia({ forcedColors: 'active' });
    try {
      const edgeless = await page.evaluate((tags) => {
        const found: string[] = [];
        for (const tag of tags) {
          for (const button of Array.from(document.querySelector(tag)!.shadowRoot!.querySelectorAll('button'))) {
            const style = getComputedStyle(button);
            if (style.display === 'none') continue;
            if (style.borderTopStyle === 'none' || parseFloat(style.borderTopWidth) === 0) {
              found.push(`${tag} “${button.textContent?.trim()}”`);
            }
          }
        }
        return found;
      }, WIDGETS);
      assert.deepEqual(edgeless, [], 'a button without a border is invisible in forced colours');
      assert.deepEqual(await axeViolations(page, WIDGETS), []);
    } finally {
      await page.emulateMedia({ forcedColors: 'none' });
    }
  });

  it('with reduced motion, nothing in the widgets animates or transitions', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      const moving = await page.evaluate((tags) => {
        const found: string[] = [];
        for (const tag of tags) {
          const host = document.querySelector(tag)!;
          for (const element of [host, ...Array.from(host.shadowRoot!.querySelectorAll('*'))]) {
            const style = getComputedStyle(element);
            // (No named helper here: the test's compiler would wrap it in a function the page does not have.)
            const longest = Math.max(
              ...`${style.transitionDuration},${style.animationDuration}`
                .split(',')
                .map((part) => parseFloat(part) || 0),
            );
            if (longest > 0.01) found.push(`${tag} ${element.localName} (${longest} s)`);
          }
        }
        return found;
      }, WIDGETS);
      assert.deepEqual(moving, []);
    } finally {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
