import { operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const FINGERPRINT = 'query($id: ID!) { person(id: $id) { surname fingerprintReference } }';
const asOfficer = (who = 'id-officer') =>
  s.gql(who, FINGERPRINT, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { id: 'person-a1' } });

const RECORD_INPUT = {
  code: 'TRANSPORT_PLANNING', name: 'Transport planning', purpose: 'Planning transports between institutions.',
  legalBasis: 'Penitentiary Principles Act', dataSubjectCategories: ['detainees'], dataCategories: ['identity.name', 'detention.placement'],
  recipientCategories: ['internal:transport service'], retention: 'P1Y',
};
const CREATE = 'mutation($input: ProcessingRecordInput!) { createProcessingRecord(input: $input) { code version active versions { version change changedBy } } }';

describe('the register, maintained by the DPO through the same decision point (R19)', () => {
  test('R19 the DPO creates a record (version 1) and amends it (version 2, history kept); both are logged as alter', async () => {
    const created = await s.gql('dpo', CREATE, { variables: { input: RECORD_INPUT }, justification: 'register change 7' });
    expect(created.body.data.createProcessingRecord).toMatchObject({ code: 'TRANSPORT_PLANNING', version: 1, active: true });
    const amended = await s.gql('dpo', `mutation { amendProcessingRecord(code: "TRANSPORT_PLANNING", change: "longer retention",
      input: { retention: "P2Y" }) { version retention versions { version change } } }`, { justification: 'register change 7' });
    expect(amended.body.data.amendProcessingRecord).toEqual({
      version: 2, retention: 'P2Y', versions: [{ version: 1, change: 'created' }, { version: 2, change: 'longer retention' }],
    });
    const rows = await s.sql(`select action, outcome, subject_type, subject_id, principal_id from access_log where justification = 'register change 7' order by seq`);
    expect(rows).toEqual([
      { action: 'alter', outcome: 'GRANTED', subject_type: 'ProcessingRecord', subject_id: 'TRANSPORT_PLANNING', principal_id: 'dpo' },
      { action: 'alter', outcome: 'GRANTED', subject_type: 'ProcessingRecord', subject_id: 'TRANSPORT_PLANNING', principal_id: 'dpo' },
    ]);
  });

  test('a case manager may not change the register: FORBIDDEN with OPERATION_NOT_GRANTED, nothing stored, the attempt logged', async () => {
    const res = await s.gql('case-manager-a', CREATE, { variables: { input: { ...RECORD_INPUT, code: 'SHADOW_PROCESSING' } } });
    expect(res.body.data.createProcessingRecord).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_GRANTED' });
    expect(await s.sql(`select code from processing_record where code = 'SHADOW_PROCESSING'`)).toEqual([]);
    expect(await s.sql(`select outcome, reason from access_log where principal_id = 'case-manager-a' and subject_type = 'ProcessingRecord'`))
      .toEqual([{ outcome: 'DENIED', reason: 'OPERATION_NOT_GRANTED' }]);
  });

  test('bad input is BAD_USER_INPUT naming the field, and nothing is stored', async () => {
    const res = await s.gql('dpo', CREATE, { variables: { input: { ...RECORD_INPUT, code: 'BAD_CATEGORIES', dataCategories: ['identity.name', 'shoe.size'] } } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dataCategories[1]' });
    expect(await s.sql(`select code from processing_record where code = 'BAD_CATEGORIES'`)).toEqual([]);
    expect(await s.sql(`select code from processing_record_version where code = 'BAD_CATEGORIES'`)).toEqual([]);

    const lower = await s.gql('dpo', CREATE, { variables: { input: { ...RECORD_INPUT, code: 'lower case' } } });
    expect(lower.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });

    const missing = await s.gql('dpo', CREATE, { variables: { input: { code: 'X_Y' } } });
    expect(missing.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.body.errors?.[0].message).toContain('dataCategories');
  });

  test('R12 deactivating a record stops access at once: the next request gets PURPOSE_NOT_REGISTERED', async () => {
    const before = await asOfficer();
    expect(before.body.data.person.fingerprintReference).toBe('AFIS-100001');
    const off = await s.gql('dpo', 'mutation { deactivateProcessingRecord(code: "IDENTIFICATION_OF_DETAINEES", reason: "audit finding") { active version } }');
    expect(off.body.data.deactivateProcessingRecord).toEqual({ active: false, version: 2 });

    const after = await s.gql('id-officer', FINGERPRINT, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { id: 'person-a1' }, justification: 'after deactivation' });
    expect(after.body.data.person).toBeNull();
    expect(await s.sql(`select reason from access_log where justification = 'after deactivation'`)).toEqual([{ reason: 'PURPOSE_NOT_REGISTERED' }]);
    const rules = await s.gql('id-officer', '{ myRules(purpose: "IDENTIFICATION_OF_DETAINEES") { denialReason } }');
    expect(rules.body.data.myRules.denialReason).toBe('PURPOSE_NOT_REGISTERED');

    // Re-activation is an amendment back to active: not offered; restore directly for the next tests.
    await s.sql(`update processing_record set active = true, version = version + 1 where code = 'IDENTIFICATION_OF_DETAINEES'`);
    expect((await asOfficer()).body.data.person.fingerprintReference).toBe('AFIS-100001');
  });

  test('R12 a category removed from the record is denied on the next request (CATEGORY_NOT_IN_PURPOSE)', async () => {
    const amend = await s.gql('dpo', `mutation { amendProcessingRecord(code: "IDENTIFICATION_OF_DETAINEES", change: "drop biometrics",
      input: { dataCategories: ["identity", "identifier.national", "detention.placement", "processing.restriction"] }) { version } }`);
    expect(amend.body.errors).toBeUndefined();
    expect(deniedPaths(await asOfficer())['person.fingerprintReference']).toBe('CATEGORY_NOT_IN_PURPOSE');
    await s.gql('dpo', `mutation { amendProcessingRecord(code: "IDENTIFICATION_OF_DETAINEES", change: "restore biometrics",
      input: { dataCategories: ["identity", "identifier.national", "biometric.fingerprint_reference", "identification.verification_result", "detention.placement", "detention.dossier", "processing.restriction"] }) { version } }`);
    expect((await asOfficer()).body.data.person.fingerprintReference).toBe('AFIS-100001');
  });
});

