import { fourEyesRefusal } from '../../staff/four-eyes.js';
import type { ReviewCase } from './ReviewCase.js';

/**
 * Four eyes on the review queue (issue 20, R10): nobody assigns, comments on or closes a case about
 * their own conduct, and nobody is assigned one. Refused FORBIDDEN with reason FOUR_EYES like the
 * designations' rule (src/staff/four-eyes.ts); the decision point logs the refusal as a denied act.
 */
export function checkNotAboutActor(reviewCase: ReviewCase, actorId: string): void {
  if (reviewCase.principalId === actorId) throw fourEyesRefusal('Nobody reviews a case about their own conduct', 'caseId');
}

export function checkNotAboutAssignee(reviewCase: ReviewCase, assigneeId: string): void {
  if (reviewCase.principalId === assigneeId) throw fourEyesRefusal('Nobody is assigned a case about their own conduct', 'assigneeId');
}
