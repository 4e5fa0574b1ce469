import type { RegisteredIdentity } from '../domain/VerificationAnswer.js';
import type { VerificationStatus } from '../domain/VerificationRequest.js';
import { badUserInput } from '../schema/errors.js';
import { checkText } from '../schema/validate.js';

/** R2: exactly what the police database may answer. */
export interface AnswerInput {
  match: boolean;
  pvReferences: readonly string[];
  identities: readonly RegisteredIdentity[];
  fingerprintReference: string;
}

const FINGERPRINT_REFERENCE = /^[A-Za-z0-9-]{1,64}$/;

/** R1, R2: a request is answered once; a second answer is refused. */
export function checkAnswerable(status: VerificationStatus): void {
  if (status !== 'PENDING') throw badUserInput('input.requestId', 'was already answered');
}

/** R2: the answer carries nothing but what art. 3 allows, and nothing beside "no match". */
export function checkAnswer(input: AnswerInput): void {
  if (!FINGERPRINT_REFERENCE.test(input.fingerprintReference)) throw badUserInput('input.fingerprintReference', 'is not a fingerprint reference');
  input.pvReferences.forEach((pv, i) => checkText(`input.pvReferences[${i}]`, pv, 100));
  if (!input.match && (input.pvReferences.length > 0 || input.identities.length > 0)) {
    throw badUserInput('input.match', 'without a match there are no PV references or identities');
  }
  input.identities.forEach((identity, i) => {
    checkText(`input.identities[${i}].surname`, identity.surname, 200);
    checkText(`input.identities[${i}].givenNames`, identity.givenNames, 200);
  });
}
