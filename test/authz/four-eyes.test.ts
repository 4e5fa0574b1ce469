import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const FINGERPRINT = 'query($id: ID!) { person(id: $id) { surname fingerprintReference } }';
const asOfficer = (who: string) => s.gql(who, FINGERPRINT, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { id: 'person-a1' } });
const designate = (who: string, staffMemberId: string) =>
  s.gql(who, `mutation { designateStaff(staffMemberId: "${staffMemberId}", processing: "IDENTIFICATION_OF_DETAINEES") { id active pending designatedBy confirmedBy } }`,
    { justification: 'four eyes' });
const confirmDesignation = (who: string, id: string) =>
  s.gql(who, `mutation { confirmDesignation(id: "${id}") { id active pending designatedBy confirmedBy } }`, { justification: 'four eyes' });
const recordPledge = (who: string, staffMemberId: string) =>
  s.gql(who, `mutation { recordPledge(staffMemberId: "${staffMemberId}", signedAt: "2026-01-10T09:00:00Z",
    documentReference: "personnel-file/${staffMemberId}/pledge") { id active pending recordedBy confirmedBy } }`, { justification: 'four eyes' });
const confirmPledge = (who: string, id: string) =>
  s.gql(who, `mutation { confirmPledge(id: "${id}") { id active pending confirmedBy } }`, { justification: 'four eyes' });

// Issue 16, finding 15: the DPO could record a pledge for itself, and one person's word made a designation.
describe('four eyes on designations (R6) and pledges (R7)', () => {
  test('R7 the DPO cannot record a pledge for itself, nor R6 designate itself: FORBIDDEN FOUR_EYES, nothing stored', async () => {
    const pledge = await recordPledge('dpo', 'dpo');
    expect(pledge.body.data.recordPledge).toBeNull();
    expect(pledge.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES', field: 'staffMemberId' });
    const designation = await designate('dpo', 'dpo');
    expect(designation.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
    expect(await s.sql(`select count(*)::int as n from confidentiality_pledge where staff_member_id = 'dpo'`)).toEqual([{ n: 0 }]);
    expect(await s.sql(`select count(*)::int as n from designation where staff_member_id = 'dpo'`)).toEqual([{ n: 0 }]);
  });

  test('R6 R7 R10 a refused self-pledge leaves a DENIED row with reason FOUR_EYES', async () => {
    await s.gql('dpo', `mutation { recordPledge(staffMemberId: "dpo", signedAt: "2026-01-10T09:00:00Z", documentReference: "own") { id } }`,
      { justification: 'self pledge' });
    expect(await s.sql(`select outcome, reason, principal_id from access_log where justification = 'self pledge'`))
      .toEqual([{ outcome: 'DENIED', reason: 'FOUR_EYES', principal_id: 'dpo' }]);
  });

  test('R6 a proposed designation gives nothing until the director-general confirms it; the DPO cannot confirm it', async () => {
    const proposed = await designate('dpo', 'id-officer-undesignated');
    expect(proposed.body.data.designateStaff).toMatchObject({ active: false, pending: true, designatedBy: 'dpo', confirmedBy: null });
    const { id } = proposed.body.data.designateStaff;
    expect(deniedPaths(await asOfficer('id-officer-undesignated'))['person.fingerprintReference']).toBe('NOT_DESIGNATED');

    const listed = await s.gql('dpo', '{ designations(pending: true) { id staffMemberId pending } }', { purpose: 'SUPERVISION_AUDIT' });
    expect(listed.body.data.designations).toEqual([{ id, staffMemberId: 'id-officer-undesignated', pending: true }]);

    const byDpo = await confirmDesignation('dpo', id);
    expect(byDpo.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_GRANTED' });
    expect(deniedPaths(await asOfficer('id-officer-undesignated'))['person.fingerprintReference']).toBe('NOT_DESIGNATED');

    const byDg = await confirmDesignation('director-general', id);
    expect(byDg.body.data.confirmDesignation).toMatchObject({ id, active: true, pending: false, designatedBy: 'dpo', confirmedBy: 'director-general' });
    expect((await asOfficer('id-officer-undesignated')).body.data.person.fingerprintReference).toBe('AFIS-100001');
    // Both acts are in the log, each with its own principal (R10).
    expect(await s.sql(`select principal_id, outcome from access_log where justification = 'four eyes' and subject_type = 'Designation'
      and outcome = 'GRANTED' order by seq`)).toEqual([{ principal_id: 'dpo', outcome: 'GRANTED' }, { principal_id: 'director-general', outcome: 'GRANTED' }]);
    // The DPO's own attempts at confirming (and, in the test before, at a self-pledge and self-designation) are denials in the log.
    expect(await s.sql(`select outcome, reason from access_log where justification = 'four eyes' and principal_id = 'dpo' and outcome = 'DENIED'
      order by reason`)).toEqual([{ outcome: 'DENIED', reason: 'FOUR_EYES' }, { outcome: 'DENIED', reason: 'FOUR_EYES' },
      { outcome: 'DENIED', reason: 'OPERATION_NOT_GRANTED' }]);
  });

  test('R6 the director-general cannot confirm a designation of themselves', async () => {
    const proposed = await designate('dpo', 'director-general');
    const own = await confirmDesignation('director-general', proposed.body.data.designateStaff.id);
    expect(own.body.data.confirmDesignation).toBeNull();
    expect(own.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES', field: 'id' });
    expect(await s.sql(`select confirmed_at from designation where staff_member_id = 'director-general'`)).toEqual([{ confirmed_at: null }]);
  });

  test('R6 the director-general does not propose designations; proposing is the DPO\'s', async () => {
    const res = await designate('director-general', 'id-officer-nopledge');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_GRANTED' });
  });

  test('R7 a recorded pledge gives nothing until confirmed by a second person', async () => {
    const recorded = await recordPledge('dpo', 'id-officer-nopledge');
    expect(recorded.body.data.recordPledge).toMatchObject({ active: false, pending: true, recordedBy: 'dpo', confirmedBy: null });
    expect(deniedPaths(await asOfficer('id-officer-nopledge'))['person.fingerprintReference']).toBe('NO_CONFIDENTIALITY_PLEDGE');
    const byDpo = await confirmPledge('dpo', recorded.body.data.recordPledge.id);
    expect(byDpo.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_GRANTED' });
    const confirmed = await confirmPledge('director-general', recorded.body.data.recordPledge.id);
    expect(confirmed.body.data.confirmPledge).toMatchObject({ active: true, pending: false, confirmedBy: 'director-general' });
    expect((await asOfficer('id-officer-nopledge')).body.data.person.fingerprintReference).toBe('AFIS-100001');
  });
});
