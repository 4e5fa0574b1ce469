import { operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { startTestServer, type GqlResult, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const LOG = `query Log($filter: AccessLogFilter, $first: Int, $after: String) { accessLog(filter: $filter, first: $first, after: $after) {
  edges { cursor node { id action outcome reason principalId principalCategory recipientId recipientCategory purpose processingRecordVersion
    justification subjectType subjectId personId fields categories operationName operationId policyRevision requestId hash client } }
  pageInfo { hasNextPage endCursor } } }`;
const audit = (filter: Record<string, unknown>, first = 50, after?: string) =>
  s.gql('auditor', LOG, { purpose: 'SUPERVISION_AUDIT', variables: { filter, first, after } });
/** The fields of a log row these tests look at. */
interface LogNode { id: string; requestId: string; outcome: string; reason: string | null; categories: string[]; operationId: string; hash: string }
const nodes = (res: GqlResult): LogNode[] => res.body.data.accessLog.edges.map((e: { node: LogNode }) => e.node);

beforeAll(async () => {
  // One consultation with granted and denied fields, sent with a justification.
  await s.gql('case-manager-a', 'query CaseFile { person(id: "person-a1") { surname medicalNotes placement { institution } } }',
    { purpose: 'DETENTION_MANAGEMENT', justification: 'case 2026/117' });
});

describe('R10 what the log records', () => {
  test('R10 a consultation leaves a GRANTED row and a DENIED row with reason, purpose, justification, who and to whom', async () => {
    const rows = nodes(await audit({ principalId: 'case-manager-a', personId: 'person-a1' }));
    const granted = rows.find((r) => r.outcome === 'GRANTED')!;
    const denied = rows.find((r) => r.outcome === 'DENIED')!;
    expect(granted).toMatchObject({
      action: 'consult', purpose: 'DETENTION_MANAGEMENT', processingRecordVersion: 1, justification: 'case 2026/117',
      principalCategory: 'staff:case_manager@institution-A', recipientId: 'case-manager-a', recipientCategory: 'internal:institution-A',
      subjectType: 'Person', subjectId: 'person-a1', personId: 'person-a1', fields: ['placement', 'surname'],
      categories: ['detention.placement', 'identity.name'], operationName: 'CaseFile', policyRevision: s.policy.revision, client: null,
    });
    expect(granted.operationId).toMatch(/^[0-9a-f]{64}$/);
    expect(granted.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(denied).toMatchObject({ action: 'consult', reason: 'CATEGORY_NOT_IN_PURPOSE', fields: ['medicalNotes'], categories: ['health'] });
    expect(denied.requestId).toBe(granted.requestId);
  });

  test('R10 the auditor finds rows by person, principal, purpose, category, recipient, outcome and time', async () => {
    const all = nodes(await audit({ personId: 'person-a1' }));
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(nodes(await audit({ purpose: 'DETENTION_MANAGEMENT', category: 'health' })).every((r) => r.categories.includes('health'))).toBe(true);
    expect(nodes(await audit({ category: 'identity' })).length).toBeGreaterThan(0);
    expect(nodes(await audit({ recipientId: 'case-manager-a', outcome: 'DENIED' })).map((r) => r.reason)).toContain('CATEGORY_NOT_IN_PURPOSE');
    expect(nodes(await audit({ personId: 'person-a1', from: '2000-01-01T00:00:00Z', to: '2001-01-01T00:00:00Z' }))).toEqual([]);
    expect(nodes(await audit({ personId: 'person-a1', from: new Date(Date.now() - 3600_000).toISOString() })).length).toBe(all.length);
    expect(nodes(await audit({ principalId: 'nobody' }))).toEqual([]);
  });

  test('cursor pagination walks the log newest first without gaps or repeats', async () => {
    const first = await audit({}, 1);
    const second = await audit({}, 1, first.body.data.accessLog.pageInfo.endCursor);
    expect(first.body.data.accessLog.pageInfo.hasNextPage).toBe(true);
    expect(nodes(second)[0].id).not.toBe(nodes(first)[0].id);
    const bad = await audit({}, 1, 'not-a-cursor');
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('R10 pages backwards with last and before give the same rows in the same order', async () => {
    const BACK = `query Back($filter: AccessLogFilter, $last: Int, $before: String) { accessLog(filter: $filter, last: $last, before: $before) {
      edges { node { id } } } }`;
    const back = (filter: Record<string, unknown>, before: string) =>
      s.gql('auditor', BACK, { purpose: 'SUPERVISION_AUDIT', variables: { filter, last: 2, before } });
    // Nothing of the person is newer than the person's newest row.
    const newest = (await audit({ personId: 'person-a1' }, 1)).body.data.accessLog.edges[0].cursor;
    const none = await back({ personId: 'person-a1' }, newest);
    expect(none.body.errors).toBeUndefined();
    expect(none.body.data.accessLog.edges).toEqual([]);
    // The two rows just newer than the third of a page are its first two, newest first (later rows come after the page).
    const page = (await audit({}, 3)).body.data.accessLog.edges;
    const middle = await back({}, page[2].cursor);
    expect(middle.body.data.accessLog.edges.map((e: { node: LogNode }) => e.node.id)).toEqual([page[0].node.id, page[1].node.id]);
  });

  test('R10 all filters at once narrow the rows; their values are parameters, never SQL', async () => {
    const [row] = nodes(await audit({ principalId: 'case-manager-a', personId: 'person-a1', outcome: 'DENIED' }));
    const all = {
      personId: 'person-a1', principalId: 'case-manager-a', purpose: 'DETENTION_MANAGEMENT', category: 'health',
      recipientId: 'case-manager-a', action: 'consult', outcome: 'DENIED', from: new Date(Date.now() - 3600_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    };
    expect(nodes(await audit(all)).map((r) => r.id)).toContain(row.id);
    const quoted = await audit({ personId: "person-a1' or '1'='1" });
    expect(quoted.body.errors).toBeUndefined();
    expect(nodes(quoted)).toEqual([]);
  });

  test('bad filters are BAD_USER_INPUT naming the field', async () => {
    const res = await audit({ category: 'Not A Category' });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.category' });
    const range = await audit({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(range.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  });

  test('R10 the auditor\'s own queries are logged too', async () => {
    await s.gql('auditor', LOG, { purpose: 'SUPERVISION_AUDIT', justification: 'inspection 42', variables: { filter: {} } });
    const rows = await s.sql(`select action, outcome, subject_type, categories from access_log where justification = 'inspection 42'`);
    expect(rows).toEqual([{ action: 'consult', outcome: 'GRANTED', subject_type: 'AccessLog', categories: ['audit.access_log'] }]);
  });

  test('R10 a case manager cannot read the log', async () => {
    const res = await s.gql('case-manager-a', LOG, { purpose: 'DETENTION_MANAGEMENT', variables: { filter: {} } });
    expect(res.body.data.accessLog).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'audit.access_log' });
  });
});

describe('R17 R21 disclosures and the data-subject view', () => {
  test('R17 a client system\'s read is logged as disclose with the receiving organisation; R21 person.disclosures lists it', async () => {
    const registered = await s.gql('intake-a', `mutation { registerDetainee(input: { surname: "Wouters", givenNames: "Els", sex: "F", institution: "A",
      admittedAt: "2026-11-21T08:00:00Z", capture: { deviceReference: "LIVESCAN-A-02", capturedAt: "2026-11-21T08:02:00Z" } }) { id } }`,
    { purpose: 'IDENTIFICATION_OF_DETAINEES' });
    const requestId = registered.body.data.registerDetainee.id;
    const [{ person_id: personId }] = await s.sql('select person_id from verification_request where id = $1', [requestId]);
    const pending = readOperations(operationsDir).find((o) => o.name === 'PendingVerificationRequests')!;
    await s.post(JSON.stringify({ documentId: pending.id }), { authorization: `Bearer ${await s.token('afis-link')}` });
    const rows = await s.sql(`select action, recipient_id, recipient_category, client from access_log where principal_id = 'afis-link'`);
    expect(rows).toEqual([{ action: 'disclose', recipient_id: 'federal-police', recipient_category: 'police', client: 'afis-link' }]);

    const view = await s.gql('dpo', 'query($id: ID!) { person(id: $id) { disclosures { recipientId recipientCategory purpose categories at } } }',
      { purpose: 'SUBJECT_RIGHTS', variables: { id: personId } });
    expect(view.body.data.person.disclosures).toEqual([{
      recipientId: 'federal-police', recipientCategory: 'police', purpose: 'IDENTIFICATION_OF_DETAINEES',
      categories: ['identification.capture', 'identity.birth', 'identity.name', 'identity.nationality', 'identity.sex'], at: expect.any(String),
    }]);
  });
});

describe('R10 export for the supervisory authority', () => {
  test('JSON Lines rows carry their chain link; FHIR AuditEvent R5 resources map who, what, why', async () => {
    const EXPORT = 'query($format: AccessLogExportFormat!) { exportAccessLog(format: $format, filter: { personId: "person-a1" }) { count hasNextPage content } }';
    await s.gql('auditor', '{ verifyAccessLog { ok } }', { purpose: 'SUPERVISION_AUDIT' });
    const jsonl = await s.gql('auditor', EXPORT, { purpose: 'SUPERVISION_AUDIT', variables: { format: 'JSON_LINES' } });
    const lines = jsonl.body.data.exportAccessLog.content.split('\n').map((l: string) => JSON.parse(l));
    expect(lines.length).toBe(jsonl.body.data.exportAccessLog.count);
    expect(lines[0]).toMatchObject({ personId: 'person-a1', chain: { position: expect.any(String), chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    const fhir = await s.gql('auditor', EXPORT, { purpose: 'SUPERVISION_AUDIT', variables: { format: 'FHIR_AUDIT_EVENT' } });
    const bundle = JSON.parse(fhir.body.data.exportAccessLog.content);
    expect(bundle.resourceType).toBe('Bundle');
    const event = bundle.entry[0].resource;
    expect(event).toMatchObject({ resourceType: 'AuditEvent', action: 'R', patient: { reference: 'Person/person-a1' } });
    expect(event.agent[0].who.identifier.value).toBe('case-manager-a');
    expect(event.authorization[0].coding[0].code).toBe('DETENTION_MANAGEMENT');
  });
});
