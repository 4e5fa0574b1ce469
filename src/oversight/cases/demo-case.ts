import type { EntityManager } from '@mikro-orm/postgresql';
import { dueDate, reviewPolicy } from './review-policy.js';
import { ReviewCase } from './ReviewCase.js';
import { ReviewCaseEvent } from './ReviewCaseEvent.js';
import { OVERSIGHT_ACTOR } from './open-case.js';

/** The demo data's open review case (a fixed id, so demos and the decision-coverage walk can name it). */
export const DEMO_REVIEW_CASE_ID = '5eed0000-0000-4000-8000-00000000ca5e';

/** An open case about case manager B, so the console's queue has something to show. */
export function persistDemoReviewCase(em: EntityManager, at: Date): void {
  const c = Object.assign(new ReviewCase(), {
    id: DEMO_REVIEW_CASE_ID, principalId: 'case-manager-b', principalCategory: 'staff:case_manager@institution-B', status: 'OPEN', source: 'FINDING',
    openedAt: at, dueAt: dueDate(at, reviewPolicy()),
  });
  em.persist(c);
  em.persist(Object.assign(new ReviewCaseEvent(), { reviewCase: c, kind: 'OPENED', actorId: OVERSIGHT_ACTOR, at, text: null }));
}
