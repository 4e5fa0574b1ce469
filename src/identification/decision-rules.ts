import type { VerificationStatus } from '../domain/VerificationRequest.js';
import { badUserInput } from '../schema/errors.js';

/** R8: the human decisions an officer takes on a match (art. 4 §1, §2). */
export type IdentificationDecision = 'SUFFICIENT_AGREEMENT' | 'ADMINISTRATIVE_INVESTIGATION' | 'INVESTIGATION_CLOSED';

/** The one status each decision may be taken from: a match is decided once answered, an investigation closed once opened. */
const ALLOWED_FROM: Record<IdentificationDecision, VerificationStatus> = {
  SUFFICIENT_AGREEMENT: 'ANSWERED',
  ADMINISTRATIVE_INVESTIGATION: 'ANSWERED',
  INVESTIGATION_CLOSED: 'UNDER_INVESTIGATION',
};

const STATUS_AFTER: Record<IdentificationDecision, VerificationStatus> = {
  SUFFICIENT_AGREEMENT: 'AGREED',
  ADMINISTRATIVE_INVESTIGATION: 'UNDER_INVESTIGATION',
  INVESTIGATION_CLOSED: 'CLOSED',
};

export function checkDecisionAllowed(status: VerificationStatus, decision: IdentificationDecision): void {
  if (status !== ALLOWED_FROM[decision]) throw badUserInput('decision', `cannot be taken on a request that is ${status}`);
}

/** R8: only a match asks for a human decision; without one the process already ended (R3 art. 4 §3). */
export function checkHasMatch(match: boolean): void {
  if (!match) throw badUserInput('requestId', 'had no match: there is nothing to decide');
}

export const statusAfter = (decision: IdentificationDecision): VerificationStatus => STATUS_AFTER[decision];

/** R3: agreement and a closed investigation end the need for the answer data; an open investigation keeps them. */
export const erasesAnswerData = (decision: IdentificationDecision): boolean => decision !== 'ADMINISTRATIVE_INVESTIGATION';
