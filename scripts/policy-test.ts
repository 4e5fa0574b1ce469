import { loadDecisionTables, runCase } from '../src/authz/decision-tables.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { demoRegisterEntries } from '../src/seed/register-entries.js';

/** npm run policy:test — runs the decision tables of policies/tests, like `opa test`. */
const policy = loadPolicy(defaultPolicyDir);
const register = new Map(demoRegisterEntries().map((r) => [r.code, r]));
const { principals, cases } = loadDecisionTables(defaultPolicyDir);
let failed = 0;
for (const c of cases) {
  const { failures } = runCase(policy, register, principals, c);
  if (failures.length === 0) continue;
  failed++;
  console.log(`FAIL ${c.file}: ${c.name}`);
  for (const f of failures) console.log(`     ${f.category}: expected ${f.expected}, got ${f.actual}`);
}
console.log(`policy revision ${policy.revision}: ${cases.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
