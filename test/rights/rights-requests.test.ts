import { startTestServer, type TestServer } from '../support/server.js';
import { errorOf, extendRequest, opened, openRequest, verification } from './requests.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const count = async (table: string) => (await s.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;

describe('R23 deadlines of a rights request', () => {
  test('R23 a request is due 4 weeks after receipt; the DPO opens it for an identified requester (R24) and it is logged as collect', async () => {
    const res = await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', details: 'All data since admission.' }, { justification: 'request 2026-031' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.openRightsRequest).toMatchObject({
      personId: 'person-b1', kind: 'ACCESS', status: 'OPEN', receivedAt: '2026-03-02T09:00:00.000Z', dueAt: '2026-03-30T09:00:00.000Z',
      termWeeks: 4, extensionWeeksLeft: 8, overdue: false, extensions: [],
      verification: { method: 'IN_PERSON_AT_INSTITUTION', reference: 'visit log B 2026/031', verifiedBy: 'case-manager-b', verifiedAt: '2026-03-02T09:30:00.000Z' },
    });
    const rows = await s.sql(`select action, outcome, subject_type, subject_id, person_id, categories from access_log
      where justification = 'request 2026-031' and action = 'collect'`);
    expect(rows).toEqual([{ action: 'collect', outcome: 'GRANTED', subject_type: 'RightsRequest', subject_id: res.body.data.openRightsRequest.id,
      person_id: 'person-b1', categories: ['rights.request'] }]);
  });

  test('R23 the term is extended up to 12 weeks from receipt in total, with a notice to the requester kept and logged', async () => {
    const id = await opened(s, 'person-a1', 'RECTIFICATION');
    const first = await extendRequest(s, id, 3, 'extension 1');
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.extendRightsRequest).toMatchObject({
      status: 'EXTENDED', termWeeks: 7, extensionWeeksLeft: 5, dueAt: '2026-04-20T09:00:00.000Z',
      extensions: [{ weeks: 3, totalWeeks: 7, previousDueAt: '2026-03-30T09:00:00.000Z', dueAt: '2026-04-20T09:00:00.000Z',
        reasonToRequester: 'The records of two institutions must be gathered.', noticeAt: '2026-03-05T10:00:00.000Z', noticeBy: 'dpo' }],
    });
    const second = await extendRequest(s, id, 5, 'extension 2');
    expect(second.body.data.extendRightsRequest).toMatchObject({ termWeeks: 12, extensionWeeksLeft: 0, dueAt: '2026-05-25T09:00:00.000Z' });
    expect(second.body.data.extendRightsRequest.extensions).toHaveLength(2);
    // The extension is an alteration of the request, and its notice a disclosure to the requester.
    const rows = await s.sql(`select action, recipient_id, recipient_category, subject_id, person_id from access_log
      where justification = 'extension 1' and action in ('alter', 'disclose') order by action`);
    expect(rows).toEqual([
      { action: 'alter', recipient_id: 'dpo', recipient_category: 'internal:data-protection-office', subject_id: id, person_id: 'person-a1' },
      { action: 'disclose', recipient_id: 'requester', recipient_category: 'data subject', subject_id: id, person_id: 'person-a1' },
    ]);
  });

  test('R23 an extension beyond 12 weeks is refused naming weeks, and nothing changes', async () => {
    const id = await opened(s, 'person-a2', 'ACCESS');
    expect((await extendRequest(s, id, 8)).body.data.extendRightsRequest.dueAt).toBe('2026-05-25T09:00:00.000Z');
    const beyond = await extendRequest(s, id, 1);
    expect(beyond.body.data.extendRightsRequest).toBeNull();
    expect(errorOf(beyond)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weeks' });
    const direct = await extendRequest(s, await opened(s, 'person-a2', 'OBJECTION'), 9);
    expect(errorOf(direct)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weeks' });
    const [row] = await s.sql(`select due_at, jsonb_array_length(extensions) as n from rights_request where id = $1`, [id]);
    expect(row).toEqual({ due_at: new Date('2026-05-25T09:00:00Z'), n: 1 });
  });

  test('R23 two extensions sent at once never run the term beyond 12 weeks: the request is locked while it changes', async () => {
    const id = await opened(s, 'person-a1', 'ACCESS');
    const both = await Promise.all([extendRequest(s, id, 5), extendRequest(s, id, 5)]);
    expect(both.map((r) => r.body.data.extendRightsRequest?.termWeeks ?? errorOf(r)?.field).sort()).toEqual([9, 'weeks']);
    expect(await s.sql(`select due_at, jsonb_array_length(extensions) as n from rights_request where id = $1`, [id]))
      .toEqual([{ due_at: new Date('2026-05-04T09:00:00Z'), n: 1 }]);
  });

  test('R23 an extension must be noticed before the term runs out', async () => {
    const id = await opened(s, 'person-a2', 'PORTABILITY', '2026-01-05T09:00:00Z');
    const late = await extendRequest(s, id, 2);
    expect(errorOf(late)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const list = await s.gql('dpo', `{ rightsRequests(first: 10, status: OPEN) { edges { node { id dueAt overdue } } } }`, { purpose: 'SUBJECT_RIGHTS' });
    // The due list puts the most urgent first; this one is overdue.
    expect(list.body.data.rightsRequests.edges[0].node).toEqual({ id, dueAt: '2026-02-02T09:00:00.000Z', overdue: true });
  });
});

describe('R24 the identity of the requester, never a copy of an identity document', () => {
  const before = async () => ({ requests: await count('rights_request') });

  test('R24 a verification method outside the list is BAD_USER_INPUT naming input.verification.method; nothing is stored', async () => {
    const n = await before();
    const res = await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', verification: verification({ method: 'PASSPORT_COPY' }) });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.verification.method' });
    expect(await before()).toEqual(n);
  });

  test('R24 a reference holding a document number, a national number or an image is refused, naming the field', async () => {
    const n = await before();
    const refuse = async (reference: string) =>
      errorOf(await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', verification: verification({ reference }) }));
    expect(await refuse('passport no. NX4K72P91')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.verification.reference' });
    expect(await refuse('ID 999990033')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.verification.reference' });
    expect(await refuse('IDBEL590330101<<<<<<<<<<<<<<<')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.verification.reference' });
    expect(await refuse(`data:image/png;base64,${'iVBORw0KGgo'.repeat(8)}`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.verification.reference' });
    const details = await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', details: 'my BSN is 999990033' });
    expect(errorOf(details)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.details' });
    expect(await before()).toEqual(n);
  });

  test('R24 the input has no place for a document: an extra field is refused before anything runs', async () => {
    const n = await before();
    const res = await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', verification: { ...verification(), documentNumber: 'NX4K72P91' } });
    expect(errorOf(res)?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toContain('documentNumber');
    expect(await before()).toEqual(n);
    const fields = await s.gql('dpo', '{ __type(name: "IdentityVerificationInput") { inputFields { name } } }');
    expect(fields.body.data.__type.inputFields.map((f: { name: string }) => f.name).sort()).toEqual(['method', 'reference', 'verifiedAt', 'verifiedBy']);
  });

  test('unknown persons, verifiers and future dates are BAD_USER_INPUT naming the field; nothing is stored', async () => {
    const n = await before();
    expect(errorOf(await openRequest(s, { personId: 'person-zz', kind: 'ACCESS' }))).toMatchObject({ field: 'input.personId' });
    expect(errorOf(await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', verification: verification({ verifiedBy: 'nobody' }) })))
      .toMatchObject({ field: 'input.verification.verifiedBy' });
    expect(errorOf(await openRequest(s, { personId: 'person-b1', kind: 'ACCESS', receivedAt: '2027-01-01T00:00:00Z' })))
      .toMatchObject({ field: 'input.receivedAt' });
    expect(await before()).toEqual(n);
  });
});

describe('R21 only the DPO handles rights requests, under SUBJECT_RIGHTS', () => {
  test('R21 a case manager is refused with FORBIDDEN, whatever the purpose; nothing is stored and the attempt is logged', async () => {
    const n = await count('rights_request');
    const asCase = await openRequest(s, { personId: 'person-b1', kind: 'ERASURE' }, { who: 'case-manager-b', purpose: 'DETENTION_MANAGEMENT', justification: 'not mine' });
    expect(asCase.body.data.openRightsRequest).toBeNull();
    expect(errorOf(asCase)).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'rights.request' });
    const underRights = await openRequest(s, { personId: 'person-b1', kind: 'ERASURE' }, { who: 'case-manager-b' });
    expect(errorOf(underRights)).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE' });
    expect(await count('rights_request')).toBe(n);
    expect(await s.sql(`select outcome, reason, person_id from access_log where justification = 'not mine'`))
      .toEqual([{ outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', person_id: 'person-b1' }]);
    const read = await s.gql('case-manager-b', '{ rightsRequests(first: 5) { edges { node { id } } } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(errorOf(read)).toMatchObject({ code: 'FORBIDDEN', category: 'rights.request' });
  });

  test('R12 the DPO under supervision, or without a purpose, does not reach the requests', async () => {
    const audit = await openRequest(s, { personId: 'person-b1', kind: 'ACCESS' }, { purpose: 'SUPERVISION_AUDIT' });
    expect(errorOf(audit)).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE' });
    const none = await s.gql('dpo', '{ rightsRequests(first: 5) { edges { node { id } } } }');
    expect(errorOf(none)?.code).toBe('PURPOSE_REQUIRED');
  });

  test('R21 the DPO reads one request and pages through the list by due date', async () => {
    const id = await opened(s, 'person-restricted', 'RESTRICTION', '2026-03-04T09:00:00Z');
    const one = await s.gql('dpo', 'query($id: ID!) { rightsRequest(id: $id) { id kind personId dueAt } }', { purpose: 'SUBJECT_RIGHTS', variables: { id } });
    expect(one.body.data.rightsRequest).toEqual({ id, kind: 'RESTRICTION', personId: 'person-restricted', dueAt: '2026-04-01T09:00:00.000Z' });
    const unknown = await s.gql('dpo', '{ rightsRequest(id: "00000000-0000-4000-8000-000000000000") { id } }', { purpose: 'SUBJECT_RIGHTS' });
    expect(unknown.body).toEqual({ data: { rightsRequest: null } });
    const page = (after?: string) => s.gql('dpo', `query($after: String) { rightsRequests(first: 2, after: $after) {
      edges { cursor node { id dueAt } } pageInfo { hasNextPage endCursor } } }`, { purpose: 'SUBJECT_RIGHTS', variables: { after } });
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = (await page(after)).body.data.rightsRequests;
      seen.push(...res.edges.map((e: { node: { dueAt: string } }) => e.node.dueAt));
      if (!res.pageInfo.hasNextPage) break;
      after = res.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(await count('rights_request'));
    expect([...seen].sort()).toEqual(seen);
    expect(errorOf(await page('not-a-cursor'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
