import { writeFileSync } from 'node:fs';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { SCHEMA_SUBJECTS, policyTypesSource } from '../src/authz/policy-names.js';

/** npm run policy:types — writes src/authz/policy-types.ts (a test fails when it is stale). */
writeFileSync(new URL('../src/authz/policy-types.ts', import.meta.url), policyTypesSource(loadPolicy(defaultPolicyDir), SCHEMA_SUBJECTS));
console.log('src/authz/policy-types.ts written');
