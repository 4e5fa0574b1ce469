import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from '../domain/Person.js';
import { RestrictionChange, type RestrictionAction } from '../domain/RestrictionChange.js';

/** The person's columns the marking consists of (R22), for the log. */
export const MARKING_FIELDS = ['restrictionActive', 'restrictionReason', 'restrictedSince'];

/**
 * R22: places or lifts the restriction marking on the person and keeps the change in its history.
 * The marking is what every reader sees (`Person.restriction`); decisions deny restricted data
 * from the next field on, unless the purpose's record allows processing under restriction.
 */
export function changeRestriction(
  em: EntityManager,
  person: Person,
  change: { action: RestrictionAction; reason: string; by: string; at: Date; rightsRequestId?: string },
): RestrictionChange {
  const restrict = change.action === 'RESTRICT';
  Object.assign(person, {
    restrictionActive: restrict,
    restrictionReason: restrict ? change.reason : null,
    restrictedSince: restrict ? change.at : null,
  });
  const made = Object.assign(new RestrictionChange(), {
    person, action: change.action, reason: change.reason, decidedBy: change.by, decidedAt: change.at,
    rightsRequestId: change.rightsRequestId ?? null,
  });
  em.persist(made);
  return made;
}
