import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const PERSON = `query Person($id: ID!) { person(id: $id) {
  id surname givenNames sex birthDate nationality nationalRegisterNumber fingerprintReference
  medicalNotes riskAssessment placement { institution } restriction { active reason } } }`;
const PERSON_IDS = '{ persons(first: 50) { edges { node { id surname } } } }';

const read = (who: string, purpose: string | undefined, id: string, justification = 'test case') =>
  s.gql(who, PERSON, { purpose, justification, variables: { id } });

describe('row conditions (R13 need-to-know, in SQL and per object)', () => {
  test('R13 case managers list only persons placed at their own institution', async () => {
    const a = await s.gql('case-manager-a', PERSON_IDS, { purpose: 'DETENTION_MANAGEMENT' });
    const b = await s.gql('case-manager-b', PERSON_IDS, { purpose: 'DETENTION_MANAGEMENT' });
    expect(a.body.data.persons.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['person-a1', 'person-a2', 'person-restricted']);
    expect(b.body.data.persons.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['person-b1']);
  });

  test('R13 a case manager reading a person of another institution gets null (not found) and the denial is logged as ROW_CONDITION', async () => {
    const res = await read('case-manager-a', 'DETENTION_MANAGEMENT', 'person-b1', 'ticket ROW-1');
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors).toBeUndefined();
    const rows = await s.sql(`select action, outcome, reason, subject_id from access_log where justification = 'ticket ROW-1'`);
    expect(rows).toEqual([{ action: 'consult', outcome: 'DENIED', reason: 'ROW_CONDITION', subject_id: 'person-b1' }]);
  });

  test('an unknown person reads as null, exactly like an invisible one', async () => {
    const res = await read('case-manager-a', 'DETENTION_MANAGEMENT', 'person-zz');
    expect(res.body).toEqual({ data: { person: null } });
  });

  test('R13 a case manager reads their own institution\'s dossier but not another\'s', async () => {
    const q = 'query($id: ID!) { dossier(id: $id) { id status entries(first: 5) { edges { node { kind summary } } } } }';
    const own = await s.gql('case-manager-a', q, { purpose: 'DETENTION_MANAGEMENT', variables: { id: 'dossier-a1' } });
    expect(own.body.data.dossier).toMatchObject({ id: 'dossier-a1', status: 'ACTIVE' });
    expect(own.body.data.dossier.entries.edges).toHaveLength(1);
    const other = await s.gql('case-manager-a', q, { purpose: 'DETENTION_MANAGEMENT', variables: { id: 'dossier-b1' } });
    expect(other.body.data.dossier).toBeNull();
  });
});

