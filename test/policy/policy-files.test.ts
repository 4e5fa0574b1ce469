import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessMatrix } from '../../src/authz/matrix.js';
import { defaultPolicyDir, loadPolicy, PolicyError } from '../../src/authz/policy.js';
import { demoRegisterEntries } from '../../src/seed/register-entries.js';

/** A copy of policies/ with one file edited. */
function policyWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  cpSync(defaultPolicyDir, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('policy files', () => {
  test('docs/access-matrix.md is what npm run policy:matrix writes (a policy change shows its effect in review)', () => {
    const committed = readFileSync(new URL('../../docs/access-matrix.md', import.meta.url), 'utf8');
    expect(committed).toBe(accessMatrix(loadPolicy(defaultPolicyDir), demoRegisterEntries()) + '\n');
  });

  test('the policy revision is a content hash: it changes with any edit', () => {
    const edited = loadPolicy(policyWith('roles.yaml', (t) => t.replace('Case manager of one institution', 'Case manager')));
    expect(edited.revision).not.toBe(loadPolicy(defaultPolicyDir).revision);
    expect(loadPolicy(defaultPolicyDir).revision).toMatch(/^[0-9a-f]{16}$/);
  });

  test('an unknown key stops loading with the file and line', () => {
    const dir = policyWith('roles.yaml', (t) => t.replace('    purposes: [MEDICAL_CARE]', '    purposes: [MEDICAL_CARE]\n    superuser: true'));
    expect(() => loadPolicy(dir)).toThrow(PolicyError);
    expect(() => loadPolicy(dir)).toThrow(/^roles\.yaml:\d+: /);
    const line = readFileSync(join(dir, 'roles.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('superuser')) + 1;
    expect(() => loadPolicy(dir)).toThrow(new RegExp(`^roles\\.yaml:(${line}|${line - 1}|${line - 2}):`));
  });

  test('a grant naming a category the taxonomy lacks stops loading', () => {
    const dir = policyWith('roles.yaml', (t) => t.replace('categories: [identity.name, identity.birth, identity.sex, health,', 'categories: [identity.name, shoe.size, health,'));
    expect(() => loadPolicy(dir)).toThrow(/roles\.yaml: .*unknown category shoe\.size/);
  });

  test('invalid YAML stops loading with the file and line', () => {
    const dir = policyWith('categories.yaml', (t) => t.replace('  health:\n', '  health: [\n'));
    expect(() => loadPolicy(dir)).toThrow(/^categories\.yaml:\d+: /);
  });

  test('a wrong type is reported at its line', () => {
    const dir = policyWith('categories.yaml', (t) => t.replace('    special: true\n    pledge: true', '    special: "yes"\n    pledge: true'));
    const line = readFileSync(join(dir, 'categories.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('special: "yes"')) + 1;
    expect(() => loadPolicy(dir)).toThrow(new RegExp(`^categories\\.yaml:${line}: categories\\.[a-z_.]+\\.special: `));
  });
});
