// The widget files, served at /widgets/<version>/ (immutable) and /widgets/v1/ (the moving alias):
//   kunta-akkuna.js      the script-tag entry: only the autoloader (src/kunta-akkuna.ts), no content hash
//   <widget>-<hash>.js   one chunk per widget folder (src/<name>/<name>.ts), loaded when its tag is on the page
//   core-<hash>.js       what the widgets share: Lit, the SDK client, the base element, strings and styles
//   oidc-<hash>.js       oidc-client-ts, imported by the SDK only when a session exists or sign-in starts
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
let widgetDirs;

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

/** The virtual module `kunta:widgets`: tag → () => import(chunk).then(module => module.Kunta<Name>). */
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
      const core = JSON.stringify(`${src}context.ts`);
      const rows = widgets.map(
        ({ tag, file, className }) =>
          `  ${JSON.stringify(tag)}: () => Promise.all([import(${core}), import(${JSON.stringify(file)})]).then(([, m]) => m.${className}),`,
      );
      return `export default {\n${rows.join('\n')}\n};\n`;
    },
  };
}

/** Starts from an empty dist/ so that chunks of earlier builds (other hashes) are not served or listed. */
function cleanDist() {
  return { name: 'clean-dist', buildStart: () => rmSync(dist, { recursive: true, force: true }) };
}

/** Writes manifest.json and refuses a bundle whose chunks import the entry (see src/kunta-akkuna.ts). */
function manifest() {
  return {
    name: 'kunta-manifest',
    generateBundle(_options, bundle) {
      const files = {};
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      for (const chunk of chunks) {
        if (chunk.fileName !== ENTRY && chunk.imports.includes(ENTRY)) {
          this.error(`${chunk.fileName} imports the entry ${ENTRY}; move the shared module out of the autoloader.`);
        }
      }
      for (const file of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        const chunk = file.type === 'chunk' ? file : undefined;
        files[file.fileName] = {
          kind: file.fileName.endsWith('.map')
            ? 'sourcemap'
            : chunk?.isEntry
              ? 'entry'
              : chunk?.name === 'core' || chunk?.name === 'oidc'
                ? chunk.name
                : 'widget',
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
      const lazy = chunks.filter((chunk) => chunk.name === 'oidc').map((chunk) => chunk.fileName);
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.json',
        source: `${JSON.stringify({ name: 'kunta-akkuna', version, entry: ENTRY, widgets, signIn: lazy, files }, null, 2)}\n`,
      });
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
    manualChunks(id) {
      if (/[\\/]node_modules[\\/](oidc-client-ts|jwt-decode)[\\/]/.test(id)) return 'oidc';
      // The entry keeps only the autoloader; nothing that a widget chunk imports.
      if (id.startsWith('\0') || /[\\/]src[\\/](kunta-akkuna|internal[\\/](autoloader|define))\.ts$/.test(id))
        return undefined;
      widgetDirs ??= widgetFolders().map(({ file }) => file.replace(/[^/\\]+\.ts$/, ''));
      return widgetDirs.some((dir) => id.startsWith(dir)) ? undefined : 'core';
    },
  },
  plugins: [
    cleanDist(),
    kuntaWidgets(),
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
