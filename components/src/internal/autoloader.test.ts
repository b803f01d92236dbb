import { startAutoloader } from './autoloader.js';
import type { Autoloader, StringsLoaders, WidgetLoader } from './autoloader.js';
import { afterEach, assert, describe, equal, it, waitFor } from './testing.js';

let count = 0;
/** A fresh tag for each test: the element registry lives as long as the page. */
const tag = (name: string) => `kunta-al-${name}-${++count}`;

function element(version = '1.0.0'): CustomElementConstructor & { version: string } {
  return class extends HTMLElement {
    static version = version;
  };
}

function loaders(table: Record<string, () => CustomElementConstructor>, calls: string[] = []) {
  const result: Record<string, WidgetLoader> = {};
  for (const [name, make] of Object.entries(table)) {
    result[name] = async () => {
      calls.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return make();
    };
  }
  return result;
}

function captureConsole(method: 'warn' | 'error') {
  const messages: string[] = [];
  const original = console[method];
  console[method] = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  return { messages, restore: () => (console[method] = original) };
}

const started: Autoloader[] = [];
const added: Element[] = [];
function start(table: Record<string, WidgetLoader>, strings: StringsLoaders = {}) {
  const loader = startAutoloader(table, strings);
  started.push(loader);
  return loader;
}
function add(html: string, parent: ParentNode = document.body) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const nodes = [...template.content.children];
  parent.append(template.content);
  added.push(...nodes);
  return nodes;
}

