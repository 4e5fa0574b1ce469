import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apolloManifest } from '../src/persisted/formats/apollo-manifest.js';
import { persistedDocuments } from '../src/persisted/formats/client-preset.js';
import { operationsDir, readOperations } from '../src/persisted/manifest.js';

/**
 * npm run operations:export -- --client <id> [--out <dir>]
 * The operations a client system may run, in the two formats integrators' tools read: Apollo's
 * persisted-query manifest and client-preset's persisted-documents.json. Either tool's ids are
 * accepted by the server as they are.
 */
const { values } = parseArgs({ options: { client: { type: 'string' }, out: { type: 'string' } } });
if (!values.client) {
  console.error('usage: npm run operations:export -- --client <id> [--out <dir>]');
  process.exit(2);
}
const operations = readOperations(operationsDir).filter((op) => op.clients.includes(values.client!));
if (operations.length === 0) {
  console.error(`no operation lists the client ${values.client}`);
  process.exit(1);
}
const out = values.out ?? `persisted-operations-${values.client}`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'persisted-query-manifest.json'), JSON.stringify(apolloManifest(operations), null, 2) + '\n');
writeFileSync(join(out, 'persisted-documents.json'), JSON.stringify(persistedDocuments(operations), null, 2) + '\n');
for (const op of operations) console.log(`${op.name}  ${op.id}`);
console.log(`${join(out, 'persisted-query-manifest.json')} and ${join(out, 'persisted-documents.json')} written`);
