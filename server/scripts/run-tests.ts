// Runs every server test file with node:test. Node 20's `--test` takes no glob patterns (that came in 21),
// so the files are collected here: *.test.ts under test/, emulators/ and dev-idp/ (folders may be missing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const roots = ['test', 'emulators', 'dev-idp'];

const files = roots
  .map((root) => join(serverDir, root))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts') && !file.split(/[\\/]/).includes('node_modules'))
      .map((file) => relative(serverDir, join(dir, file))),
  )
  .sort();

// Extra arguments narrow the run: `npm test -w server -- dpop` runs the files whose path contains "dpop".
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((filter) => f.includes(filter))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...selected], {
  cwd: serverDir,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