describe('the autoloader', () => {
  afterEach(() => {
    for (const loader of started.splice(0)) loader.stop();
    for (const node of added.splice(0)) node.remove();
  });

  it('defines only the kunta-* elements on the page, loading each one once', async () => {
    const [present, twice, absent] = [tag('present'), tag('twice'), tag('absent')];
    add(`<${present}></${present}><div><${twice}></${twice}><${twice}></${twice}></div>`);
    const calls: string[] = [];
    const loader = start(loaders({ [present]: element, [twice]: element, [absent]: element }, calls));
    await loader.discover(document);
    assert(customElements.get(present), `${present} defined`);
    assert(customElements.get(twice), `${twice} defined`);
    equal(customElements.get(absent), undefined, 'a widget not on the page is not loaded');
    equal(calls.filter((name) => name === twice).length, 1, 'one load per tag');
    equal(calls.includes(absent), false);
  });

  it('defines a widget added to the page later, also nested in added markup', async () => {
    const [late, nested] = [tag('late'), tag('nested')];
    start(loaders({ [late]: element, [nested]: element }));
    add(`<${late}></${late}>`);
    add(`<section><div><${nested}></${nested}></div></section>`);
    await waitFor(() => customElements.get(late) && customElements.get(nested), 'late widgets defined');
  });

  it('defines the provider before the widgets it may hold, even when its chunk arrives last', async () => {
    const widget = tag('widget');
    const order: string[] = [];
    const table: Record<string, WidgetLoader> = {
      'kunta-provider': async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        order.push('kunta-provider');
        return customElements.get('kunta-provider') ?? element();
      },
      [widget]: async () => {
        order.push(widget);
        return element();
      },
    };
    const defined: string[] = [];
    const define = customElements.define;
    customElements.define = function (name, constructor, options) {
      defined.push(name);
      return define.call(this, name, constructor, options);
    };
    try {
      add(`<kunta-provider><${widget}></${widget}></kunta-provider>`);
      const loader = start(table);
      await loader.discover(document);
    } finally {
      customElements.define = define;
    }
    equal(order.join(), [widget, 'kunta-provider'].join(), 'the chunks load in parallel');
    equal(defined.join(), ['kunta-provider', widget].join(), 'the provider is defined first');
  });

  it('asks for the strings of the language each widget will show together with its chunk, once per language', async () => {
    const [plain, english] = [tag('plain'), tag('english')];
    const htmlLang = document.documentElement.lang;
    const asked: string[] = [];
    const strings = Object.fromEntries(
      ['fi', 'sv', 'en'].map((code) => [code, async () => void asked.push(code)]),
    ) as StringsLoaders;
    document.documentElement.lang = 'sv-FI';
    try {
      add(`<${plain}></${plain}><${english} lang="en"></${english}><${english} lang="de"></${english}>`);
      const loader = start(loaders({ [plain]: element, [english]: element }), strings);
      await loader.discover(document);
    } finally {
      document.documentElement.lang = htmlLang;
    }
    equal(asked.sort().join(), 'en,sv', "the element's own language, else the page's; each once");
  });

  it("asks for a widget's own strings in that language with the common ones, only for that widget", async () => {
    const [own, plain] = [tag('own'), tag('plain')];
    const asked: string[] = [];
    const strings = Object.fromEntries(
      ['fi', 'sv', `fi:${own}`, `sv:${own}`].map((key) => [key, async () => void asked.push(key)]),
    ) as StringsLoaders;
    add(`<${own} lang="sv"></${own}><${own} lang="sv"></${own}><${plain} lang="fi"></${plain}>`);
    const loader = start(loaders({ [own]: element, [plain]: element }), strings);
    await loader.discover(document);
    equal(asked.sort().join(), ['fi', 'sv', `sv:${own}`].join(), 'its own strings once, in its language only');
  });

  it('finds widgets inside an open shadow root it is asked to observe', async () => {
    const [inside, laterInside] = [tag('inside'), tag('later-inside')];
    const [host] = add('<div></div>');
    const root = host!.attachShadow({ mode: 'open' });
    root.innerHTML = `<${inside}></${inside}>`;
    const loader = start(loaders({ [inside]: element, [laterInside]: element }));
    loader.observe(root);
    await waitFor(() => customElements.get(inside), 'widget in the shadow root defined');
    root.append(document.createElement(laterInside));
    await waitFor(() => customElements.get(laterInside), 'widget added to the shadow root defined');
  });

  it('warns once about an unknown kunta-* tag and logs a failed load, trying again on the next element', async () => {
    const [unknown, flaky] = [tag('unknown'), tag('flaky')];
    const warn = captureConsole('warn');
    const error = captureConsole('error');
    try {
      let attempts = 0;
      const loader = start({
        [flaky]: async () => {
          attempts++;
          if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
          return element();
        },
      });
      add(`<${unknown}></${unknown}><${unknown}></${unknown}><${flaky}></${flaky}>`);
      await loader.discover(document);
      equal(warn.messages.filter((message) => message.includes(unknown)).length, 1, 'one warning');
      equal(customElements.get(flaky), undefined);
      assert(
        error.messages.some((message) => message.includes(flaky)),
        'the failed load is logged',
      );
      add(`<${flaky}></${flaky}>`);
      await waitFor(() => customElements.get(flaky), 'retried on the next element');
      equal(attempts, 2);
    } finally {
      warn.restore();
      error.restore();
    }
  });

  it('two copies on one page: no exception, silent for the same version, a warning for another version', async () => {
    const [same, other] = [tag('same'), tag('other')];
    const sameClass = element('1.0.0');
    const warn = captureConsole('warn');
    try {
      add(`<${same}></${same}><${other}></${other}>`);
      const first = start(loaders({ [same]: () => sameClass, [other]: () => element('1.0.0') }));
      const second = start(loaders({ [same]: () => sameClass, [other]: () => element('2.0.0') }));
      await Promise.all([first.discover(document), second.discover(document)]);
      await waitFor(() => customElements.get(same) && customElements.get(other), 'both defined');
      await new Promise((resolve) => setTimeout(resolve, 20));
      equal(warn.messages.filter((message) => message.includes(same)).length, 0, 'same version: silent');
      equal(warn.messages.filter((message) => message.includes(other)).length, 1, 'other version: one warning');
    } finally {
      warn.restore();
    }
  });
});
