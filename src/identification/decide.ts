import type { EntityManager } from '@mikro-orm/postgresql';
import type { Effect } from '../audit/effects.js';
import { eraseAnswerData, keepFingerprintReference } from '../domain/identification.js';
import { VerificationAnswer } from '../domain/VerificationAnswer.js';
import { VerificationRequest } from '../domain/VerificationRequest.js';
import { checkText } from '../schema/validate.js';
import type { Actor } from './actor.js';
import { checkDecisionAllowed, checkHasMatch, erasesAnswerData, statusAfter, type IdentificationDecision } from './decision-rules.js';
import type { Done } from './done.js';

export interface DecisionInput {
  decision: IdentificationDecision;
  note: string;
}

/**
 * R8: records the officer's decision on a match, with who and when. R3: unless an investigation
 * opens, the answer data go at once and only the fingerprint reference stays, with the person;
 * that erasure is returned as an effect for the log.
 */
export async function decideIdentification(
  em: EntityManager, request: VerificationRequest, { decision, note }: DecisionInput, actor: Actor,
): Promise<Done<VerificationRequest>> {
  checkText('note', note, 2000);
  checkDecisionAllowed(request.status, decision);
  const answer = await em.findOneOrFail(VerificationAnswer, { request: request.id });
  checkHasMatch(answer.match);
  const decided = { status: statusAfter(decision), decidedAt: actor.now, decidedBy: actor.id, decision: `${decision}: ${note}` };
  // The request was loaded (and decided) outside this transaction's unit of work: written directly.
  await em.nativeUpdate(VerificationRequest, { id: request.id }, decided);
  Object.assign(request, decided);
  if (!erasesAnswerData(decision)) return { result: request, effects: [] };
  eraseAnswerData(answer, actor.now);
  await keepFingerprintReference(em, request, answer);
  const erased: Effect = {
    action: 'erase', subjectType: 'VerificationAnswer', subjectId: answer.id, personId: request.person.id,
    fields: ['pvReferences', 'identities'], categories: ['identification.verification_result'],
  };
  return { result: request, effects: [erased] };
}
