// A widget's own strings part (src/<widget>/strings/) is loaded only with that widget: another widget that reads one
// of its keys gets undefined at run time, which the shared `Translation` type cannot catch. This test can.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const src = new URL('../../components/src/', import.meta.url).pathname;
const translation = readFileSync(join(src, 'i18n/translation.ts'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

// Each widget's own part of `Translation`, and the folder of the widget that loads it.
const PARTS = { CaseStatusStrings: 'case-status', NoticeAdminPart: 'notice-admin', MyDataPart: 'my-data' };

test("no widget reads another widget's own strings", () => {
  const offenders = Object.entries(PARTS).flatMap(([type, folder]) => {
    const block = new RegExp(`export type ${type} = Pick<\\s*Translation,([^>]*)>`).exec(translation)?.[1] ?? '';
    const keys = [...block.matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1]!);
    assert.ok(keys.length > 0, `the ${type} part is found`);
    return files(src)
      .filter((path) => !path.includes(`/${folder}/`))
      .flatMap((path) => {
        const text = readFileSync(path, 'utf8');
        return keys.filter((key) => new RegExp(`\\bt\\.${key}\\b`).test(text)).map((key) => `${path}: t.${key}`);
      });
  });
  assert.deepEqual(offenders, []);
});
