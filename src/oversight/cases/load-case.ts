import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../schema/errors.js';
import { isUuid } from '../../schema/validate.js';
import { ReviewCase } from './ReviewCase.js';

/** A review case, or null (also for a malformed id). */
export async function findCase(em: EntityManager, id: string): Promise<ReviewCase | null> {
  if (!isUuid(id)) return null;
  return em.findOne(ReviewCase, { id }, { refresh: true });
}

/**
 * The same, for a case about to change: locked for the rest of the transaction, so two reviewers
 * cannot both close it. Unknown and closed cases are the argument's fault: a closed case is final.
 */
export async function openCaseForWork(em: EntityManager, id: string): Promise<ReviewCase> {
  const c = isUuid(id) ? await em.findOne(ReviewCase, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!c) throw badUserInput('caseId', 'no review case with this id');
  if (c.status === 'CLOSED') throw badUserInput('caseId', 'is closed; a closed case takes no further acts');
  return c;
}
