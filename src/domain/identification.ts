import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from './Person.js';
import type { VerificationAnswer } from './VerificationAnswer.js';
import type { VerificationRequest } from './VerificationRequest.js';

export const ANSWER_RETENTION_DAYS = 15;
export const INVESTIGATION_RETENTION_MONTHS = 3;

/** The R3 erasure: the answer's PV references and identities go; the fingerprint reference stays. */
export function eraseAnswerData(answer: VerificationAnswer, now: Date): void {
  answer.pvReferences = [];
  answer.identities = [];
  answer.erasedAt = now;
}

/** Art. 4 §1, §2: after agreement or after the investigation only the fingerprint reference is kept, with the person. */
export async function keepFingerprintReference(em: EntityManager, request: VerificationRequest, answer: VerificationAnswer): Promise<void> {
  await em.nativeUpdate(Person, { id: request.person.id }, { fingerprintReference: answer.fingerprintReference });
}

/** R3 deadlines: 15 days from receipt of the answer; 3 months from the query when under investigation. */
export function erasureDue(request: VerificationRequest, answer: VerificationAnswer): Date {
  if (request.status === 'UNDER_INVESTIGATION') {
    const due = new Date(request.capturedAt);
    due.setUTCMonth(due.getUTCMonth() + INVESTIGATION_RETENTION_MONTHS);
    return due;
  }
  return new Date(answer.receivedAt.getTime() + ANSWER_RETENTION_DAYS * 86_400_000);
}
