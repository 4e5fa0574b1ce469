import type { EntityManager } from '@mikro-orm/postgresql';
import type { DecisionCollector } from '../audit/collector.js';
import { recordEffect } from '../audit/effects.js';
import { eraseAnswerData, erasureDue, keepFingerprintReference } from '../domain/identification.js';
import { VerificationAnswer } from '../domain/VerificationAnswer.js';
import type { VerificationRequest } from '../domain/VerificationRequest.js';

/**
 * R3: erases the answer data whose time is up — 15 days after receipt, or 3 months after the query
 * when an investigation runs — keeping only the fingerprint reference (with the person once the
 * identity is settled). Rows are locked with SKIP LOCKED, so concurrent runs never erase twice.
 */
export async function eraseExpiredAnswers(em: EntityManager, collector: DecisionCollector, now: Date): Promise<number> {
  const candidates = await em.getConnection().execute<{ id: string }[]>(
    `select a.id from verification_answer a where a.erased_at is null for update of a skip locked`, [], 'all', em.getTransactionContext());
  if (candidates.length === 0) return 0;
  const answers = await em.find(VerificationAnswer, { id: { $in: candidates.map((c) => c.id) } }, { populate: ['request', 'request.person'] });
  let erased = 0;
  for (const answer of answers) {
    const request = answer.request as VerificationRequest;
    if (erasureDue(request, answer) > now) continue;
    eraseAnswerData(answer, now);
    if (request.status === 'UNDER_INVESTIGATION') {
      // Art. 4 §2: at the latest 3 months after the query the investigation's data go; the reference stays.
      await keepFingerprintReference(em, request, answer);
      request.status = 'CLOSED';
      request.decision = `${request.decision ?? ''} — answer data erased by the 3-month limit (R3)`.trim();
    }
    recordEffect(collector, {
      action: 'erase', subjectType: 'VerificationAnswer', subjectId: answer.id, personId: request.person.id,
      fields: ['pvReferences', 'identities'], categories: ['identification.verification_result'],
    });
    erased++;
  }
  return erased;
}
