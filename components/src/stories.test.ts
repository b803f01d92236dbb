// Every Storybook story (stories/*.stories.ts), in every language and municipal theme, rendered here as in Storybook
// and checked with axe (which enters open shadow roots): zero violations of any impact.
import { html, render } from 'lit';
import type { TemplateResult } from 'lit';
import * as caseStatus from '../../stories/case-status.stories.js';
import * as login from '../../stories/login.stories.js';
import * as serviceFeed from '../../stories/service-feed.stories.js';
import * as notices from '../../stories/notices.stories.js';
import * as myData from '../../stories/my-data.stories.js';
import { LANGUAGES, THEMES } from '../../stories/fixtures.js';
import type { StoryGlobals, ThemeName } from '../../stories/fixtures.js';
import { afterEach, assert, describe, expectAccessible, it } from './internal/testing.js';

type Render = (args: Record<string, unknown>, context: { globals: StoryGlobals }) => TemplateResult;
interface StoryModule {
  default: { title?: string; args?: Record<string, unknown>; render?: unknown };
  [name: string]: unknown;
}

/** Waits until no widget in `root` re-renders any more (data arrived, or a state that stays, such as loading). */
async function stable(root: HTMLElement, timeout = 3000) {
  const snapshot = () =>
    [...root.querySelectorAll('*')].map((element) => element.shadowRoot?.innerHTML ?? '').join('\u0000');
  const start = Date.now();
  let previous = '';
  let same = 0;
  while (Date.now() - start < timeout) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all(
      [...root.querySelectorAll('*')].map(
        (element) => (element as Partial<{ updateComplete: Promise<unknown> }>).updateComplete,
      ),
    );
    const current = snapshot();
    same = current === previous ? same + 1 : 0;
    previous = current;
    if (same >= 2) return;
  }
}

const container = document.createElement('main');
document.body.append(container);

for (const module of [login, caseStatus, serviceFeed, notices, myData] as unknown as StoryModule[]) {
  const meta = module.default;
  describe(`stories: ${meta.title}`, () => {
    afterEach(() => {
      render(null, container);
    });
    for (const [exportName, story] of Object.entries(module)) {
      if (exportName === 'default') continue;
      const { args, render: storyRender, name } = story as { args?: object; render?: unknown; name?: string };
      const renderStory = (storyRender ?? meta.render) as Render;
      const variants = LANGUAGES.flatMap((lang) =>
        (Object.keys(THEMES) as ThemeName[]).map((theme) => ({ lang, theme })),
      );
      it(`${name ?? exportName}: in ${LANGUAGES.join(', ')} and each theme, no axe violations`, async () => {
        // All variants at once (one wait for the data), each checked on its own so a failure names its variant.
        render(
          variants.map((globals) => html`<section>${renderStory({ ...meta.args, ...args }, { globals })}</section>`),
          container,
        );
        await stable(container);
        const sections = [...container.children];
        for (const [index, { lang, theme }] of variants.entries()) {
          const section = sections[index]!;
          const widget = section.firstElementChild;
          assert(widget?.shadowRoot?.textContent?.trim(), `${exportName} (${lang}, ${theme}) rendered nothing`);
          try {
            await expectAccessible(section);
          } catch (error) {
            throw new Error(`${exportName} in ${lang}, ${theme} theme: ${(error as Error).message}`);
          }
        }
      });
    }
  });
}
