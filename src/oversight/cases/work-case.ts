import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffMember } from '../../domain/StaffMember.js';
import { badUserInput } from '../../schema/errors.js';
import { checkText } from '../../schema/validate.js';
import { checkNotAboutActor, checkNotAboutAssignee } from './four-eyes.js';
import { openCaseForWork } from './load-case.js';
import { REVIEW_VERDICTS, type ReviewCase, type ReviewVerdict } from './ReviewCase.js';
import { ReviewCaseEvent, type ReviewEventKind } from './ReviewCaseEvent.js';

export interface Reviewer {
  id: string;
  now: Date;
}

/** Roles that work the review queue; an assignee must hold one (policies/roles.yaml grants them ReviewCase). */
export const REVIEWER_ROLES = ['auditor', 'dpo'] as const;

const MAX_TEXT = 4000;

function addEvent(em: EntityManager, reviewCase: ReviewCase, kind: ReviewEventKind, by: Reviewer, text: string | null): void {
  em.persist(Object.assign(new ReviewCaseEvent(), { reviewCase, kind, actorId: by.id, at: by.now, text }));
}

/** Hands an open case to a reviewer: an active auditor or DPO other than the principal reviewed (four eyes). */
export async function assignCase(em: EntityManager, caseId: string, assigneeId: string, by: Reviewer): Promise<ReviewCase> {
  const c = await openCaseForWork(em, caseId);
  checkNotAboutActor(c, by.id);
  checkNotAboutAssignee(c, assigneeId);
  const assignee = assigneeId.length <= 100 ? await em.findOne(StaffMember, { id: assigneeId, active: true }) : null;
  if (!assignee) throw badUserInput('assigneeId', 'no active staff member with this id');
  if (!assignee.roles.some((r) => (REVIEWER_ROLES as readonly string[]).includes(r))) {
    throw badUserInput('assigneeId', `must hold a reviewer role (${REVIEWER_ROLES.join(', ')})`);
  }
  c.assigneeId = assignee.id;
  addEvent(em, c, 'ASSIGNED', by, assignee.id);
  return c;
}

/** Adds a reviewer's comment to an open case's history. */
export async function commentCase(em: EntityManager, caseId: string, text: string, by: Reviewer): Promise<ReviewCase> {
  const c = await openCaseForWork(em, caseId);
  checkNotAboutActor(c, by.id);
  checkText('text', text, MAX_TEXT);
  addEvent(em, c, 'COMMENTED', by, text);
  return c;
}

/** Closes an open case with a verdict and a note saying why; final. */
export async function closeCase(
  em: EntityManager, caseId: string, verdict: ReviewVerdict | null | undefined, note: string | null | undefined, by: Reviewer,
): Promise<ReviewCase> {
  const c = await openCaseForWork(em, caseId);
  checkNotAboutActor(c, by.id);
  if (verdict == null || !REVIEW_VERDICTS.includes(verdict)) throw badUserInput('verdict', `is required to close a case: one of ${REVIEW_VERDICTS.join(', ')}`);
  if (note == null || note.trim() === '') throw badUserInput('note', 'is required to close a case: why this verdict');
  checkText('note', note, MAX_TEXT);
  Object.assign(c, { status: 'CLOSED', verdict, note, closedAt: by.now, closedBy: by.id });
  addEvent(em, c, 'CLOSED', by, note);
  return c;
}
