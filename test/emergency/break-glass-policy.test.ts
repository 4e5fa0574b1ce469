import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Access } from '../../src/authz/ability.js';
import { defaultPolicyDir, loadPolicy, PolicyError } from '../../src/authz/policy.js';
import type { Principal } from '../../src/authz/principal.js';
import { Reason } from '../../src/authz/reasons.js';
import { toFhirAuditEvent } from '../../src/audit/export.js';
import { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';
import { demoRegisterEntries } from '../../src/seed/register-entries.js';

/** Issue 20: the break-glass policy file and its terms, without a server. */
function policyWith(edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  cpSync(defaultPolicyDir, dir, { recursive: true });
  writeFileSync(join(dir, 'break-glass.yaml'), edit(readFileSync(join(dir, 'break-glass.yaml'), 'utf8')));
  return dir;
}
const policy = loadPolicy(defaultPolicyDir);
const medical = demoRegisterEntries().find((r) => r.code === 'MEDICAL_CARE')!;
const nurse = (o: Partial<Principal> = {}): Principal => ({
  id: 'nurse-a', kind: 'staff', roles: ['institution_nurse'], institution: 'A', unit: 'medical-unit-A', recipientCategory: 'staff:institution_nurse',
  designations: [], hasPledge: true, ...o,
});

describe('issue 20 policies/break-glass.yaml', () => {
  test('a role, reason code or category it names must exist: the server stops naming the file', () => {
    expect(() => loadPolicy(policyWith((t) => t.replace('institution_nurse:', 'night_nurse:')))).toThrow(/^break-glass\.yaml: .*night_nurse: no such role/);
    expect(() => loadPolicy(policyWith((t) => t.replace('reasonCodes: [LIFE_THREATENING,', 'reasonCodes: [BORED,')))).toThrow(PolicyError);
    expect(() => loadPolicy(policyWith((t) => t.replace('categories: [health,', 'categories: [shoe.size,')))).toThrow(/unknown category shoe\.size/);
    expect(() => loadPolicy(policyWith((t) => t.replace('durationMinutes: 60', 'durationMinutes: 0')))).toThrow(/^break-glass\.yaml:\d+: /);
  });

  test('the file is part of the policy revision', () => {
    expect(loadPolicy(policyWith((t) => t.replace('durationMinutes: 60', 'durationMinutes: 30'))).revision).not.toBe(policy.revision);
  });

  test('terms: the listed categories the role reads somewhere, under a purpose that allows it; staff only', () => {
    const terms = new Access(policy, nurse(), 'MEDICAL_CARE', medical).glass;
    expect(terms.refusal).toBeNull();
    expect([...terms.categories].sort()).toEqual(['health', 'identity.birth']);
    expect([...terms.reasonCodes].sort()).toEqual(['LIFE_THREATENING', 'URGENT_TREATMENT']);
    // R7: without a pledge health cannot open; identity.birth still can.
    expect([...new Access(policy, nurse({ hasPledge: false }), 'MEDICAL_CARE', medical).glass.categories]).toEqual(['identity.birth']);
    expect(new Access(policy, nurse(), 'MEDICAL_CARE', { ...medical, allowsBreakGlass: false }).glass.refusal).toBe(Reason.BREAK_GLASS_NOT_ALLOWED);
    expect(new Access(policy, nurse({ kind: 'client', recipientCategory: 'internal:medical service' }), 'MEDICAL_CARE', medical).glass.refusal).toBe(Reason.BREAK_GLASS_NOT_ALLOWED);
    expect(new Access(policy, nurse(), 'DETENTION_MANAGEMENT', demoRegisterEntries()[0]).glass.refusal).toBe(Reason.PURPOSE_NOT_ALLOWED_FOR_ROLE);
  });

  test('a grant under another purpose, or for categories no longer open, adds no rule', () => {
    const grant = { id: 'g', personId: 'person-b1', purpose: 'MEDICAL_CARE', categories: ['contact'], endsAt: '2099-01-01T00:00:00.000Z' };
    expect(new Access(policy, nurse({ breakGlass: [grant] }), 'MEDICAL_CARE', medical).hasLiveGrants).toBe(false);
    expect(new Access(policy, nurse({ breakGlass: [{ ...grant, categories: ['health'], purpose: 'OTHER' }] }), 'MEDICAL_CARE', medical).hasLiveGrants).toBe(false);
    expect(new Access(policy, nurse({ breakGlass: [{ ...grant, categories: ['health'] }] }), 'MEDICAL_CARE', medical).hasLiveGrants).toBe(true);
  });

  test('FHIR: a BREAK_GLASS row is an emergency override (v3 ActReason BTG), another row is not', () => {
    const row = Object.assign(new AccessLogEntry(), {
      id: 'r', at: new Date('2026-03-05T10:00:00Z'), requestId: 'q', action: 'consult', outcome: 'GRANTED', reason: 'BREAK_GLASS', principalId: 'nurse-a',
      principalCategory: 'staff:institution_nurse@medical-unit-A', recipientId: 'nurse-a', recipientCategory: 'internal:medical-unit-A', purpose: 'MEDICAL_CARE',
      subjectType: 'Person', subjectId: 'person-b1', personId: 'person-b1', fields: ['medicalNotes'], categories: ['health'], policyRevision: 'p', hash: 'h',
    });
    const codes = (r: AccessLogEntry) => (toFhirAuditEvent(r).authorization as { coding: { code: string }[] }[]).flatMap((a) => a.coding.map((c) => c.code));
    expect(codes(row)).toEqual(['MEDICAL_CARE', 'BTG']);
    expect(codes(Object.assign(new AccessLogEntry(), row, { reason: null }))).toEqual(['MEDICAL_CARE']);
  });
});
