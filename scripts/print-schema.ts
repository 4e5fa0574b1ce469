import { writeFileSync } from 'node:fs';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { buildSchema, printSchemaSdl } from '../src/schema/index.js';

/** npm run schema:print: writes schema/schema.graphql from the code (a test fails when it drifts). */
const sdl = printSchemaSdl(buildSchema(loadPolicy(defaultPolicyDir)));
writeFileSync(new URL('../schema/schema.graphql', import.meta.url), sdl);
console.log(`schema/schema.graphql: ${sdl.split('\n').length} lines`);
