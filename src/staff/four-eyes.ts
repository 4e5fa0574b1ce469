import { GraphQLError } from 'graphql';
import { Reason } from '../authz/reasons.js';
import { badUserInput } from '../schema/errors.js';

/**
 * Four eyes (R6, R7; issue 16, finding 15): who confirms a designation or a pledge is neither who
 * proposed it nor the staff member it is about, and nobody proposes one for themselves. Answered
 * FORBIDDEN with reason FOUR_EYES: the caller's role may act, but not on this one. The decision
 * point logs the refusal as a denial of the act (src/authz/plugin.ts).
 */
export function fourEyesRefusal(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason: Reason.FOUR_EYES, field } });
}

export function checkNotSubject(actorId: string, subjectId: string, field: string): void {
  if (actorId === subjectId) throw fourEyesRefusal('Nobody proposes or confirms their own designation or pledge', field);
}

/** A proposal (designation or pledge) a second person may confirm: not revoked, not confirmed yet, not theirs to confirm otherwise. */
export function checkConfirmable(
  proposal: { revokedAt?: Date | null; confirmedAt?: Date | null; staffMember: { id: string } }, proposerId: string, actorId: string,
): void {
  if (proposal.revokedAt) throw badUserInput('id', 'is revoked');
  if (proposal.confirmedAt) throw badUserInput('id', 'is already confirmed');
  checkNotSubject(actorId, proposal.staffMember.id, 'id');
  checkSecondPerson(actorId, proposerId, 'id');
}

export function checkSecondPerson(actorId: string, proposerId: string, field: string): void {
  if (actorId === proposerId) throw fourEyesRefusal('A second staff member must confirm what another proposed', field);
}
