/**
 * The dependency directions of issue #11, read from the import statements themselves so that they stay:
 * connectors/ depend on the contract, never on aggregate/ (which imports them); aggregate/ builds no particular
 * connector; the rules and routes import no connector; emulators import nothing from src/routes/; and a connector
 * is one folder with its config schema beside it, listed once in connectors/registry.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONNECTORS } from '../src/connectors/registry.js';
import { MunicipalityConfig } from '../src/tenants/municipality-config.js';

const SERVER = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Import {
  /** The importing file, relative to server/. */
  from: string;
  /** The imported module, resolved relative to server/ (bare package names as they are). */
  target: string;
  typeOnly: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

// `import … from '…'`, `export … from '…'` and `import('…')`, over several lines; comments are stripped first.
const STATIC = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const source = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const from = relative(SERVER, file);
  const resolveTarget = (specifier: string) =>
    specifier.startsWith('.') ? relative(SERVER, resolve(dirname(file), specifier)) : specifier;
  const found: Import[] = [];
  for (const match of source.matchAll(STATIC)) {
    const clause = match[3] ?? '';
    // `import { type A, type B }` is type-only too.
    const namedTypesOnly = /^\{[^}]*\}$/.test(clause) && /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(clause);
    found.push({ from, target: resolveTarget(match[4]!), typeOnly: Boolean(match[2]) || namedTypesOnly });
  }
  for (const match of source.matchAll(BARE)) found.push({ from, target: resolveTarget(match[1]!), typeOnly: false });
  for (const match of source.matchAll(DYNAMIC)) found.push({ from, target: resolveTarget(match[1]!), typeOnly: false });
  return found;
}

const ALL = [...filesUnder(join(SERVER, 'src')), ...filesUnder(join(SERVER, 'emulators'))].flatMap(importsOf);
const under = (prefix: string) => (path: string) => path.startsWith(prefix);
const show = (imports: Import[]) => imports.map((i) => `${i.from} → ${i.target}`);

/** The connector contract and what every connector shares: the only part of connectors/ aggregate/ may use. */
const CONTRACT = new Set([
  'src/connectors/contract.js',
  'src/connectors/config-common.js',
  'src/connectors/outbound-http.js',
  'src/connectors/transport.js',
]);
const isConnectorFolder = (target: string) => /^src\/connectors\/[^/]+\//.test(target);

describe('import directions', () => {
  test('the scan sees the imports it is about (a negative control for the regular expressions)', () => {
    assert.ok(ALL.some((i) => i.from === 'src/aggregate/plugin.ts' && i.target === 'src/connectors/contract.js'));
    assert.ok(ALL.some((i) => i.from === 'src/server.ts' && i.target === 'src/connectors/registry.js'));
    assert.ok(ALL.some((i) => i.from.startsWith('src/connectors/generic/') && i.typeOnly));
    assert.ok(ALL.length > 300, `only ${ALL.length} imports found`);
  });

  test('connectors never import the aggregate layer, the routes, the feed or the rules', () => {
    const bad = ALL.filter(
      (i) => under('src/connectors/')(i.from) && /^src\/(aggregate|routes|feed|rules|audit)\//.test(i.target),
    );
    assert.deepEqual(show(bad), []);
  });

  test('connectors take only types from tenants/ (which composes its schema from theirs)', () => {
    const bad = ALL.filter((i) => under('src/connectors/')(i.from) && under('src/tenants/')(i.target) && !i.typeOnly);
    assert.deepEqual(show(bad), []);
  });

  test('the aggregate layer uses the connector contract only, and builds no particular connector', () => {
    const bad = ALL.filter(
      (i) => under('src/aggregate/')(i.from) && under('src/connectors/')(i.target) && !CONTRACT.has(i.target),
    );
    assert.deepEqual(show(bad), []);
  });

  test('rules, feed, routes, audit and auth import no connector folder', () => {
    const bad = ALL.filter(
      (i) => /^src\/(rules|feed|routes|audit|auth|http)\//.test(i.from) && isConnectorFolder(i.target),
    );
    assert.deepEqual(show(bad), []);
  });

  test('only the registry (and each folder itself) imports a connector folder; server.ts takes the lists from it', () => {
    const bad = ALL.filter((i) => {
      if (!isConnectorFolder(i.target) || under('emulators/')(i.from)) return false;
      const folder = i.target.split('/').slice(0, 3).join('/');
      if (i.from.startsWith(`${folder}/`)) return false;
      if (i.from === 'src/connectors/registry.ts') return false;
      // tenants/source-config.ts names the schemas (config.ts) for the tenants side; nothing else of a connector.
      return !(i.from.startsWith('src/tenants/') && i.target.endsWith('/config.js'));
    });
    assert.deepEqual(show(bad), []);
  });

  test('emulators import nothing from src/routes/', () => {
    const bad = ALL.filter((i) => under('emulators/')(i.from) && under('src/routes/')(i.target));
    assert.deepEqual(show(bad), []);
  });
});

describe('a connector is one folder and one registry entry', () => {
  test('every registry entry has its folder, with its config schema beside it, and is the municipality file key', () => {
    const sources = (MunicipalityConfig.properties.sources as { properties: Record<string, unknown> }).properties;
    assert.deepEqual(Object.keys(sources).sort(), Object.keys(CONNECTORS).sort());
    for (const [key, entry] of Object.entries(CONNECTORS)) {
      const folder = join(SERVER, 'src/connectors', key);
      assert.ok(statSync(join(folder, 'config.ts')).isFile(), `${key}/config.ts`);
      assert.ok(statSync(join(folder, 'index.ts')).isFile(), `${key}/index.ts`);
      const { [key]: schema } = sources;
      assert.equal(
        (schema as { type?: string }).type,
        entry.config.type,
        `sources.${key} is ${key}/config.ts's schema`,
      );
      const role = 'cases' in entry ? entry.cases : 'facts' in entry ? entry.facts : entry.catalogue;
      assert.equal(role.id, key, `the connector of sources.${key} has the id ${key}`);
    }
  });
});
