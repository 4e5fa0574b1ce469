import { readOperations, operationsDir } from '../../src/persisted/manifest.js';
import { runRetention } from '../../src/retention/run.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const retention = (iso: string) => runRetention(s.orm, new Date(iso), s.policy.revision);
const RECEIVED = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!.id;

describe('R14 each record\'s retention term, enforced by npm run retention', () => {
  test('R14 R18 an art. 18b disclosure keeps its values for its own term (P5Y), then they are erased and the erasure logged', async () => {
    s.clock.now = new Date('2026-03-01T10:00:00Z');
    const res = await s.gql('case-manager-b', `mutation { disclose18b(input: { personId: "person-b1", recipientClientId: "municipality-x",
      categories: ["identity.name", "criminal.risk_assessment"], motivation: "release without framework; real risk" }) { id retainUntil } }`,
    { purpose: 'RISK_DISCLOSURE_18B' });
    expect(res.body.data.disclose18b.retainUntil).toBe('2031-03-01T10:00:00.000Z');
    expect((await retention('2031-03-01T09:59:00Z')).disclosuresErased).toBe(0);
    expect((await retention('2031-03-01T10:00:00Z')).disclosuresErased).toBe(1);
    expect(await s.sql('select data, categories from disclosure')).toEqual([{ data: {}, categories: ['criminal.risk_assessment', 'identity.name'] }]);
    const [row] = await s.sql(`select action, principal_id, subject_type, person_id, fields from access_log where action = 'erase' and subject_type = 'Disclosure'`);
    expect(row).toEqual({ action: 'erase', principal_id: 'retention', subject_type: 'Disclosure', person_id: 'person-b1',
      fields: ['aliases', 'givenNames', 'riskAssessment', 'surname'] });
    const body = await (await s.post(JSON.stringify({ documentId: RECEIVED }), { authorization: `Bearer ${await s.token('municipality-x')}` })).json();
    expect(body.data.receivedDisclosures.edges[0].node).toMatchObject({ surname: null, riskAssessment: null, categories: ['criminal.risk_assessment', 'identity.name'] });
  });

  test('R14 a released person is anonymised once the term runs from release; a legal hold and a detention keep the data', async () => {
    await s.sql(`update placement set released_at = '2015-06-30T10:00:00Z' where person_id in ('person-a2', 'person-b1')`);
    const hold = await s.gql('dpo', 'mutation { setLegalHold(personId: "person-b1", hold: true, reason: "pending proceedings") { active } }');
    expect(hold.body.data.setLegalHold.active).toBe(true);
    expect((await retention('2025-06-30T09:00:00Z')).personsAnonymised).toBe(0);
    const report = await retention('2025-06-30T10:00:00Z');
    expect(report.personsAnonymised).toBe(1);
    const people = await s.sql(`select id, surname, medical_notes, national_register_number, anonymised_at is not null as anonymised from person
      where id in ('person-a1', 'person-a2', 'person-b1') order by id`);
    expect(people).toEqual([
      { id: 'person-a1', surname: 'Jansen', medical_notes: expect.any(String), national_register_number: '999990011', anonymised: false },
      { id: 'person-a2', surname: 'ANONYMISED', medical_notes: null, national_register_number: null, anonymised: true },
      { id: 'person-b1', surname: 'Peeters', medical_notes: null, national_register_number: '999990033', anonymised: false },
    ]);
    const [row] = await s.sql(`select action, categories from access_log where action = 'erase' and subject_type = 'Person' and person_id = 'person-a2'`);
    expect(row.categories).toEqual(expect.arrayContaining(['identity.name', 'health', 'identifier.national']));
    expect((await retention('2030-01-01T00:00:00Z')).personsAnonymised).toBe(0);
  });

  test('R5 retention never removes access-log rows, and the chain still verifies', async () => {
    const [{ n: before }] = await s.sql<{ n: number }>('select count(*)::int as n from access_log');
    await retention('2040-01-01T00:00:00Z');
    const [{ n: after }] = await s.sql<{ n: number }>('select count(*)::int as n from access_log');
    expect(after).toBeGreaterThanOrEqual(before);
    const v = await s.gql('auditor', '{ verifyAccessLog { ok } }', { purpose: 'SUPERVISION_AUDIT' });
    expect(v.body.data.verifyAccessLog.ok).toBe(true);
  });

  test('only the DPO places a legal hold; an unknown person is BAD_USER_INPUT', async () => {
    const cm = await s.gql('case-manager-a', 'mutation { setLegalHold(personId: "person-a1", hold: true, reason: "x") { active } }');
    expect(cm.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_GRANTED' });
    const unknown = await s.gql('dpo', 'mutation { setLegalHold(personId: "nobody", hold: true, reason: "x") { active } }');
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
  });
});
