import { writeFileSync } from 'node:fs';
import { accessMatrix } from '../src/authz/matrix.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { demoRegisterEntries } from '../src/seed/register-entries.js';

/** npm run policy:matrix — writes docs/access-matrix.md (a test fails when it is stale). */
writeFileSync(new URL('../docs/access-matrix.md', import.meta.url), accessMatrix(loadPolicy(defaultPolicyDir), demoRegisterEntries()) + '\n');
console.log('docs/access-matrix.md written');
