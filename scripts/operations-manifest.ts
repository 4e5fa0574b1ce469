import { writeFileSync } from 'node:fs';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { withToolIds } from '../src/persisted/formats/ids.js';
import { manifestJson, manifestPath, operationsDir, readOperations, validateOperations } from '../src/persisted/manifest.js';
import { buildSchema } from '../src/schema/index.js';

/** npm run operations:manifest — validates schema/operations/*.graphql and writes their manifest. */
const operations = readOperations(operationsDir);
const errors = validateOperations(buildSchema(loadPolicy(defaultPolicyDir)), operations);
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
// With the ids integrators' tools compute, so that requests naming either are found (src/persisted/formats/ids.ts).
writeFileSync(manifestPath, manifestJson(withToolIds(operations)));
for (const op of operations) console.log(`${op.id}  ${op.name}  ${op.purposes.join(', ') || 'x-purpose'}  [${op.clients.join(', ')}]`);