describe('purpose (R12) and the register key', () => {
  test('R12 personal data without a purpose is PURPOSE_REQUIRED, with no data, and the refusal is logged', async () => {
    const res = await s.gql('case-manager-a', PERSON, { variables: { id: 'person-a1' }, justification: 'no purpose' });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'PURPOSE_REQUIRED' });
    const rows = await s.sql(`select outcome, reason from access_log where justification = 'no purpose'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.outcome === 'DENIED' && r.reason === 'PURPOSE_REQUIRED')).toBe(true);
  });

  test('R12 the same document is refused without a purpose every time, and answered with one', async () => {
    // What a document selects is worked out once per parsed document; the refusal must not be.
    for (const tag of ['again 1', 'again 2']) {
      const res = await s.gql('case-manager-a', PERSON, { variables: { id: 'person-a1' }, justification: tag });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'PURPOSE_REQUIRED' });
    }
    const ok = await s.gql('case-manager-a', PERSON, { purpose: 'DETENTION_MANAGEMENT', variables: { id: 'person-a1' }, justification: 'again 3' });
    expect(ok.body.data.person.surname).toBeTruthy();
    expect(ok.body.errors?.map((e) => e.extensions?.code)).not.toContain('PURPOSE_REQUIRED');
    const ids = await s.sql(`select distinct operation_id from access_log where justification like 'again %'`);
    expect(ids).toHaveLength(1);
  });

  test('a query without personal data needs no purpose', async () => {
    const res = await s.gql('case-manager-a', '{ me { id } processingRecords { code } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.processingRecords).toHaveLength(6);
  });

  test('R12 a purpose the role may not act under reads as not found (PURPOSE_NOT_ALLOWED_FOR_ROLE)', async () => {
    const res = await read('case-manager-a', 'MEDICAL_CARE', 'person-a1', 'ticket ROLE-1');
    expect(res.body.data.person).toBeNull();
    const rows = await s.sql(`select reason from access_log where justification = 'ticket ROLE-1'`);
    expect(rows).toEqual([{ reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE' }]);
  });

  test('R12 R16 medical notes are readable only under MEDICAL_CARE', async () => {
    const cm = await read('case-manager-a', 'DETENTION_MANAGEMENT', 'person-a1');
    expect(cm.body.data.person.surname).toBe('Jansen');
    expect(cm.body.data.person.medicalNotes).toBeNull();
    expect(deniedPaths(cm)['person.medicalNotes']).toBe('CATEGORY_NOT_IN_PURPOSE');
    const errors = cm.body.errors!.filter((e) => e.path?.join('.') === 'person.medicalNotes');
    expect(errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'health' });

    const med = await read('medical-officer', 'MEDICAL_CARE', 'person-a1');
    expect(med.body.data.person.medicalNotes).toContain('diabetes');
    // The medical service has no business with the national register number.
    expect(deniedPaths(med)['person.nationalRegisterNumber']).toBe('CATEGORY_NOT_IN_PURPOSE');
  });

  test('R13 the role key: a category the register lists but the role does not grant is CATEGORY_NOT_GRANTED_TO_ROLE', async () => {
    const res = await read('intake-a', 'IDENTIFICATION_OF_DETAINEES', 'person-a1');
    expect(res.body.data.person.surname).toBe('Jansen');
    expect(deniedPaths(res)['person.fingerprintReference']).toBe('CATEGORY_NOT_GRANTED_TO_ROLE');
  });
});

describe('designation (R6) and pledge (R7, R15)', () => {
  test('R6 R7 the designated officer with a pledge reads the fingerprint reference', async () => {
    const res = await read('id-officer', 'IDENTIFICATION_OF_DETAINEES', 'person-b1');
    expect(res.body.data.person.fingerprintReference).toBe('AFIS-100003');
    expect(res.body.data.person.nationalRegisterNumber).toBe('999990033');
    // Health and risk are outside this processing whatever the designation.
    expect(deniedPaths(res)).toEqual({ 'person.medicalNotes': 'CATEGORY_NOT_IN_PURPOSE', 'person.riskAssessment': 'CATEGORY_NOT_IN_PURPOSE' });
  });

  test('R6 an undesignated officer gets NOT_DESIGNATED for special categories, and still sees the name', async () => {
    const res = await read('id-officer-undesignated', 'IDENTIFICATION_OF_DETAINEES', 'person-b1');
    expect(res.body.data.person.surname).toBe('Peeters');
    expect(deniedPaths(res)).toMatchObject({
      'person.fingerprintReference': 'NOT_DESIGNATED', 'person.nationalRegisterNumber': 'NOT_DESIGNATED',
    });
  });

  test('R7 a designated officer without a pledge gets NO_CONFIDENTIALITY_PLEDGE', async () => {
    const res = await read('id-officer-nopledge', 'IDENTIFICATION_OF_DETAINEES', 'person-b1');
    expect(deniedPaths(res)['person.fingerprintReference']).toBe('NO_CONFIDENTIALITY_PLEDGE');
  });
});

describe('restriction of processing (R22)', () => {
  test('R22 restricted data are denied with RESTRICTED while the marking stays visible', async () => {
    const res = await read('case-manager-a', 'DETENTION_MANAGEMENT', 'person-restricted');
    expect(res.body.data.person.restriction).toEqual({ active: true, reason: expect.any(String) });
    expect(res.body.data.person.surname).toBeNull();
    expect(deniedPaths(res)['person.surname']).toBe('RESTRICTED');
  });

  test('R22 a purpose the register allows under restriction goes on (medical care)', async () => {
    const res = await read('medical-officer', 'MEDICAL_CARE', 'person-restricted');
    expect(res.body.data.person.medicalNotes).toBe('Asthma.');
    expect(res.body.data.person.surname).toBe('Visser');
  });
});

describe('myRules for front ends', () => {
  test('packed CASL rules list the categories and the row condition of the caller', async () => {
    const res = await s.gql('case-manager-a', '{ myRules(purpose: "DETENTION_MANAGEMENT") { purpose denialReason policyRevision rules } }');
    const { rules, denialReason, policyRevision } = res.body.data.myRules;
    expect(denialReason).toBeNull();
    expect(policyRevision).toBe(s.policy.revision);
    // A packed CASL rule: [action, subject, conditions, inverted, fields].
    const person = rules.find((r: [string, string, object, number, string]) => r[1] === 'Person');
    expect(person[0]).toBe('read');
    expect(person[2]).toEqual({ currentInstitution: 'A' });
    expect(person[4].split(',')).toEqual(expect.arrayContaining(['identity.name', 'detention.placement']));
    expect(person[4]).not.toContain('health');
  });

  test('under a purpose outside the role, myRules says why and grants nothing', async () => {
    const res = await s.gql('case-manager-a', '{ myRules(purpose: "MEDICAL_CARE") { denialReason rules } }');
    expect(res.body.data.myRules).toEqual({ denialReason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE', rules: [] });
  });

  test('a malformed purpose is BAD_USER_INPUT naming the argument', async () => {
    const res = await s.gql('case-manager-a', '{ myRules(purpose: "x y") { denialReason } }');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
  });
});
