import type { VerificationStatus } from '../../src/domain/VerificationRequest.js';
import {
  checkDecisionAllowed, checkHasMatch, erasesAnswerData, statusAfter, type IdentificationDecision,
} from '../../src/identification/decision-rules.js';
import { refusal } from './refusal.js';

const STATUSES: VerificationStatus[] = ['PENDING', 'ANSWERED', 'AGREED', 'UNDER_INVESTIGATION', 'CLOSED'];
const DECISIONS: IdentificationDecision[] = ['SUFFICIENT_AGREEMENT', 'ADMINISTRATIVE_INVESTIGATION', 'INVESTIGATION_CLOSED'];

describe('R8 the human decision: which decision from which status', () => {
  test('R8 agreement and investigation are decided on an answered request; closing only ends an investigation', () => {
    const allowed = DECISIONS.flatMap((d) => STATUSES.filter((s) => refusal(() => checkDecisionAllowed(s, d)) === null).map((s) => `${d} from ${s}`));
    expect(allowed).toEqual([
      'SUFFICIENT_AGREEMENT from ANSWERED',
      'ADMINISTRATIVE_INVESTIGATION from ANSWERED',
      'INVESTIGATION_CLOSED from UNDER_INVESTIGATION',
    ]);
  });

  test('R8 a decision from any other status is BAD_USER_INPUT on `decision`, naming the status', () => {
    expect(refusal(() => checkDecisionAllowed('PENDING', 'SUFFICIENT_AGREEMENT')))
      .toEqual({ field: 'decision', message: 'decision: cannot be taken on a request that is PENDING' });
    expect(refusal(() => checkDecisionAllowed('AGREED', 'INVESTIGATION_CLOSED')))
      .toEqual({ field: 'decision', message: 'decision: cannot be taken on a request that is AGREED' });
  });

  test('R8 the status after each decision', () => {
    expect(DECISIONS.map(statusAfter)).toEqual(['AGREED', 'UNDER_INVESTIGATION', 'CLOSED']);
  });

  test('R8 R3 an answer without a match leaves nothing to decide', () => {
    expect(refusal(() => checkHasMatch(false))).toEqual({ field: 'requestId', message: 'requestId: had no match: there is nothing to decide' });
    expect(refusal(() => checkHasMatch(true))).toBeNull();
  });

  test('R3 agreement and a closed investigation erase the answer data; opening an investigation keeps them', () => {
    expect(DECISIONS.filter(erasesAnswerData)).toEqual(['SUFFICIENT_AGREEMENT', 'INVESTIGATION_CLOSED']);
  });
});
