// Embedding as a webmaster meets it: a hostile stylesheet, the strictest CSP with Trusted Types, another
// municipality's theme and language, and the configurator's snippet pasted into a blank page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/stack.js';
import { axeViolations, launchChromium } from './browser.js';

const WIDGETS = ['kunta-login', 'kunta-case-status', 'kunta-service-feed'] as const;
const REQUIRED: string[] = ['kunta-login', 'kunta-case-status'];
const POLICY_MESSAGE = /Content.Security.Policy|Trusted.?Type|TrustedHTML|TrustedScript|Refused to/i;

interface Watched {
  page: Page;
  /** Console messages about CSP or Trusted Types, and uncaught errors. */
  problems: string[];
  /** `securitypolicyviolation` events seen by the page. */
  violations: () => Promise<string[]>;
}

async function watch(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (process.env.DEBUG_E2E) console.log('CONSOLE', message.type(), message.text(), message.location().url);
    if (POLICY_MESSAGE.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Through the debugging protocol, so the page's own policy does not apply to this listener.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  return {
    page,
    problems,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations ?? []),
  };
}

/** The widget tags on the page that this build defines (kunta-service-feed only once it exists). */
async function renderedWidgets(page: Page): Promise<string[]> {
  await page.waitForFunction(
    (required) => required.every((tag) => customElements.get(tag) && document.querySelector(tag)?.shadowRoot),
    REQUIRED,
  );
  const tags = await page.evaluate(
    (all: string[]) => all.filter((tag) => document.querySelector(tag) && customElements.get(tag)),
    [...WIDGETS],
  );
  for (const tag of REQUIRED) assert.ok(tags.includes(tag), `${tag} is on the page and defined`);
  // Rendered and settled: content in the shadow root and no loading text left.
  await page.waitForFunction(
    (list) =>
      list.every((tag) =>
        Array.from(document.querySelectorAll(tag)).every((el) => {
          const root = el.shadowRoot;
          return root && root.querySelector('[part~="base"]') && !root.querySelector('[part~="loading"]');
        }),
      ),
    tags,
  );
  return tags;
}

async function customProperty(page: Page, selector: string, name: string): Promise<string> {
  return page.evaluate(
    ([sel, prop]) => getComputedStyle(document.querySelector(sel!)!).getPropertyValue(prop!).trim(),
    [selector, name],
  );
}

