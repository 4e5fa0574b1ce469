import { operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';
import { errorOf, opened, resolveRequest } from './requests.js';

let s: TestServer;
const RECEIVED = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!.id;

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
  // The history the answers must reflect: an art. 18b disclosure of person-b1 to municipality-x,
  // the municipality reading it, and the case manager consulting the person internally.
  const disclosed = await s.gql('case-manager-b', `mutation { disclose18b(input: { personId: "person-b1", recipientClientId: "municipality-x",
    categories: ["identity.name", "criminal.risk_assessment"], motivation: "Release without a conditional framework; real risk (art. 18b Wsb)." }) { id } }`,
  { purpose: 'RISK_DISCLOSURE_18B', justification: 'release 2026-04' });
  if (disclosed.body.errors) throw new Error(JSON.stringify(disclosed.body.errors));
  await s.post(JSON.stringify({ documentId: RECEIVED, variables: { first: 5 } }), { authorization: `Bearer ${await s.token('municipality-x')}` });
  await s.gql('case-manager-b', '{ person(id: "person-b1") { surname placement { institution } } }', { purpose: 'DETENTION_MANAGEMENT' });
});
afterAll(async () => { await s.stop(); });

const personB1 = async () => (await s.sql(`select surname, nationality, national_register_number, risk_assessment, anonymised_at from person where id = 'person-b1'`))[0];

describe('R21 access: the person\'s data by category and every recipient and purpose from the log', () => {
  test('R21 an access report names the municipality the data were disclosed to, with purpose, action, first and last time', async () => {
    const id = await opened(s, 'person-b1', 'ACCESS');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED' }, 'access answer');
    expect(res.body.errors).toBeUndefined();
    const answered = res.body.data.resolveRightsRequest;
    expect(answered).toMatchObject({ status: 'RESOLVED', answer: 'Your request was handled.', notifications: [] });
    const { report } = answered;
    // The log's time is the database's, not the API's clock the test moved (issue 16, finding 9).
    const [{ first }] = await s.sql<{ first: Date }>(`select min(at) as first from access_log where recipient_id = 'municipality-x' and person_id = 'person-b1'`);
    expect(report.recipients).toEqual(expect.arrayContaining([
      expect.objectContaining({ recipientId: 'municipality-x', recipientCategory: 'municipality', purpose: 'RISK_DISCLOSURE_18B', action: 'disclose',
        categories: expect.arrayContaining(['identity.name', 'criminal.risk_assessment']), firstAt: new Date(first).toISOString() }),
      // CJEU C-579/21: internal consultations by purpose and unit, not by employee.
      expect.objectContaining({ recipientId: null, recipientCategory: 'internal:institution-B', purpose: 'DETENTION_MANAGEMENT', action: 'consult' }),
    ]));
    expect(report.recipients.map((r: { recipientId: string | null }) => r.recipientId)).not.toContain('case-manager-b');
    const section = (c: string) => report.data.find((d: { category: string }) => d.category === c);
    expect(section('identity.name').values).toMatchObject({ surname: 'Peeters', givenNames: 'Luc' });
    expect(section('identifier.national').values).toEqual({ nationalRegisterNumber: '999990033' });
    expect(section('detention.placement').values).toEqual([expect.objectContaining({ institution: 'B', releasedAt: null })]);
    expect(section('health')).toBeUndefined();
    // Each category handed over is a disclosure to the data subject (R10: recipient and categories); the DPO reading
    // the report back in the same answer is a consultation, decided like any read.
    const rows = await s.sql(`select action, outcome, subject_type, person_id, recipient_id, categories from access_log
      where justification = 'access answer' and subject_type = 'Person' order by action, outcome`);
    expect(rows).toEqual([
      expect.objectContaining({ action: 'consult', outcome: 'GRANTED', person_id: 'person-b1', recipient_id: 'dpo',
        categories: expect.arrayContaining(['audit.access_log', 'identity.name', 'identifier.national']) }),
      // R7: the DPO has no pledge, so the fingerprint reference is not handed over, and the log says why.
      expect.objectContaining({ action: 'disclose', outcome: 'DENIED', person_id: 'person-b1', recipient_id: 'requester',
        categories: ['biometric.fingerprint_reference'] }),
      expect.objectContaining({ action: 'disclose', outcome: 'GRANTED', person_id: 'person-b1', recipient_id: 'requester',
        categories: expect.arrayContaining(['audit.access_log', 'identity.name', 'identifier.national', 'detention.placement']) }),
    ]);
    expect(await s.sql(`select action, recipient_id from access_log where justification = 'access answer' and subject_type = 'RightsRequest'
      and action = 'disclose'`)).toEqual([{ action: 'disclose', recipient_id: 'requester' }]);
  });

  test('R21 access to police and judicial data may be limited: withheld categories are left out and listed', async () => {
    const id = await opened(s, 'person-b1', 'ACCESS');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED', withheld: ['criminal', 'audit.access_log'] });
    const { report, withheldCategories } = res.body.data.resolveRightsRequest;
    expect(withheldCategories).toEqual(['criminal', 'audit.access_log']);
    expect(report.data.map((d: { category: string }) => d.category)).not.toContain('criminal.risk_assessment');
    // What the DPO withheld (R21), then what the decision point did not let the DPO hand over (R7: no pledge).
    expect(report.withheld.map((w: { category: string; code: string }) => [w.category, w.code])).toEqual([
      ['criminal', 'WITHHELD_BY_DPO'], ['audit.access_log', 'WITHHELD_BY_DPO'], ['biometric.fingerprint_reference', 'NO_CONFIDENTIALITY_PLEDGE']]);
    expect(report.recipients).toEqual([]);
    const unknown = await resolveRequest(s, await opened(s, 'person-b1', 'ACCESS'), { outcome: 'GRANTED', withheld: ['shoe.size'] });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withheldCategories[0]' });
  });
});

