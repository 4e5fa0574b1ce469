import { readFileSync } from 'node:fs';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { SCHEMA_SUBJECTS, policyTypesSource } from '../../src/authz/policy-names.js';

describe('R12 category and subject names are types', () => {
  test('src/authz/policy-types.ts is what npm run policy:types writes from policies/ (a typo in a category is a type error)', () => {
    const committed = readFileSync(new URL('../../src/authz/policy-types.ts', import.meta.url), 'utf8');
    expect(committed).toBe(policyTypesSource(loadPolicy(defaultPolicyDir), SCHEMA_SUBJECTS));
  });
});
