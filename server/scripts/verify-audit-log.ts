// `npm run audit:verify [-- <file>]`: checks the hash chain of a shipped access log (audit/audit-shipper.ts), as
// an auditor or the log service would. Prints the number of entries, or the first line where the chain breaks
// (a line changed, removed or inserted there), and exits 1 then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from '../src/audit/audit-shipper.js';

const file = process.argv[2] ?? process.env.AUDIT_LOG_FILE ?? join(process.env.DATA_DIR ?? './data', 'audit-log.jsonl');
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const broken = verifyChain(lines);
if (broken === null) {
  process.stdout.write(`${file}: ${lines.length} entries, hash chain intact\n`);
} else {
  process.stdout.write(`${file}: hash chain broken at line ${broken} of ${lines.length}\n`);
  process.exit(1);
}
