import type { EntityManager } from '@mikro-orm/postgresql';
import type { Effect } from '../audit/effects.js';
import { Person } from '../domain/Person.js';
import { VerificationAnswer } from '../domain/VerificationAnswer.js';
import { VerificationRequest } from '../domain/VerificationRequest.js';
import { checkAnswer, checkAnswerable, type AnswerInput } from './answer-rules.js';
import type { Done } from './done.js';

/** R3 art. 4 §3: the recipient of the notice after a verification without a match. */
export const FEDERAL_POLICE = { id: 'federal-police', category: 'police' };

/**
 * R2: stores the police database's answer to a pending request. R3 art. 4 §3: without a match, the
 * reference the national database assigned stays with the person, the process ends, and the
 * federal police is informed — a disclosure with its recipient, returned as an effect for the log.
 */
export async function submitAnswer(em: EntityManager, request: VerificationRequest, input: AnswerInput, now: Date): Promise<Done<VerificationRequest>> {
  checkAnswerable(request.status);
  checkAnswer(input);
  em.persist(Object.assign(new VerificationAnswer(), {
    request: em.getReference(VerificationRequest, request.id), match: input.match, pvReferences: [...input.pvReferences],
    fingerprintReference: input.fingerprintReference,
    identities: input.identities.map((i) => ({ surname: i.surname, givenNames: i.givenNames, birthDate: i.birthDate ?? null })),
    receivedAt: now,
  }));
  // The request was loaded (and decided) outside this transaction's unit of work: written directly.
  await em.nativeUpdate(VerificationRequest, { id: request.id }, { status: 'ANSWERED', answeredAt: now });
  request.status = 'ANSWERED';
  request.answeredAt = now;
  if (input.match) return { result: request, effects: [] };
  await em.nativeUpdate(Person, { id: request.person.id }, { fingerprintReference: input.fingerprintReference });
  await em.nativeUpdate(VerificationRequest, { id: request.id }, { status: 'CLOSED', decision: 'NO_MATCH' });
  request.status = 'CLOSED';
  const notice: Effect = {
    action: 'disclose', subjectType: 'Person', subjectId: request.person.id, personId: request.person.id,
    fields: ['fingerprintReference', 'surname', 'givenNames'], categories: ['biometric.fingerprint_reference', 'identity.name'],
    recipient: FEDERAL_POLICE,
  };
  return { result: request, effects: [notice] };
}
