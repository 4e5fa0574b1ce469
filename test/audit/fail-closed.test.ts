import { onServer, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

describe('R10 fail-closed: no log, no data', () => {
  onServer('with the log unwritable a personal-data query returns AUDIT_LOG_UNAVAILABLE and no data', async () => {
    await s.sql('revoke insert on access_log from ntk_app');
    try {
      const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
      expect(res.status).toBe(503);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'AUDIT_LOG_UNAVAILABLE' } }]);
      expect(JSON.stringify(res.body)).not.toContain('Jansen');
    } finally {
      await s.sql('grant insert on access_log to ntk_app');
    }
    const after = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(after.body.data.person.surname).toBe('Jansen');
  });

  onServer('a mutation whose log rows cannot be written is rolled back with them', async () => {
    await s.sql('revoke insert on access_log from ntk_app');
    try {
      const res = await s.gql('dpo', 'mutation { designateStaff(staffMemberId: "intake-a", processing: "MEDICAL_CARE") { id } }');
      expect(res.body.errors?.[0].extensions?.code).toBe('AUDIT_LOG_UNAVAILABLE');
    } finally {
      await s.sql('grant insert on access_log to ntk_app');
    }
    expect(await s.sql(`select id from designation where staff_member_id = 'intake-a'`)).toEqual([]);
  });

  test('a mutation and its log rows commit together', async () => {
    const res = await s.gql('dpo', 'mutation { designateStaff(staffMemberId: "intake-a", processing: "MEDICAL_CARE") { id } }', { justification: 'ticket 9' });
    const id = res.body.data.designateStaff.id;
    expect(await s.sql(`select count(*)::int as n from designation where id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await s.sql(`select action, subject_type, subject_id from access_log where justification = 'ticket 9'`))
      .toEqual([{ action: 'alter', subject_type: 'Designation', subject_id: 'intake-a' }]);
  });
});
