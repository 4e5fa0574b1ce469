import { existsSync, readFileSync } from 'node:fs';
import { verifyExport } from '../src/audit/offline-verify.js';
import { parseTrustedKeys, type TrustedKey } from '../src/audit/trusted-keys.js';

/**
 * npm run verify:export -- <file> --public-key <key> [--public-key <key>…] [--max-age-ms <ms>]
 *
 * Checks an access-log export (the `content` and `proof` of every `exportAccessLog(format: JSON_LINES)`
 * page, appended to one file) with no database (R10; docs/access-log.md, "Verifying an export").
 * A key is 64 hex digits (the raw Ed25519 public key), a PEM, or the path of a PEM file. Prints each
 * problem with its row id and line; exits 0 when the file verifies, 1 when it does not, 2 on misuse.
 */
const usage = 'usage: npm run verify:export -- <file> --public-key <hex | PEM | PEM file> [--public-key …] [--max-age-ms <ms>]';
const args = process.argv.slice(2);
let file: string | undefined;
const keys: TrustedKey[] = [];
let maxAgeMs = 90_500;
try {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--public-key') {
      const v = args[++i] ?? '';
      keys.push(...parseTrustedKeys(existsSync(v) ? readFileSync(v, 'utf8') : v));
    } else if (a === '--max-age-ms') {
      maxAgeMs = Number(args[++i]);
      if (!Number.isInteger(maxAgeMs) || maxAgeMs <= 0) throw new Error('--max-age-ms must be a positive whole number');
    } else if (!file && !a.startsWith('--')) {
      file = a;
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if (!file) throw new Error('the export file is missing');
  if (keys.length === 0) throw new Error('at least one --public-key is needed');
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  console.error(usage);
  process.exit(2);
}

const report = verifyExport(readFileSync(file, 'utf8'), { publicKeys: keys, maxAgeMs });
for (const f of report.findings) {
  console.log(`${f.problem}${f.id ? ` row ${f.id}` : ''}${f.line ? ` (line ${f.line})` : ''}: ${f.detail}`);
}
console.log(`${report.ok ? 'OK' : 'NOT OK'}: ${report.rows} rows, ${report.seals} seals, ${report.checkpoints} checkpoints; ` +
  (report.completenessChecked ? 'no row of the range is missing' : 'completeness not checked (the export was filtered on more than time)'));
process.exit(report.ok ? 0 : 1);
