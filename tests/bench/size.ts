// `npm run bench:size`: the weight of the widget files (min + gzip level 9, from components/dist/manifest.json, which
// the build writes), per file and for two pages: the first view of a signed-out page (the autoloader, <kunta-login>
// and the public <kunta-service-feed>, with every chunk they import before anyone signs in) and everything (all
// widgets, the SDK and oidc-client-ts). Strings are a file per language and a page loads one, so both figures count
// one language (the largest); everything is also given with all languages. Prints every file and both figures, then
// exits non-zero when a figure misses its target (`npm test` runs it after the build). 1 KB = 1000 bytes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ManifestFile {
  kind: 'entry' | 'core' | 'widget' | 'strings' | 'oidc' | 'live' | 'signed-in' | 'sourcemap';
  bytes: number;
  gzip: number;
  integrity: string;
}
interface Manifest {
  version: string;
  entry: string;
  widgets: Record<string, string[]>;
  /** Language code → its strings file. */
  strings: Record<string, string>;
  /** Tag → language code → the widget's own strings file (a widget with strings of its own). */
  widgetStrings?: Record<string, Record<string, string>>;
  /** Files loaded only for a signed-in citizen. */
  signIn: string[];
  files: Record<string, ManifestFile>;
}

// Issue #13's targets, revised for ky (the product card's HTTP client) in the SDK.
const TARGETS = { firstView: 28_000, everything: 52_000 };
const FIRST_VIEW_WIDGETS = ['kunta-login', 'kunta-service-feed'];

const path = fileURLToPath(new URL('../../components/dist/manifest.json', import.meta.url));
let manifest: Manifest;
try {
  manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
} catch {
  console.error(`No ${path}: run \`npm run build -w components\` first.`);
  process.exit(1);
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const scripts = Object.entries(manifest.files).filter(([, file]) => file.kind !== 'sourcemap');
const sum = (names: Iterable<string>) =>
  [...names].reduce((total, name) => total + (manifest.files[name]?.gzip ?? 0), 0);
const languages = Object.entries(manifest.strings ?? {});
const widgetStrings = Object.entries(manifest.widgetStrings ?? {});
/** One language's strings for these tags: the common file and the tags' own. */
const stringsOf = (code: string, tags: string[]) => [
  ...(manifest.strings[code] ? [manifest.strings[code]] : []),
  ...widgetStrings.filter(([tag]) => tags.includes(tag)).flatMap(([, files]) => (files[code] ? [files[code]] : [])),
];
const allTags = Object.keys(manifest.widgets);
const [language, stringsFile] = languages.sort(
  (a, b) => sum(stringsOf(b[0], allTags)) - sum(stringsOf(a[0], allTags)),
)[0] ?? ['', ''];

console.log(`Kunta-Akkuna widgets ${manifest.version}: min + gzip -9 per file\n`);
const width = Math.max(...scripts.map(([name]) => name.length));
for (const [name, file] of scripts.sort((a, b) => b[1].gzip - a[1].gzip)) {
  const tags = Object.entries(manifest.widgets)
    .filter(([, files]) => files[0] === name)
    .map(([tag]) => `<${tag}>`);
  const lang = [
    ...languages.filter(([, file]) => file === name).map(([code]) => code),
    ...widgetStrings.flatMap(([tag, files]) =>
      Object.entries(files)
        .filter(([, file]) => file === name)
        .map(([code]) => `${code} of <${tag}>`),
    ),
  ];
  const lazy = manifest.signIn.includes(name) ? ['(signed in only)'] : [];
  console.log(
    `  ${name.padEnd(width)}  ${kb(file.gzip).padStart(8)}  (${kb(file.bytes).padStart(8)} min)  ${[file.kind, ...tags, ...lang, ...lazy].join(' ')}`,
  );
}

const present = FIRST_VIEW_WIDGETS.filter((tag) => manifest.widgets[tag]);
const missing = FIRST_VIEW_WIDGETS.filter((tag) => !manifest.widgets[tag]);
const firstView = new Set([
  manifest.entry,
  ...present.flatMap((tag) => manifest.widgets[tag]!),
  ...stringsOf(language, present),
]);
const allStrings = new Set(scripts.filter(([, file]) => file.kind === 'strings').map(([name]) => name));
const withoutStrings = scripts.map(([name]) => name).filter((name) => !allStrings.has(name));
const everything = new Set([...withoutStrings, ...stringsOf(language, allTags)]);
const everyLanguage = new Set([...withoutStrings, ...allStrings]);
const verdict = (bytes: number, target: number) =>
  `${bytes <= target ? 'met' : 'OVER'}: ${kb(bytes)} against the ${kb(target)} target`;
const strings = stringsFile ? `the ${language} strings (the largest language; a page loads one)` : 'no strings file';

console.log(`
First view, signed out, with ${strings}: ${kb(sum(firstView))} in ${firstView.size} files
  (${[...firstView].join(', ')})
  ${verdict(sum(firstView), TARGETS.firstView)}${missing.length ? `; not built yet: ${missing.map((tag) => `<${tag}>`).join(', ')}` : ''}
  Not loaded until a citizen is signed in (or signs in): ${manifest.signIn.join(', ')} (${kb(sum(manifest.signIn))})
Everything (all widgets + SDK + oidc-client-ts), with ${strings}: ${kb(sum(everything))} in ${everything.size} files
  ${verdict(sum(everything), TARGETS.everything)}
  With the strings of all ${languages.length} languages: ${kb(sum(everyLanguage))} in ${everyLanguage.size} files`);

// A missing first-view widget would make the first view look lighter than it is.
const missed = [
  ...(sum(firstView) > TARGETS.firstView
    ? [`the first view is ${kb(sum(firstView))} (target ${kb(TARGETS.firstView)})`]
    : []),
  ...(sum(everything) > TARGETS.everything
    ? [`everything is ${kb(sum(everything))} (target ${kb(TARGETS.everything)})`]
    : []),
  ...missing.map((tag) => `<${tag}> is not in the build`),
];
if (missed.length) {
  console.error(`\nSize targets of issue #13 missed: ${missed.join('; ')}.`);
  process.exit(1);
}
