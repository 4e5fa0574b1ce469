import { readOperations, operationsDir } from '../../src/persisted/manifest.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const RECEIVED = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!.id;
const DISCLOSE = `mutation($input: Disclose18bInput!) { disclose18b(input: $input) { id categories legalBasis retainUntil surname riskAssessment } }`;
const disclose = (who: string, input: Record<string, unknown>, purpose = 'RISK_DISCLOSURE_18B', justification = 'release 2026-12') =>
  s.gql(who, DISCLOSE, { purpose, justification, variables: { input } });
const input = {
  personId: 'person-b1', recipientClientId: 'municipality-x', categories: ['identity.name', 'criminal.risk_assessment'],
  motivation: 'Release without a conditional framework; real risk of a serious violent offence (art. 18b Wsb).',
};

async function received() {
  const res = await s.post(JSON.stringify({ documentId: RECEIVED, variables: { first: 10 } }), { authorization: `Bearer ${await s.token('municipality-x')}` });
  return res.json();
}

describe('R18 art. 18b disclosure to a municipality', () => {
  test('R18 R20 the case manager discloses the chosen categories; legal basis, recipient, categories and author are recorded', async () => {
    const res = await disclose('case-manager-b', input);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.disclose18b).toMatchObject({
      categories: ['criminal.risk_assessment', 'identity.name'], legalBasis: 'Art. 18b Wet straffen en beschermen', surname: 'Peeters',
    });
    const retainUntil = new Date(res.body.data.disclose18b.retainUntil).getUTCFullYear();
    expect(retainUntil).toBe(new Date().getUTCFullYear() + 5);
    const [stored] = await s.sql<{ data: object }>(`select authored_by, recipient_client_id, recipient_category, motivation, data from disclosure`);
    expect(stored).toMatchObject({ authored_by: 'case-manager-b', recipient_client_id: 'municipality-x', recipient_category: 'municipality' });
    // R13: only the fields of the disclosed categories are kept with the disclosure.
    expect(Object.keys(stored.data).sort()).toEqual(['aliases', 'givenNames', 'riskAssessment', 'surname']);
    const [logged] = await s.sql(`select action, outcome, recipient_id, recipient_category, person_id, categories, principal_id
      from access_log where justification = 'release 2026-12' and action = 'disclose'`);
    expect(logged).toEqual({ action: 'disclose', outcome: 'GRANTED', recipient_id: 'municipality-x', recipient_category: 'municipality',
      person_id: 'person-b1', categories: ['criminal.risk_assessment', 'identity.name'], principal_id: 'case-manager-b' });
  });

  test('R26 a category outside the art. 18b record cannot be disclosed, and nothing is stored', async () => {
    const res = await disclose('case-manager-b', { ...input, categories: ['identity.name', 'health'] }, 'RISK_DISCLOSURE_18B', 'too much');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'health' });
    expect(await s.sql(`select count(*)::int as n from disclosure`)).toEqual([{ n: 1 }]);
    expect(await s.sql(`select outcome, reason from access_log where justification = 'too much' and reason is not null`))
      .toEqual([{ outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE' }]);
  });

  test('R13 a case manager cannot disclose a person of another institution, and cannot tell it from an unknown one', async () => {
    const res = await disclose('case-manager-a', input, 'RISK_DISCLOSURE_18B', 'other institution');
    const unknown = await disclose('case-manager-a', { ...input, personId: 'person-zz' }, 'RISK_DISCLOSURE_18B', 'unknown person');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
    expect(res.body.errors?.[0]).toEqual(unknown.body.errors?.[0]);
    // The log still says why.
    expect(await s.sql(`select outcome, reason from access_log where justification = 'other institution' and outcome = 'DENIED'`))
      .toEqual([{ outcome: 'DENIED', reason: 'ROW_CONDITION' }]);
  });

  test('R12 a disclosure is only made under the art. 18b processing', async () => {
    const res = await disclose('case-manager-b', input, 'DETENTION_MANAGEMENT');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE' });
  });

  test('bad input names the field and stores nothing', async () => {
    const res = await disclose('case-manager-b', { ...input, recipientClientId: 'nobody' });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipientClientId' });
    const police = await disclose('case-manager-b', { ...input, recipientClientId: 'afis-link' });
    expect(police.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipientClientId' });
    expect(await s.sql(`select count(*)::int as n from disclosure`)).toEqual([{ n: 1 }]);
  });

  test('R18 the municipality reads the disclosure through its persisted operation; each read is logged as disclose to it', async () => {
    const body = await received();
    expect(body.errors).toBeUndefined();
    expect(body.data.receivedDisclosures.edges).toHaveLength(1);
    expect(body.data.receivedDisclosures.edges[0].node).toMatchObject({
      surname: 'Peeters', givenNames: 'Luc', riskAssessment: expect.stringContaining('18b'), birthDate: null,
      categories: ['criminal.risk_assessment', 'identity.name'],
    });
    const rows = await s.sql(`select action, recipient_id, recipient_category, person_id from access_log where principal_id = 'municipality-x'`);
    expect(rows).toEqual([{ action: 'disclose', recipient_id: 'municipality-x', recipient_category: 'municipality', person_id: 'person-b1' }]);
  });

  test('R21 the person\'s disclosures list the municipality as a recipient', async () => {
    const view = await s.gql('dpo', '{ person(id: "person-b1") { disclosures { recipientId recipientCategory purpose principalId } } }', { purpose: 'SUBJECT_RIGHTS' });
    expect(view.body.data.person.disclosures).toEqual(expect.arrayContaining([
      { recipientId: 'municipality-x', recipientCategory: 'municipality', purpose: 'RISK_DISCLOSURE_18B', principalId: 'case-manager-b' },
    ]));
  });
});
