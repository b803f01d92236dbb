// Fails when server/openapi.json or the SDK's generated types lag behind the server's route schemas, or when the
// contract's problem codes (the ProblemCode enum, from server/src/http/problems.ts) are not the table's or lack a
// widget translation. Fix the first with `npm run openapi`. (The type-check catches a missing translation too:
// the widgets' `errors` strings are a Record over the SDK's KuntaErrorCode, which is derived from ProblemCode.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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
  const problems = await problemCodeFaults();
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(
    'OpenAPI document and SDK types match the server schemas; every problem code is in the contract and translated.',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The ProblemCode enum of openapi.json against the server's table, and every widget language against both. */
async function problemCodeFaults(): Promise<string[]> {
  const { PROBLEMS } = await import('../server/src/http/problems.js');
  const table = Object.keys(PROBLEMS).sort();
  const document = JSON.parse(readFileSync('server/openapi.json', 'utf8')) as {
    components: { schemas: Record<string, { enum?: string[] }> };
  };
  const faults: string[] = [];
  const published = [...(document.components.schemas.ProblemCode?.enum ?? [])].sort();
  if (published.join() !== table.join()) {
    faults.push(`openapi.json ProblemCode is [${published.join(', ')}], the server's table [${table.join(', ')}]`);
  }
  for (const file of readdirSync('components/src/i18n').filter((name) => /^[a-z]{2}\.ts$/.test(name))) {
    const { default: strings } = (await import(`../components/src/i18n/${file}`)) as {
      default: { errors: Record<string, string> };
    };
    const missing = table.filter((code) => !strings.errors[code]);
    if (missing.length) faults.push(`components/src/i18n/${file} has no error text for ${missing.join(', ')}`);
  }
  return faults;
}