describe('embedding the widgets in other people’s pages', () => {
  let stack: RunningStack;
  let browser: Browser;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kunta-e2e-embed-'));
    stack = await startStack({
      apiPort: 28787,
      idpPort: 28788,
      emulatorPort: 28789,
      demoPort: 28080,
      dataDir,
      quiet: true,
    });
    // The pasted-snippet page is fulfilled by the test itself; Chromium would otherwise treat it as a public
    // page and refuse its calls to loopback ports (reference/toolchain.md).
    browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a hostile stylesheet neither hides nor restyles the widgets, and they stay accessible', async () => {
    const context = await browser.newContext();
    const { page, problems, violations } = await watch(context);
    await page.goto(`${stack.urls.demo}/embed/hostile/`);
    const tags = await renderedWidgets(page);
    const signIn = page.getByRole('button', { name: 'Kirjaudu sisään' });
    assert.equal(await signIn.isVisible(), true, 'button { display: none } does not reach the shadow root');

    const look = await page.evaluate(() => {
      const login = document.querySelector('kunta-login')!;
      const button = login.shadowRoot!.querySelector('button')!;
      const status = document.querySelector('kunta-case-status')!.shadowRoot!.querySelector('[part~="signed-out"]')!;
      const style = getComputedStyle(status);
      return {
        buttonFont: getComputedStyle(button).fontFamily,
        textColour: style.color,
        textFont: style.fontFamily,
        lineHeightRatio: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
      };
    });
    assert.doesNotMatch(look.buttonFont, /^serif$/, 'the widget font, not the page’s serif');
    assert.doesNotMatch(look.textFont, /^serif$/);
    assert.notEqual(look.textColour, 'rgb(255, 0, 0)', 'text is not the page’s red');
    assert.ok(look.lineHeightRatio < 2, `line height ${look.lineHeightRatio} is the widget’s own, not 3`);

    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    // The page's own text is red on white on purpose; the widgets are what we answer for.
    assert.deepEqual(await axeViolations(page, tags), []);
    await context.close();
  });

  it('under script-src/style-src self and enforced Trusted Types, the widgets render and sign-in works', async () => {
    const context = await browser.newContext();
    const { page, problems, violations } = await watch(context);
    const response = await page.goto(`${stack.urls.demo}/embed/strict-csp/`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    assert.match(policy, /require-trusted-types-for 'script'/);
    assert.match(policy, /trusted-types lit-html(;|$)/);
    assert.match(policy, /style-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);

    await renderedWidgets(page);
    await page.getByText('Kirjaudu sisään, niin näet hakemustesi').waitFor();
    assert.deepEqual(await violations(), [], 'no violation before sign-in');

    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${stack.urls.idp}/**`);
    await page.getByRole('button', { name: /Maija Meikäläinen/ }).click();
    await page.waitForURL(`${stack.urls.demo}/embed/strict-csp/**`);
    await page.getByText('Kirjautuneena: Maija Meikäläinen').waitFor();
    await page.locator('kunta-case-status [part~="case"]').first().waitFor();
    await renderedWidgets(page);

    assert.deepEqual(await violations(), [], 'no violation after sign-in');
    assert.deepEqual(problems, []);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  it('Kalajoki’s Swedish page shows Swedish strings and Kalajoki’s theme, and lang changes re-render', async () => {
    const context = await browser.newContext();
    const { page, problems, violations } = await watch(context);
    await page.goto(`${stack.urls.demo}/kalajoki/sv/`);
    await renderedWidgets(page);
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    await page.waitForFunction(() =>
      getComputedStyle(document.querySelector('kunta-login')!).getPropertyValue('--kunta-color-primary').trim(),
    );
    assert.equal(await customProperty(page, 'kunta-login', '--kunta-color-primary'), '#00646e');
    assert.match(await customProperty(page, 'kunta-case-status', '--kunta-font-family'), /Georgia/);
    const buttonBackground = await page.evaluate(
      () =>
        getComputedStyle(document.querySelector('kunta-login')!.shadowRoot!.querySelector('button')!).backgroundColor,
    );
    assert.equal(buttonBackground, 'rgb(0, 100, 110)', 'the button wears Kalajoki’s colour');
    assert.deepEqual(await axeViolations(page), []);

    // A webmaster (or a language switcher) changes lang on a live widget: it re-renders in that language.
    await page.evaluate(() => document.querySelector('kunta-login')!.setAttribute('lang', 'en'));
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.evaluate(() => document.querySelector('kunta-login')!.setAttribute('lang', 'fi'));
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();

    // Nivala wears its own theme; the themes are the municipalities', not the page's.
    await page.goto(`${stack.urls.demo}/`);
    await renderedWidgets(page);
    await page.waitForFunction(() =>
      getComputedStyle(document.querySelector('kunta-login')!).getPropertyValue('--kunta-color-primary').trim(),
    );
    assert.equal(await customProperty(page, 'kunta-login', '--kunta-color-primary'), '#00558c');

    // Every other municipality has a page of its own, from its configuration file alone.
    await page.goto(`${stack.urls.demo}/karsamaki/`);
    await renderedWidgets(page);
    assert.equal(await page.locator('.brand').innerText(), 'Kärsämäen kunta', 'the organisation, as its file names it');
    await page.waitForFunction(() =>
      getComputedStyle(document.querySelector('kunta-login')!).getPropertyValue('--kunta-color-primary').trim(),
    );
    assert.equal(await customProperty(page, 'kunta-login', '--kunta-color-primary'), '#5b3a8c');

    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the configurator’s snippet and CSP lines, pasted into a blank page, give working widgets', async () => {
    const context = await browser.newContext();
    const { page, problems, violations } = await watch(context);
    await page.goto(`${stack.urls.demo}/embed/configurator/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('Kunta', { exact: true }).selectOption('kalajoki');
    await page.getByLabel('Kieli', { exact: true }).selectOption('sv');
    await page.locator('#preview kunta-login').waitFor();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    await renderedWidgets(page);

    const snippet = await page.locator('#snippet').innerText();
    const cspLines = await page.locator('#csp').innerText();
    const manifest = (await (await fetch(`${stack.urls.api}/widgets/v1/manifest.json`)).json()) as {
      version: string;
      entry: string;
      files: Record<string, { integrity: string }>;
    };
    const entryUrl = `${stack.urls.api}/widgets/${manifest.version}/${manifest.entry}`;
    assert.ok(snippet.includes(`src="${entryUrl}"`), 'the version is pinned');
    assert.ok(snippet.includes(`integrity="${manifest.files[manifest.entry]!.integrity}"`), 'with its SRI hash');
    assert.match(snippet, /<kunta-provider api="[^"]+" municipality="kalajoki" lang="sv">/);
    assert.match(cspLines, new RegExp(`script-src 'self' ${stack.urls.api}`));
    assert.match(cspLines, new RegExp(`connect-src 'self' ${stack.urls.api} ${stack.urls.idp}`));
    assert.match(cspLines, /^trusted-types lit-html$/m);
    assert.deepEqual(await violations(), [], 'the configurator itself runs under its strict policy');
    assert.deepEqual(await axeViolations(page), []);

    // The blank page: the snippet as pasted, and exactly the CSP lines the configurator gave, enforced.
    const policy = [
      "default-src 'self'",
      ...cspLines.split('\n').filter((line) => line && !line.startsWith('#')),
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
    ].join('; ');
    const pastedUrl = `${stack.urls.demo}/pasted/`;
    await page.route(pastedUrl, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
        body: `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Tyhjä sivu</title></head>
<body><main><h1>Liitetty koodi</h1>
${snippet}
</main></body></html>`,
      }),
    );
    await page.goto(pastedUrl);
    await renderedWidgets(page);
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    assert.equal(await customProperty(page, 'kunta-login', '--kunta-color-primary'), '#00646e');
    assert.deepEqual(await violations(), [], 'no CSP or Trusted Types violation on the pasted page');
    assert.deepEqual(problems, []);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
