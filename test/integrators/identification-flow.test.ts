import { readOperations, operationsDir } from '../../src/persisted/manifest.js';
import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const ops = new Map(readOperations(operationsDir).map((o) => [o.name, o.id]));
async function asLink(name: string, variables?: Record<string, unknown>) {
  const res = await s.post(JSON.stringify({ documentId: ops.get(name), variables }), { authorization: `Bearer ${await s.token('afis-link')}` });
  return { status: res.status, body: await res.json() };
}

const REGISTER = `mutation Register($input: RegisterDetaineeInput!) { registerDetainee(input: $input) { id status capturedAt deviceReference } }`;
const registration = {
  surname: 'Claes', givenNames: 'An', sex: 'F', birthDate: '1990-05-05', nationality: 'BE', institution: 'A',
  admittedAt: '2026-11-22T09:00:00Z', detentionTitle: 'pre-trial detention',
  capture: { deviceReference: 'LIVESCAN-A-07', capturedAt: '2026-11-22T09:10:00Z' },
};
let requestId: string;

describe('R1 R2 the identification flow through persisted operations', () => {
  test('R1 intake registers a detainee with a capture; the request is logged as collect', async () => {
    const res = await s.gql('intake-a', REGISTER, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { input: registration }, justification: 'intake 1' });
    expect(res.body.errors).toBeUndefined();
    requestId = res.body.data.registerDetainee.id;
    expect(res.body.data.registerDetainee).toMatchObject({ status: 'PENDING', deviceReference: 'LIVESCAN-A-07', capturedAt: '2026-11-22T09:10:00.000Z' });
    const [row] = await s.sql(`select action, outcome, subject_type, person_id, categories from access_log where justification = 'intake 1' and action = 'collect'`);
    expect(row).toMatchObject({ action: 'collect', outcome: 'GRANTED', subject_type: 'Person' });
    expect(row.person_id).toMatch(/^person-/);
    expect(row.categories).toEqual(expect.arrayContaining(['identity.name', 'identification.capture']));
  });

  test('R1 intake cannot register a detainee at another institution (ROW_CONDITION), and nothing is stored', async () => {
    const before = await s.sql('select count(*)::int as n from person');
    const res = await s.gql('intake-a', REGISTER, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { input: { ...registration, institution: 'B' } } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROW_CONDITION' });
    expect(await s.sql('select count(*)::int as n from person')).toEqual(before);
  });

  test('R1 the police link fetches pending requests carrying only names, sex, birth date, nationality and the device reference', async () => {
    const res = await asLink('PendingVerificationRequests', { first: 10 });
    expect(res.body.errors).toBeUndefined();
    const node = res.body.data.pendingVerificationRequests.edges.find((e: { node: { id: string } }) => e.node.id === requestId).node;
    expect(node).toEqual({ id: requestId, surname: 'Claes', givenNames: 'An', sex: 'F', birthDate: '1990-05-05', nationality: 'BE',
      deviceReference: 'LIVESCAN-A-07', capturedAt: '2026-11-22T09:10:00.000Z' });
    const rows = await s.sql(`select action, recipient_id, recipient_category, categories from access_log where principal_id = 'afis-link' and subject_id = $1`, [requestId]);
    expect(rows).toEqual([{ action: 'disclose', recipient_id: 'federal-police', recipient_category: 'police',
      categories: ['identification.capture', 'identity.birth', 'identity.name', 'identity.nationality', 'identity.sex'] }]);
  });

  test('R2 an answer with any field beyond what art. 3 allows is BAD_USER_INPUT and nothing is stored', async () => {
    const res = await asLink('SubmitVerificationAnswer', { input: {
      requestId, match: true, pvReferences: ['PV-2019-001'], identities: [{ surname: 'Claes', givenNames: 'An' }],
      fingerprintReference: 'AFIS-777001', criminalRecord: ['theft'],
    } });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toContain('criminalRecord');
    const nested = await asLink('SubmitVerificationAnswer', { input: {
      requestId, match: true, pvReferences: [], identities: [{ surname: 'Claes', givenNames: 'An', address: 'Somewhere 1' }], fingerprintReference: 'AFIS-777001',
    } });
    expect(nested.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await s.sql('select count(*)::int as n from verification_answer')).toEqual([{ n: 0 }]);
  });

  test('R2 a valid answer is stored and logged as collected from the police link', async () => {
    const res = await asLink('SubmitVerificationAnswer', { input: {
      requestId, match: true, pvReferences: ['PV-2019-001', 'PV-2021-044'], identities: [{ surname: 'Claes', givenNames: 'Anna', birthDate: '1990-05-05' }],
      fingerprintReference: 'AFIS-777001',
    } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitVerificationAnswer).toEqual({ id: requestId, status: 'ANSWERED' });
    const [row] = await s.sql(`select action, outcome, subject_type, categories, client from access_log where principal_id = 'afis-link' and action = 'collect'`);
    expect(row).toEqual({ action: 'collect', outcome: 'GRANTED', subject_type: 'VerificationAnswer', categories: ['identification.verification_result'], client: 'afis-link' });
    const again = await asLink('SubmitVerificationAnswer', { input: { requestId, match: false, pvReferences: [], identities: [], fingerprintReference: 'AFIS-1' } });
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.requestId' });
  });

  test('R6 R7 only the designated officer with a pledge reads the answer', async () => {
    const Q = 'query($id: ID!) { verificationRequest(id: $id) { surname status answer { match pvReferences fingerprintReference identities } } }';
    const read = (who: string) => s.gql(who, Q, { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { id: requestId } });
    const officer = await read('id-officer');
    expect(officer.body.errors).toBeUndefined();
    expect(officer.body.data.verificationRequest.answer).toEqual({
      match: true, pvReferences: ['PV-2019-001', 'PV-2021-044'], fingerprintReference: 'AFIS-777001',
      identities: [{ surname: 'Claes', givenNames: 'Anna', birthDate: '1990-05-05' }],
    });
    expect(deniedPaths(await read('id-officer-undesignated'))['verificationRequest.answer']).toBe('NOT_DESIGNATED');
    expect(deniedPaths(await read('id-officer-nopledge'))['verificationRequest.answer']).toBe('NO_CONFIDENTIALITY_PLEDGE');
    const intake = await read('intake-a');
    expect(intake.body.data.verificationRequest.surname).toBe('Claes');
    expect(deniedPaths(intake)['verificationRequest.answer']).toBe('CATEGORY_NOT_GRANTED_TO_ROLE');
  });
});
