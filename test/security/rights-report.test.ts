import { startTestServer, type TestServer } from '../support/server.js';
import { opened, resolveRequest } from '../rights/requests.js';

/**
 * Adversarial review, finding 1: the access report of R21 was compiled outside the decision point,
 * so it handed over categories its compiler may not see and logged a consultation nobody decided.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const REPORT = `report { data { category values } withheld { category code } }`;

describe('R7 R15 R10 the access report is built through the decision point', () => {
  test('R7 R15 a DPO without a pledge cannot hand over the fingerprint reference: withheld with NO_CONFIDENTIALITY_PLEDGE, as a direct read is', async () => {
    const direct = await s.gql('dpo', '{ person(id: "person-a1") { fingerprintReference } }', { purpose: 'SUBJECT_RIGHTS' });
    expect(direct.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONFIDENTIALITY_PLEDGE' });

    const id = await opened(s, 'person-a1', 'ACCESS');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED' }, 'report without pledge');
    expect(res.body.errors).toBeUndefined();
    const { report } = res.body.data.resolveRightsRequest;
    const categories = report.data.map((d: { category: string }) => d.category);
    expect(categories).toEqual(expect.arrayContaining(['identity.name', 'health', 'identifier.national', 'criminal.risk_assessment']));
    expect(categories).not.toContain('biometric.fingerprint_reference');
    expect(JSON.stringify(report.data)).not.toContain('AFIS-100001');
    expect(report.withheld).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'biometric.fingerprint_reference', code: 'NO_CONFIDENTIALITY_PLEDGE' })]));
  });

  test('R10 each category handed over is logged as a disclosure to the data subject; the withheld one as denied, with its reason', async () => {
    const rows = await s.sql(`select action, outcome, reason, recipient_id, recipient_category, purpose, categories from access_log
      where justification = 'report without pledge' and subject_type = 'Person' and action = 'disclose' order by outcome`);
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'DENIED', reason: 'NO_CONFIDENTIALITY_PLEDGE', recipient_id: 'requester', recipient_category: 'data subject',
        purpose: 'SUBJECT_RIGHTS', categories: ['biometric.fingerprint_reference'] }),
      expect.objectContaining({ outcome: 'GRANTED', reason: null, recipient_id: 'requester', recipient_category: 'data subject',
        categories: expect.arrayContaining(['identity.name', 'health']) }),
    ]);
    // No consultation of the person that no decision took: the only consult rows are the DPO's reads, decided field by field.
    const consults = await s.sql(`select outcome, categories from access_log where justification = 'report without pledge' and action = 'consult'
      and subject_type = 'Person'`);
    for (const c of consults) expect(c.categories).not.toContain('biometric.fingerprint_reference');
  });

  test('R3 R14 a stored report does not outlive the data it quotes: an erased value is not served from it', async () => {
    s.clock.now = new Date('2026-03-06T10:00:00Z');
    const id = await opened(s, 'person-a2', 'ACCESS');
    const first = await resolveRequest(s, id, { outcome: 'GRANTED' }, 'report before erasure');
    const name = first.body.data.resolveRightsRequest.report.data.find((d: { category: string }) => d.category === 'identity.name');
    expect(name.values.surname).toBeTruthy();
    const surname = name.values.surname as string;
    // The person is released and erased on request (R21).
    await s.sql(`update placement set released_at = '2026-03-05T08:00:00Z' where person_id = 'person-a2'`);
    const erasure = await resolveRequest(s, await opened(s, 'person-a2', 'ERASURE'), { outcome: 'GRANTED' }, 'erasure');
    expect(erasure.body.data.resolveRightsRequest.status).toBe('RESOLVED');
    const later = await s.gql('dpo', `query($id: ID!) { rightsRequest(id: $id) { ${REPORT} } }`, { purpose: 'SUBJECT_RIGHTS', variables: { id } });
    expect(later.body.errors).toBeUndefined();
    expect(JSON.stringify(later.body.data.rightsRequest.report)).not.toContain(surname);
    const stored = await s.sql(`select report::text as report from rights_request where id = $1`, [id]);
    expect(stored[0].report).not.toContain(surname);
  });

  test('R10 R21 a stored report is read through the decisions: each read of it is logged as a consultation of the person', async () => {
    const id = await opened(s, 'person-b1', 'ACCESS');
    await resolveRequest(s, id, { outcome: 'GRANTED' }, 'report b1');
    const read = await s.gql('dpo', `query($id: ID!) { rightsRequest(id: $id) { ${REPORT} } }`,
      { purpose: 'SUBJECT_RIGHTS', justification: 'read report b1', variables: { id } });
    expect(read.body.errors).toBeUndefined();
    const rows = await s.sql(`select action, outcome, person_id, categories from access_log where justification = 'read report b1' and subject_type = 'Person'`);
    expect(rows).toEqual([expect.objectContaining({ action: 'consult', outcome: 'GRANTED', person_id: 'person-b1',
      categories: expect.arrayContaining(['identity.name']) })]);
  });
});
