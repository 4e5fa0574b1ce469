import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { consoleCodegen, staleGenerated } from '../src/console/build/codegen.js';

/**
 * npm run console:codegen — the console's operation types and persisted ids into src/console/gql/.
 * With --check: writes nothing, lists the generated files that are not current and fails if any.
 */
if (process.argv.includes('--check')) {
  const stale = await staleGenerated();
  for (const path of stale) console.log(`not current: ${path}`);
  process.exit(stale.length > 0 ? 1 : 0);
}
for (const file of await consoleCodegen()) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.content);
  console.log(file.path);
}
