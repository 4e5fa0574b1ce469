import { operationsDir, readOperations } from '../../src/persisted/manifest.js';
import type { TestServer } from '../support/server.js';

/** The steps of the identification process, as the intake officer, the police link and the officer take them. */
const ops = new Map(readOperations(operationsDir).map((o) => [o.name, o.id]));

export async function register(s: TestServer, surname: string, capturedAt: string): Promise<string> {
  const res = await s.gql('intake-a', `mutation($input: RegisterDetaineeInput!) { registerDetainee(input: $input) { id } }`, {
    purpose: 'IDENTIFICATION_OF_DETAINEES',
    variables: { input: { surname, givenNames: 'Test', sex: 'M', institution: 'A', admittedAt: capturedAt,
      capture: { deviceReference: 'LIVESCAN-A-03', capturedAt } } },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.registerDetainee.id;
}

export async function answer(s: TestServer, requestId: string, match: boolean, fingerprintReference: string) {
  const input = match
    ? { requestId, match, pvReferences: ['PV-2020-100'], identities: [{ surname: 'Known', givenNames: 'As' }], fingerprintReference }
    : { requestId, match, pvReferences: [], identities: [], fingerprintReference };
  const res = await s.post(JSON.stringify({ documentId: ops.get('SubmitVerificationAnswer'), variables: { input } }),
    { authorization: `Bearer ${await s.token('afis-link')}` });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.submitVerificationAnswer;
}

export function decide(s: TestServer, who: string, requestId: string, decision: string, justification = 'analysis') {
  return s.gql(who, `mutation($id: ID!, $d: IdentificationDecision!) { decideIdentification(requestId: $id, decision: $d, note: "compared photographs and identities") {
    status decidedBy decision } }`, { purpose: 'IDENTIFICATION_OF_DETAINEES', justification, variables: { id: requestId, d: decision } });
}

export async function answerRow(s: TestServer, requestId: string) {
  const [row] = await s.sql(`select a.pv_references, a.identities, a.fingerprint_reference, a.erased_at, r.status, p.fingerprint_reference as person_reference
    from verification_answer a join verification_request r on r.id = a.request_id join person p on p.id = r.person_id where r.id = $1`, [requestId]);
  return row;
}
