// The widget files, served at /widgets/<version>/ (immutable) and /widgets/v1/ (the moving alias):
//   kunta-akkuna.js      the script-tag entry: only the autoloader (src/kunta-akkuna.ts), no content hash
//   <widget>-<hash>.js   one chunk per widget folder (src/<name>/<name>.ts), loaded when its tag is on the page
//   core-<hash>.js       what every widget needs or two share: Lit, the SDK client, the base element, styles
//   strings-<lang>-<hash>.js  one language's strings (src/i18n/<lang>.ts), loaded for the languages shown
//   strings-<widget>-<lang>-<hash>.js  a widget's own strings (src/<widget>/strings/<lang>.ts), loaded with it
//   oidc-<hash>.js       the SDK's OIDC strategy with oidc-client-ts: only when a session exists or sign-in starts
//   live-<hash>.js       the SDK's live updates, imported with the first subscription (a signed-in citizen)
//   manifest.json        every file with its SRI hash (sha384), size and gzip size; what each widget loads
// Every import between them is relative, so the chunks load from the directory of the entry that imported them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const src = fileURLToPath(new URL('./src/', import.meta.url));
const dist = fileURLToPath(new URL('./dist/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const ENTRY = 'kunta-akkuna.js';
const CORE = `${src}context.ts`;
// Imported only when a session exists or sign-in starts: the OIDC strategy and oidc-client-ts.
const LAZY_OIDC = /[\\/]node_modules[\\/](oidc-client-ts|jwt-decode)[\\/]|[\\/]sdk[\\/]src[\\/]oidc-auth\.ts$/;
// Imported with the first live-update subscription (a signed-in <kunta-case-status>). Named, because the SDK's
// index re-exports them and would otherwise make them look shared.
const LAZY_LIVE = /[\\/]sdk[\\/]src[\\/](live|live-cases|sse)\.ts$/;
// A widget's own strings, one file per language (see StringsPart in src/i18n/localize.ts).
const WIDGET_STRINGS = /[\\/]src[\\/]([a-z-]+)[\\/]strings[\\/]([a-z]{2})\.ts$/;
let roots;

/** `kunta-<name>` for every src/<name>/<name>.ts that exports `class Kunta<Name>`: the autoloader's table. */
export function widgetFolders() {
  return readdirSync(src, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${src}${entry.name}/${entry.name}.ts`))
    .map(({ name }) => {
      const className = `Kunta${name.replace(/(^|-)([a-z])/g, (_m, _dash, letter) => letter.toUpperCase())}`;
      const file = `${src}${name}/${name}.ts`;
      return { tag: `kunta-${name}`, file, className };
    })
    .filter(({ file, className }) => new RegExp(`export class ${className}\\b`).test(readFileSync(file, 'utf8')));
}

/** Language code → src/i18n/<code>.ts: one strings file per language (typed by src/i18n/translation.ts). */
export function languageFiles() {
  return readdirSync(`${src}i18n`)
    .filter((name) => /^[a-z]{2}\.ts$/.test(name))
    .map((name) => ({ code: name.slice(0, 2), file: `${src}i18n/${name}` }));
}

/**
 * The virtual module `kunta:widgets`: tag → () => import(chunk).then(module => module.Kunta<Name>), and as
 * `strings` language code → () => import(its strings chunk), and `<code>:<tag>` → a widget's own strings.
 */
function kuntaWidgets() {
  const id = '\0kunta:widgets';
  return {
    name: 'kunta-widgets',
    resolveId: (source) => (source === 'kunta:widgets' ? id : null),
    load(loaded) {
      if (loaded !== id) return null;
      const widgets = widgetFolders();
      for (const { file } of widgets) this.addWatchFile(file);
      // The shared chunk is requested together with the widget's, not after it (one round trip less).
      const rows = widgets.map(
        ({ tag, file, className }) =>
          `  ${JSON.stringify(tag)}: () => Promise.all([core(), import(${JSON.stringify(file)})]).then(([, m]) => m.${className}),`,
      );
      const languages = languageFiles().map(({ code, file }) => `  ${code}: () => import(${JSON.stringify(file)}),`);
      // A widget's own strings as `<code>:<tag>`, so the autoloader fetches them with the common ones.
      for (const { tag } of widgets) {
        for (const { code } of languageFiles()) {
          const own = `${src}${tag.slice('kunta-'.length)}/strings/${code}.ts`;
          if (existsSync(own))
            languages.push(`  ${JSON.stringify(`${code}:${tag}`)}: () => import(${JSON.stringify(own)}),`);
        }
      }
      return [
        `const core = () => import(${JSON.stringify(CORE)});`,
        `export default {\n${rows.join('\n')}\n};`,
        `export const strings = {\n${languages.join('\n')}\n};\n`,
      ].join('\n');
    },
  };
}

/**
 * oidc-client-ts logs through its own `Log`, a no-op unless `Log.setLogger` is called on the bundled copy, which
 * nothing can reach. Marking the log calls pure lets Rollup drop them with their messages (about 2 KB gzip).
 * `throw()` stays: it throws. The annotation shifts columns on those lines only, so `map: null` keeps the maps
 * line-accurate.
 */
function dropOidcLogging() {
  const call =
    /(?<![\w$.])(this\._logger|logger2?|staticLogger|methodLogger|Logger)\.(debug|info|warn|error|create)\(/g;
  return {
    name: 'drop-oidc-logging',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]oidc-client-ts[\\/]/.test(id)) return null;
      return { code: code.replace(call, '/* @__PURE__ */ $&'), map: null };
    },
  };
}

/** The chunk roots (src/context.ts, each widget's module) that reach `id` through static imports. */
function staticRoots(id, getModuleInfo) {
  roots ??= new Set([CORE, ...widgetFolders().map(({ file }) => file)]);
  const found = new Set();
  const seen = new Set();
  const visit = (current) => {
    if (seen.has(current)) return;
    seen.add(current);
    if (roots.has(current)) found.add(current);
    for (const importer of getModuleInfo(current)?.importers ?? []) visit(importer);
  };
  visit(id);
  return found;
}

/**
 * Lit's css`` text reaches the bundle as written (terser leaves template text alone). Drops its comments and
 * indentation, the spaces around `{`, `}` and `;` and after a declaration's colon, about 0.4 KB gzip; any other
 * run of spaces stays one space, and a template with an interpolation is left alone. Line breaks stay, so the
 * source maps stay line-accurate.
 */
function minifyCss() {
  const whitespace = (run) => (run.includes('\n') ? '\n'.repeat(run.split('\n').length - 1) : ' ');
  const minify = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
      .replace(/\s+/g, whitespace)
      .replace(/ ?([{};]) ?/g, '$1')
      .replace(/: /g, ':');
  return {
    name: 'minify-css',
    transform(code, id) {
      if (!id.startsWith(src)) return null;
      const minified = code.replace(/\bcss\s*`([^`$]*)`/g, (_all, text) => `css\`${minify(text)}\``);
      return minified === code ? null : { code: minified, map: null };
    },
  };
}

/**
 * The static text of Lit's html`` templates, between the `${}` expressions, with every run of white space that holds a
 * line break (the source's indentation) cut to that line break. The browser renders both the same (white space
 * collapses to one space; no widget uses `<pre>`, `<textarea>` or `white-space: pre*`), so a space between two inline
 * elements stays; the number of lines stays too, so the source maps stay line-accurate. Expressions, and templates
 * nested in them, are scanned but left as written.
 */
function minifyHtml() {
  const shrink = (text) => text.replace(/[ \t]*\n\s*/g, (run) => '\n'.repeat(run.split('\n').length - 1));
  /** Index after the template literal whose opening backtick is at `start`; its text parts shrunk into `out`. */
  const template = (code, start, out, minify) => {
    let i = start + 1;
    let text = '';
    const flush = () => {
      out.push(minify ? shrink(text) : text);
      text = '';
    };
    out.push('`');
    while (i < code.length) {
      const char = code[i];
      if (char === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (char === '`') {
        flush();
        out.push('`');
        return i + 1;
      } else if (char === '$' && code[i + 1] === '{') {
        flush();
        out.push('${');
        i = expression(code, i + 2, out);
      } else {
        text += char;
        i++;
      }
    }
    throw new Error('unterminated template literal');
  };
  /** Index after the `}` that closes the expression starting at `start`. */
  const expression = (code, start, out) => {
    let depth = 0;
    let i = start;
    while (i < code.length) {
      const char = code[i];
      if (char === '`') {
        const tagged = /\bhtml\s*$/.test(code.slice(Math.max(0, i - 8), i));
        i = template(code, i, out, tagged);
        continue;
      }
      if (char === "'" || char === '"') {
        let j = i + 1;
        while (j < code.length && code[j] !== char) j += code[j] === '\\' ? 2 : 1;
        out.push(code.slice(i, j + 1));
        i = j + 1;
        continue;
      }
      if (char === '{') depth++;
      if (char === '}' && depth-- === 0) {
        out.push('}');
        return i + 1;
      }
      out.push(char);
      i++;
    }
    throw new Error('unterminated template expression');
  };
  return {
    name: 'minify-html',
    transform(code, id) {
      if (!id.startsWith(src) || !/\bhtml\s*`/.test(code)) return null;
      const out = [];
      let last = 0;
      for (const match of code.matchAll(/\bhtml\s*`/g)) {
        const start = match.index + match[0].length - 1;
        if (start < last) continue; // nested in a template already handled
        out.push(code.slice(last, start));
        last = template(code, start, out, true);
      }
      out.push(code.slice(last));
      const minified = out.join('');
      return minified === code ? null : { code: minified, map: null };
    },
  };
}

/**
 * The widgets read only each theme token's name and default (theme/theme-sheet.ts); the kinds and descriptions in
 * theme/tokens.ts are for the server's validator and the docs, so the bundle leaves them out (about 0.25 KB gzip).
 */
function tokenDefaultsOnly() {
  const field = /,\s*kind: '[a-z]+',\s*description: (['"])(?:(?!\1)[^\\]|\\.)*\1/g;
  return {
    name: 'token-defaults-only',
    transform(code, id) {
      if (id !== `${src}theme/tokens.ts`) return null;
      return { code: code.replace(field, ''), map: null };
    },
  };
}

/** Starts from an empty dist/ so that chunks of earlier builds (other hashes) are not served or listed. */
function cleanDist() {
  return { name: 'clean-dist', buildStart: () => rmSync(dist, { recursive: true, force: true }) };
}

// Chunks loaded only for a signed-in citizen: the OIDC strategy with oidc-client-ts, live updates, and the widgets'
// signed-in views (`signed-in`: src/<widget>/<name>-personal.ts, each imported with import() once someone is signed in).
const LAZY_KINDS = new Set(['oidc', 'live', 'signed-in']);
const SIGNED_IN_PART = /[\\/]src[\\/][a-z-]+[\\/][a-z-]+-personal\.ts$/;

/** A non-entry chunk's kind in the manifest: core, oidc, live, signed-in, strings, or a widget (or its later part). */
function kindOf(chunk) {
  if (chunk.name.startsWith('strings-')) return 'strings';
  if (chunk.facadeModuleId && SIGNED_IN_PART.test(chunk.facadeModuleId)) return 'signed-in';
  return ['core', ...LAZY_KINDS].includes(chunk.name) ? chunk.name : 'widget';
}

/** Writes manifest.json and refuses a bundle whose chunks import the entry (see src/kunta-akkuna.ts). */
function manifest() {
  return {
    name: 'kunta-manifest',
    generateBundle(_options, bundle) {
      const files = {};
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const lazy = new Set(chunks.filter((chunk) => LAZY_KINDS.has(kindOf(chunk))).map((chunk) => chunk.fileName));
      for (const chunk of chunks) {
        if (chunk.fileName !== ENTRY && chunk.imports.includes(ENTRY)) {
          this.error(`${chunk.fileName} imports the entry ${ENTRY}; move the shared module out of the autoloader.`);
        }
        // A static import would load the signed-in code on every page; it must stay behind an import().
        const eager = chunk.imports.find((file) => lazy.has(file));
        if (eager && !lazy.has(chunk.fileName)) {
          this.error(
            `${chunk.fileName} imports ${eager} statically; it is meant to load only for a signed-in citizen.`,
          );
        }
      }
      for (const file of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        const chunk = file.type === 'chunk' ? file : undefined;
        files[file.fileName] = {
          kind: !chunk ? 'sourcemap' : chunk.isEntry ? 'entry' : kindOf(chunk),
          bytes: content.length,
          gzip: gzipSync(content, { level: 9 }).length,
          integrity: `sha384-${createHash('sha384').update(content).digest('base64')}`,
        };
      }
      // What a page with the widget loads before anyone signs in: its chunk and their static imports.
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (fileName, seen = new Set()) => {
        if (seen.has(fileName)) return seen;
        seen.add(fileName);
        for (const dependency of byName.get(fileName)?.imports ?? []) closure(dependency, seen);
        return seen;
      };
      const widgets = {};
      for (const { tag, file } of widgetFolders()) {
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === file);
        if (chunk) widgets[tag] = [...closure(chunk.fileName)];
      }
      // Each language's strings: a page loads the one its widgets show, and a widget with strings of its own those
      // too (`widgetStrings`: tag → language → file).
      const stringsChunks = chunks.filter((chunk) => kindOf(chunk) === 'strings');
      const strings = Object.fromEntries(
        stringsChunks
          .filter((chunk) => !WIDGET_STRINGS.test(chunk.facadeModuleId ?? ''))
          .map((chunk) => [chunk.name.slice('strings-'.length), chunk.fileName])
          .sort(([a], [b]) => a.localeCompare(b)),
      );
      const widgetStrings = {};
      for (const chunk of stringsChunks) {
        const [, name, code] = WIDGET_STRINGS.exec(chunk.facadeModuleId ?? '') ?? [];
        if (name) (widgetStrings[`kunta-${name}`] ??= {})[code] = chunk.fileName;
      }
      const contents = {
        name: 'kunta-akkuna',
        version,
        entry: ENTRY,
        widgets,
        strings,
        widgetStrings,
        signIn: [...lazy],
        files,
      };
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify(contents, null, 2)}\n` });
    },
  };
}

export default {
  input: { 'kunta-akkuna': `${src}kunta-akkuna.ts` },
  output: {
    dir: dist,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // Shared code in one chunk rather than one per combination of widgets: fewer requests, one cache entry.
    manualChunks(id, { getModuleInfo }) {
      if (LAZY_OIDC.test(id)) return 'oidc';
      if (LAZY_LIVE.test(id)) return 'live';
      const language = languageFiles().find(({ file }) => file === id);
      if (language) return `strings-${language.code}`;
      const own = WIDGET_STRINGS.exec(id);
      if (own) return `strings-${own[1]}-${own[2]}`;
      // The entry keeps only the autoloader; nothing that a widget chunk imports.
      if (id.startsWith('\0') || /[\\/]src[\\/](kunta-akkuna|internal[\\/](autoloader|define))\.ts$/.test(id))
        return undefined;
      // `core`: what every widget loads (src/context.ts is requested with each widget) and what two widgets share.
      // A module only one widget uses stays in its chunk; one used only by lazily imported code, in that chunk.
      const users = staticRoots(id, getModuleInfo);
      return users.has(CORE) || users.size > 1 ? 'core' : undefined;
    },
  },
  plugins: [
    cleanDist(),
    kuntaWidgets(),
    dropOidcLogging(),
    minifyCss(),
    minifyHtml(),
    tokenDefaultsOnly(),
    nodeResolve({ browser: true, exportConditions: ['kunta-source', 'production'] }),
    typescript({
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      noEmit: false,
      declaration: false,
      sourceMap: true,
      // The SDK is compiled from source (kunta-source condition) as part of this bundle.
      include: ['src/**/*.ts', '../sdk/src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/internal/testing.ts', 'src/**/*.stories.ts'],
    }),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
    manifest(),
  ],
};
