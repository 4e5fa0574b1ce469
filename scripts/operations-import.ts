import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { ImportRefused, importOperations, readIntegratorFile } from '../src/persisted/formats/import.js';
import { withToolIds } from '../src/persisted/formats/ids.js';
import { manifestJson, manifestPath, operationsDir, readOperations, validateOperations } from '../src/persisted/manifest.js';
import { buildSchema } from '../src/schema/index.js';

/**
 * npm run operations:import -- <file> --purpose PROCESSING_CODE --clients a,b
 * An Apollo persisted-query manifest or a client-preset persisted-documents.json into
 * schema/operations/ (one reviewed file per operation), then the manifest again. Review and commit
 * the files like any other operation.
 */
const { positionals, values } = parseArgs({ allowPositionals: true, options: { purpose: { type: 'string' }, clients: { type: 'string' } } });
if (positionals.length !== 1 || !values.purpose || !values.clients) {
  console.error('usage: npm run operations:import -- <file> --purpose PROCESSING_CODE --clients a,b');
  process.exit(2);
}
const schema = buildSchema(loadPolicy(defaultPolicyDir));
try {
  const imported = importOperations(readIntegratorFile(readFileSync(positionals[0], 'utf8')), {
    purpose: values.purpose, clients: values.clients.split(',').map((c) => c.trim()).filter(Boolean),
  }, operationsDir, schema);
  for (const op of imported) console.log(`${op.written ? 'written  ' : 'unchanged'}  ${op.file}  ${op.name}  ${op.id}`);
} catch (e) {
  console.error(e instanceof ImportRefused ? e.message : `nothing imported: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const operations = readOperations(operationsDir);
const errors = validateOperations(schema, operations);
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
writeFileSync(manifestPath, manifestJson(withToolIds(operations)));
console.log(`${manifestPath} written`);
