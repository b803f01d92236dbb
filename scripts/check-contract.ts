// Fails when server/openapi.json or the SDK's generated types lag behind the server's route schemas.
// Fix with `npm run openapi`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'kunta-contract-'));
const freshOpenApi = join(dir, 'openapi.json');
const freshTypes = join(dir, 'api.ts');
try {
  execFileSync('npx', ['tsx', 'server/scripts/write-openapi.ts', freshOpenApi], { stdio: 'ignore' });
  execFileSync('npx', ['openapi-typescript', freshOpenApi, '-o', freshTypes], { stdio: 'ignore' });
  const stale: string[] = [];
  if (readFileSync(freshOpenApi, 'utf8') !== readFileSync('server/openapi.json', 'utf8'))
    stale.push('server/openapi.json');
  if (readFileSync(freshTypes, 'utf8') !== readFileSync('sdk/src/generated/api.ts', 'utf8')) {
    stale.push('sdk/src/generated/api.ts');
  }
  if (stale.length) {
    console.error(`Stale generated contract: ${stale.join(', ')}. Run \`npm run openapi\` and commit the result.`);
    process.exit(1);
  }
  console.log('OpenAPI document and SDK types match the server schemas.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
