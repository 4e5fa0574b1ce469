import { readOperations, operationsDir } from '../../src/persisted/manifest.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const RECEIVED = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!.id;
const received = async () => {
  const res = await s.post(JSON.stringify({ documentId: RECEIVED, variables: { first: 10 } }), { authorization: `Bearer ${await s.token('municipality-x')}` });
  return res.json();
};
const recipientCategory = (category: string) => s.sql(`update client_system set recipient_category = $1 where id = 'municipality-x'`, [category]);

// Issue 16, finding 12: the cached access was keyed without the recipient category, so a client whose
// category changed kept the decisions of its old one in a warm process.
describe('the per-process access cache follows everything a decision or a log row depends on', () => {
  beforeAll(async () => {
    const res = await s.gql('case-manager-b', `mutation($input: Disclose18bInput!) { disclose18b(input: $input) { id } }`, {
      purpose: 'RISK_DISCLOSURE_18B', justification: 'release 2026-12', variables: {
        input: { personId: 'person-b1', recipientClientId: 'municipality-x', categories: ['identity.name', 'criminal.risk_assessment'],
          motivation: 'Release without a conditional framework; real risk of a serious violent offence (art. 18b Wsb).' },
      },
    });
    expect(res.body.errors).toBeUndefined();
  });

  test('R17 a client whose category of recipient leaves the register gets new decisions on its next request, and its log rows say so', async () => {
    const before = await received();
    expect(before.data.receivedDisclosures.edges[0].node.surname).toBe('Peeters');
    await recipientCategory('press');
    try {
      const after = await received();
      expect(JSON.stringify(after.data ?? null)).not.toContain('Peeters');
      expect(after.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECIPIENT_NOT_REGISTERED' });
      const rows = await s.sql(`select distinct outcome, reason from access_log where recipient_category = 'press'`);
      expect(rows).toEqual([{ outcome: 'DENIED', reason: 'RECIPIENT_NOT_REGISTERED' }]);
    } finally {
      await recipientCategory('municipality');
    }
    const again = await received();
    expect(again.data.receivedDisclosures.edges[0].node.surname).toBe('Peeters');
  });
});
