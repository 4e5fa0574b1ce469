import type { GqlResult, TestServer } from '../support/server.js';

/** Rights requests as the DPO handles them in the tests (R21, R23, R24). */
export const REQUEST_FIELDS = `id personId kind status receivedAt dueAt termWeeks extensionWeeksLeft overdue
  verification { method reference verifiedBy verifiedAt }
  extensions { weeks totalWeeks previousDueAt dueAt reasonToRequester noticeAt noticeBy }
  answer refusalReason refusalLegalBasis rectification withheldCategories
  notifications { id recipientId recipientCategory channel status categoriesDisclosed firstDisclosedAt lastDisclosedAt sentAt sentBy }`;

const OPEN = `mutation($input: OpenRightsRequestInput!) { openRightsRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $outcome: RightsOutcome!, $answer: String!, $refusalReason: RightsRefusalReason,
    $rectification: RectificationInput, $withheld: [String!]) {
  resolveRightsRequest(id: $id, outcome: $outcome, answer: $answer, refusalReason: $refusalReason, rectification: $rectification,
    withheldCategories: $withheld) {
    ${REQUEST_FIELDS}
    report { personId kind generatedAt data { category description values } withheld { category reason code }
      recipients { recipientId recipientCategory purpose action firstAt lastAt times categories } }
  } }`;

export const verification = (overrides: Record<string, unknown> = {}) => ({
  method: 'IN_PERSON_AT_INSTITUTION', reference: 'visit log B 2026/031', verifiedBy: 'case-manager-b', verifiedAt: '2026-03-02T09:30:00Z',
  ...overrides,
});

export function openRequest(s: TestServer, input: Record<string, unknown>, o: { who?: string; purpose?: string; justification?: string } = {}): Promise<GqlResult> {
  return s.gql(o.who ?? 'dpo', OPEN, {
    purpose: o.purpose ?? 'SUBJECT_RIGHTS', justification: o.justification ?? 'rights desk',
    variables: { input: { receivedAt: '2026-03-02T09:00:00Z', verification: verification(), ...input } },
  });
}

/** Opens a request and returns its id; fails the test with the errors otherwise. */
export async function opened(s: TestServer, personId: string, kind: string, receivedAt = '2026-03-02T09:00:00Z'): Promise<string> {
  const res = await openRequest(s, { personId, kind, receivedAt });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.openRightsRequest.id;
}

export function resolveRequest(s: TestServer, id: string, args: Record<string, unknown>, justification = 'rights desk'): Promise<GqlResult> {
  return s.gql('dpo', RESOLVE, { purpose: 'SUBJECT_RIGHTS', justification, variables: { id, answer: 'Your request was handled.', ...args } });
}

export function extendRequest(s: TestServer, id: string, weeks: number, justification = 'rights desk'): Promise<GqlResult> {
  return s.gql('dpo', `mutation($id: ID!, $weeks: Int!) { extendRightsRequest(id: $id, weeks: $weeks,
      reasonToRequester: "The records of two institutions must be gathered.") { ${REQUEST_FIELDS} } }`,
  { purpose: 'SUBJECT_RIGHTS', justification, variables: { id, weeks } });
}

export const errorOf = (res: GqlResult) => res.body.errors?.[0]?.extensions;
