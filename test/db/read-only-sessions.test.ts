import { StaffMember } from '../../src/domain/StaffMember.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

// Read requests run without BEGIN and COMMIT on an ORM of their own (src/db/orm.ts): what keeps them
// from writing is the session itself, whatever a resolver calls, and they act as the application role.
describe('the read-only sessions of read requests', () => {
  onServer('refuse a write sent as SQL', async () => {
    await expect(s.readOrm!.em.fork().getConnection().execute(`update staff_member set active = false where id = 'case-manager-a'`))
      .rejects.toMatchObject({ code: '25006' });
    expect(await s.sql(`select active from staff_member where id = 'case-manager-a'`)).toEqual([{ active: true }]);
  });

  onServer('refuse a write through the entity manager (flush opens its transaction on the same sessions)', async () => {
    const em = s.readOrm!.em.fork();
    const staff = await em.findOneOrFail(StaffMember, 'case-manager-a');
    staff.active = false;
    await expect(em.flush()).rejects.toThrow(/read-only transaction/);
    expect(await s.sql(`select active from staff_member where id = 'case-manager-a'`)).toEqual([{ active: true }]);
  });

  onServer('act as the application role', async () => {
    const [{ role }] = await s.readOrm!.em.fork().getConnection().execute<{ role: string }[]>('select current_user as role');
    expect(role).toBe('ntk_app');
  });

  onServer('R10 a read answered from them still leaves its log rows, committed before the answer', async () => {
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT', justification: 'read pool' });
    expect(res.body.data.person.surname).toBe('Jansen');
    expect(await s.sql(`select action, outcome, person_id from access_log where justification = 'read pool'`))
      .toEqual([{ action: 'consult', outcome: 'GRANTED', person_id: 'person-a1' }]);
  });
});