describe('R21 erasure, refused while a legal obligation requires keeping the data', () => {
  test('R21 an erasure for a detained person is REFUSED with LEGAL_OBLIGATION_TO_KEEP and the legal basis; nothing is erased or notified', async () => {
    const id = await opened(s, 'person-b1', 'ERASURE');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.resolveRightsRequest).toMatchObject({
      status: 'REFUSED', refusalReason: 'LEGAL_OBLIGATION_TO_KEEP', notifications: [],
      refusalLegalBasis: 'Detention management (DETENTION_MANAGEMENT): Penitentiary Principles Act; GDPR art. 6(1)(c) and (e)',
    });
    expect(await personB1()).toMatchObject({ surname: 'Peeters', national_register_number: '999990033', anonymised_at: null });
    expect(await s.sql(`select count(*)::int as n from access_log where action = 'erase' and person_id = 'person-b1'`)).toEqual([{ n: 0 }]);
  });
});

describe('R21 rectification, with every recipient to notify', () => {
  test('R21 a rectification corrects the values and lists every recipient the data were disclosed to, pending', async () => {
    const id = await opened(s, 'person-b1', 'RECTIFICATION');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED', rectification: { surname: 'Peeters-Janssens', nationality: 'NL' } }, 'rectified');
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data.resolveRightsRequest;
    expect(r).toMatchObject({ status: 'RESOLVED', rectification: { surname: 'Peeters-Janssens', nationality: 'NL' } });
    expect(r.notifications).toEqual([expect.objectContaining({
      recipientId: 'municipality-x', recipientCategory: 'municipality', channel: 'CLIENT_SYSTEM', status: 'PENDING', sentAt: null,
      categoriesDisclosed: expect.arrayContaining(['criminal.risk_assessment', 'identity.name']), firstDisclosedAt: '2026-03-05T10:00:00.000Z',
    })]);
    expect(await personB1()).toMatchObject({ surname: 'Peeters-Janssens', nationality: 'NL' });
    expect(await s.sql(`select recipient_id, status from rights_notification where request_id = $1`, [id]))
      .toEqual([{ recipient_id: 'municipality-x', status: 'PENDING' }]);
    expect(await s.sql(`select action, subject_type, fields, categories from access_log where justification = 'rectified' and action = 'alter' and subject_type = 'Person'`))
      .toEqual([{ action: 'alter', subject_type: 'Person', fields: ['nationality', 'surname'], categories: ['identity.name', 'identity.nationality'] }]);
  });

  test('R21 marking a notice sent records it, and the notice is logged as a disclosure to that recipient', async () => {
    const [n] = await s.sql<{ id: string }>(`select id from rights_notification where recipient_id = 'municipality-x'`);
    const mark = () => s.gql('dpo', 'mutation($id: ID!) { markNotificationSent(id: $id) { id status sentAt sentBy recipientId } }',
      { purpose: 'SUBJECT_RIGHTS', justification: 'notice sent', variables: { id: n.id } });
    expect((await mark()).body.data.markNotificationSent).toEqual({ id: n.id, status: 'SENT', sentAt: '2026-03-05T10:00:00.000Z', sentBy: 'dpo', recipientId: 'municipality-x' });
    expect(await s.sql(`select recipient_id, recipient_category, person_id, categories from access_log where justification = 'notice sent' and action = 'disclose'`))
      .toEqual([{ recipient_id: 'municipality-x', recipient_category: 'municipality', person_id: 'person-b1',
        categories: ['identity.name', 'identity.nationality', 'rights.request'] }]);
    expect(errorOf(await mark())).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const cm = await s.gql('case-manager-b', `mutation { markNotificationSent(id: "${n.id}") { id } }`, { purpose: 'DETENTION_MANAGEMENT' });
    expect(errorOf(cm)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('bad input names the field, and neither the person nor the request changes', async () => {
    const id = await opened(s, 'person-b1', 'RECTIFICATION');
    const bad = await resolveRequest(s, id, { outcome: 'GRANTED', rectification: { nationality: 'Dutch' } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rectification.nationality' });
    expect(errorOf(await resolveRequest(s, id, { outcome: 'GRANTED' }))).toMatchObject({ field: 'rectification' });
    expect(errorOf(await resolveRequest(s, id, { outcome: 'REFUSED' }))).toMatchObject({ field: 'refusalReason' });
    expect(errorOf(await resolveRequest(s, id, { outcome: 'GRANTED', rectification: { surname: '   ' } }))).toMatchObject({ field: 'rectification.surname' });
    expect(await personB1()).toMatchObject({ surname: 'Peeters-Janssens', nationality: 'NL' });
    expect(await s.sql(`select status, resolved_at from rights_request where id = $1`, [id])).toEqual([{ status: 'OPEN', resolved_at: null }]);
    const access = await opened(s, 'person-b1', 'ACCESS');
    expect(errorOf(await resolveRequest(s, access, { outcome: 'GRANTED', rectification: { surname: 'X' } }))).toMatchObject({ field: 'rectification' });
  });

  test('R21 the DPO refuses with a reason; a resolved request cannot be resolved again', async () => {
    const id = await opened(s, 'person-b1', 'OBJECTION');
    const refused = await resolveRequest(s, id, { outcome: 'REFUSED', refusalReason: 'LEGAL_BASIS_EXCLUDES_RIGHT', answer: 'Detention is a legal obligation.' });
    expect(refused.body.data.resolveRightsRequest).toMatchObject({ status: 'REFUSED', refusalReason: 'LEGAL_BASIS_EXCLUDES_RIGHT', refusalLegalBasis: null });
    expect(errorOf(await resolveRequest(s, id, { outcome: 'GRANTED' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const asCase = await s.gql('case-manager-b', `mutation { resolveRightsRequest(id: "${id}", outcome: GRANTED, answer: "x") { id } }`, { purpose: 'DETENTION_MANAGEMENT' });
    expect(errorOf(asCase)).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE' });
  });
});

describe('R21 erasure and restriction once allowed, with every recipient notified', () => {
  test('R21 after release an erasure is carried out, logged as erase, and the municipality is to be notified', async () => {
    await s.sql(`update placement set released_at = '2026-03-04T08:00:00Z' where person_id = 'person-b1'`);
    const id = await opened(s, 'person-b1', 'ERASURE');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED' }, 'erased on request');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.resolveRightsRequest).toMatchObject({
      status: 'RESOLVED', refusalReason: null, notifications: [expect.objectContaining({ recipientId: 'municipality-x', status: 'PENDING' })],
    });
    expect(await personB1()).toMatchObject({ surname: 'ERASED', nationality: null, national_register_number: null, risk_assessment: null });
    const [row] = await s.sql(`select principal_id, subject_type, categories from access_log where justification = 'erased on request' and action = 'erase'`);
    expect(row).toEqual({ principal_id: 'dpo', subject_type: 'Person', categories: expect.arrayContaining(['identity.name', 'identifier.national', 'health']) });
  });

  test('R21 R22 a granted restriction marks the person, so a case manager is denied the data from then on', async () => {
    const before = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(before.body.data.person.surname).toBe('Jansen');
    const id = await opened(s, 'person-a1', 'RESTRICTION');
    const res = await resolveRequest(s, id, { outcome: 'GRANTED' });
    expect(res.body.data.resolveRightsRequest).toMatchObject({ status: 'RESOLVED', notifications: [] });
    expect(await s.sql(`select action, rights_request_id from restriction_change where person_id = 'person-a1'`)).toEqual([{ action: 'RESTRICT', rights_request_id: id }]);
    const after = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname restriction { active } } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(after.body.data.person.restriction.active).toBe(true);
    expect(deniedPaths(after)['person.surname']).toBe('RESTRICTED');
  });
});
