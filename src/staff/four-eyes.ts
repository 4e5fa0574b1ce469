import { GraphQLError } from 'graphql';
import { Reason } from '../authz/reasons.js';

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

export function checkSecondPerson(actorId: string, proposerId: string, field: string): void {
  if (actorId === proposerId) throw fourEyesRefusal('A second staff member must confirm what another proposed', field);
}
