import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const CHANGE = 'action reason decidedBy decidedAt personId restriction { active reason since }';
const restrict = (personId: string, reason: string, who = 'dpo', purpose = 'SUBJECT_RIGHTS', justification = 'restriction desk') =>
  s.gql(who, `mutation($p: ID!, $r: String!) { restrictProcessing(personId: $p, reason: $r) { ${CHANGE} } }`,
    { purpose, justification, variables: { p: personId, r: reason } });
const lift = (personId: string, reason: string, justification = 'restriction desk') =>
  s.gql('dpo', `mutation($p: ID!, $r: String!) { liftRestriction(personId: $p, reason: $r) { ${CHANGE} } }`,
    { purpose: 'SUBJECT_RIGHTS', justification, variables: { p: personId, r: reason } });
const asCaseManager = () =>
  s.gql('case-manager-a', '{ person(id: "person-a1") { surname placement { institution } restriction { active reason since } } }', { purpose: 'DETENTION_MANAGEMENT' });

describe('R22 the restriction marking, placed and lifted by the DPO', () => {
  test('R22 a case manager sees RESTRICTED after restrictProcessing, with the marking itself visible', async () => {
    const before = await asCaseManager();
    expect(before.body.data.person).toMatchObject({ surname: 'Jansen', restriction: { active: false, reason: null, since: null } });

    const res = await restrict('person-a1', 'Accuracy of the address contested by the data subject', 'dpo', 'SUBJECT_RIGHTS', 'restrict a1');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.restrictProcessing).toEqual({
      action: 'RESTRICT', reason: 'Accuracy of the address contested by the data subject', decidedBy: 'dpo', decidedAt: '2026-03-05T10:00:00.000Z',
      personId: 'person-a1', restriction: { active: true, reason: 'Accuracy of the address contested by the data subject', since: '2026-03-05T10:00:00.000Z' },
    });
    const after = await asCaseManager();
    expect(after.body.data.person.restriction).toEqual({ active: true, reason: 'Accuracy of the address contested by the data subject', since: '2026-03-05T10:00:00.000Z' });
    expect(after.body.data.person.surname).toBeNull();
    expect(deniedPaths(after)).toMatchObject({ 'person.surname': 'RESTRICTED', 'person.placement': 'RESTRICTED' });

    const [row] = await s.sql(`select action, outcome, subject_type, subject_id, person_id, categories from access_log
      where justification = 'restrict a1' and action = 'alter'`);
    expect(row).toEqual({ action: 'alter', outcome: 'GRANTED', subject_type: 'Person', subject_id: 'person-a1', person_id: 'person-a1',
      categories: ['processing.restriction'] });
  });

  test('R22 after liftRestriction the case manager sees the data again and the marking reads not active', async () => {
    s.clock.now = new Date('2026-03-12T10:00:00Z');
    const res = await lift('person-a1', 'Address verified and confirmed; the data subject was told', 'lift a1');
    expect(res.body.data.liftRestriction).toMatchObject({ action: 'LIFT', restriction: { active: false, reason: null, since: null } });
    const after = await asCaseManager();
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.person).toMatchObject({ surname: 'Jansen', placement: { institution: 'A' }, restriction: { active: false } });
    expect(await s.sql(`select action, person_id from access_log where justification = 'lift a1' and subject_type = 'Person'`))
      .toEqual([{ action: 'alter', person_id: 'person-a1' }]);
  });

  test('R22 the history of the marking keeps every placing and lifting with its reason', async () => {
    const res = await s.gql('dpo', '{ restrictionHistory(personId: "person-a1") { action reason decidedBy } }', { purpose: 'SUBJECT_RIGHTS' });
    expect(res.body.data.restrictionHistory).toEqual([
      { action: 'RESTRICT', reason: 'Accuracy of the address contested by the data subject', decidedBy: 'dpo' },
      { action: 'LIFT', reason: 'Address verified and confirmed; the data subject was told', decidedBy: 'dpo' },
    ]);
    const [{ restriction_active: active }] = await s.sql(`select restriction_active from person where id = 'person-a1'`);
    expect(active).toBe(false);
  });

  test('R22 only the DPO changes the marking: a case manager gets FORBIDDEN and nothing changes', async () => {
    const res = await restrict('person-a1', 'I think so', 'case-manager-a', 'DETENTION_MANAGEMENT', 'cm tries');
    expect(res.body.data.restrictProcessing).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE', category: 'processing.restriction' });
    expect(await s.sql(`select restriction_active from person where id = 'person-a1'`)).toEqual([{ restriction_active: false }]);
    expect(await s.sql(`select outcome, reason, person_id from access_log where justification = 'cm tries'`))
      .toEqual([{ outcome: 'DENIED', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE', person_id: 'person-a1' }]);
  });

  test('bad input names the field: unknown person, blank reason, lifting what is not restricted, restricting twice', async () => {
    const field = (res: Awaited<ReturnType<typeof lift>>) => res.body.errors?.[0].extensions;
    expect(field(await restrict('person-zz', 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(field(await restrict('person-a2', '  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(field(await lift('person-a2', 'never restricted'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(field(await restrict('person-restricted', 'again'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(await s.sql(`select count(*)::int as n from restriction_change where person_id <> 'person-a1'`)).toEqual([{ n: 0 }]);
  });
});
