import { signToken } from '../../../src/auth/tokens.js';
import { DEVELOPMENT_JWT_SECRET } from '../../../src/config.js';

/** A person with every category, by variable: what a case manager reads at institution A. */
export const PERSON = `query Person($id: ID!) { person(id: $id) {
  id surname givenNames birthDate nationalRegisterNumber fingerprintReference medicalNotes riskAssessment placement { institution } } }`;

/** A development token for a demo principal (src/seed/demo.ts), as npm start accepts it. */
export const demoToken = (principalId: string) =>
  signToken(principalId, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'need-to-know-api', audience: 'need-to-know-api' });

export interface Post {
  status: number;
  requestId: string | null;
  body: string;
}

/** POST /graphql as `principalId` with a purpose and a justification. */
export async function postGraphQL(url: string, principalId: string, body: unknown, o: { purpose?: string; justification?: string } = {}): Promise<Post> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', authorization: `Bearer ${await demoToken(principalId)}`,
      ...(o.purpose ? { 'x-purpose': o.purpose } : {}), ...(o.justification ? { 'x-justification': o.justification } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.text() };
}