describe('designations (R6) and pledges (R7), maintained by the DPO and confirmed by the director-general', () => {
  test('R6 revoking a designation takes effect on the next request; designating again restores access', async () => {
    const list = await s.gql('dpo', '{ designations(processing: "IDENTIFICATION_OF_DETAINEES") { id staffMemberId active } }', { purpose: 'SUPERVISION_AUDIT' });
    const mine = list.body.data.designations.find((d: { id: string; staffMemberId: string }) => d.staffMemberId === 'id-officer');
    const revoked = await s.gql('dpo', `mutation { revokeDesignation(id: "${mine.id}") { active revokedBy } }`);
    expect(revoked.body.data.revokeDesignation).toEqual({ active: false, revokedBy: 'dpo' });
    expect(deniedPaths(await asOfficer())['person.fingerprintReference']).toBe('NOT_DESIGNATED');

    // Four eyes (R6): the DPO proposes, the director-general confirms; only then does it count.
    const again = await s.gql('dpo', 'mutation { designateStaff(staffMemberId: "id-officer", processing: "IDENTIFICATION_OF_DETAINEES") { id active designatedBy } }');
    expect(again.body.data.designateStaff).toMatchObject({ active: false, designatedBy: 'dpo' });
    const confirmed = await s.gql('director-general', `mutation { confirmDesignation(id: "${again.body.data.designateStaff.id}") { active designatedBy } }`);
    expect(confirmed.body.data.confirmDesignation).toEqual({ active: true, designatedBy: 'dpo' });
    expect((await asOfficer()).body.data.person.fingerprintReference).toBe('AFIS-100001');
  });

  test('R7 recording a pledge lets a designated officer read; revoking it denies again', async () => {
    expect(deniedPaths(await asOfficer('id-officer-nopledge'))['person.fingerprintReference']).toBe('NO_CONFIDENTIALITY_PLEDGE');
    const recorded = await s.gql('dpo', `mutation { recordPledge(staffMemberId: "id-officer-nopledge", signedAt: "2026-01-10T09:00:00Z",
      documentReference: "personnel-file/id-officer-nopledge/pledge") { id active } }`);
    expect(recorded.body.data.recordPledge.active).toBe(false);
    // Four eyes (R7): a second person confirms it; only then does it count.
    const confirmed = await s.gql('director-general', `mutation { confirmPledge(id: "${recorded.body.data.recordPledge.id}") { active } }`);
    expect(confirmed.body.data.confirmPledge.active).toBe(true);
    expect((await asOfficer('id-officer-nopledge')).body.data.person.fingerprintReference).toBe('AFIS-100001');
    await s.gql('dpo', `mutation { revokePledge(id: "${recorded.body.data.recordPledge.id}") { active } }`);
    expect(deniedPaths(await asOfficer('id-officer-nopledge'))['person.fingerprintReference']).toBe('NO_CONFIDENTIALITY_PLEDGE');
  });

  test('R6 the supervisory authority reads the current list of designated staff; a case manager may not', async () => {
    const auditor = await s.gql('auditor', '{ designations { staffMemberId processing active } }', { purpose: 'SUPERVISION_AUDIT' });
    const ids = auditor.body.data.designations.map((d: { staffMemberId: string }) => d.staffMemberId).sort();
    expect(ids).toEqual(['id-officer', 'id-officer-nopledge']);
    const cm = await s.gql('case-manager-a', '{ designations { staffMemberId } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(cm.body.data.designations).toBeNull();
    expect(cm.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'staff.designation' });
    const asAuditor = await s.gql('case-manager-a', '{ designations { staffMemberId } }', { purpose: 'SUPERVISION_AUDIT' });
    expect(asAuditor.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE' });
  });

  test('designating for an unknown processing is BAD_USER_INPUT naming the argument', async () => {
    const res = await s.gql('dpo', 'mutation { designateStaff(staffMemberId: "intake-a", processing: "NOPE") { id } }');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'processing' });
  });

  test('R11 the DPO revokes a client system; its next request is refused; re-activation is explicit', async () => {
    const off = await s.gql('dpo', 'mutation { revokeClient(clientId: "municipality-x", reason: "security incident") { active revokedReason } }');
    expect(off.body.data.revokeClient).toEqual({ active: false, revokedReason: 'security incident' });
    const received = async () => {
      const op = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!;
      const res = await s.post(JSON.stringify({ documentId: op.id }), { authorization: `Bearer ${await s.token('municipality-x')}` });
      return res.json();
    };
    expect((await received()).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const on = await s.gql('dpo', 'mutation { reactivateClient(clientId: "municipality-x") { active } }');
    expect(on.body.data.reactivateClient.active).toBe(true);
    expect((await received()).data.receivedDisclosures.edges).toEqual([]);
  });
});
