import { subject as tag } from '@casl/ability';
import type { Access } from './ability.js';
import { Reason, type Decision } from './reasons.js';

/** Fields a decision needs from the data subject an object belongs to (R22). */
export interface SubjectPerson {
  id: string;
  restrictionActive?: boolean | null;
}

function decision(action: string, subjectType: string, category: string | null, reason: Reason | null): Decision {
  return { allowed: reason === null, reason, action, subjectType, category };
}

/** Allowed; marked BREAK_GLASS in the log when only the principal's emergency grant allowed it (issue 20). */
function granted(access: Access, action: string, subjectType: string, category: string | null, object: object | null): Decision {
  const byGlass = object !== null && access.hasLiveGrants && access.byGlassOnly(action, asSubject(subjectType, object), category ?? undefined);
  return { allowed: true, reason: byGlass ? Reason.BREAK_GLASS : null, action, subjectType, category };
}

/** R22: restricted data are denied unless the register allows the processing under restriction or the category stays visible. */
export function restrictionDenies(access: Access, category: string, person: SubjectPerson | null): boolean {
  return !!person?.restrictionActive && !access.record!.allowedUnderRestriction && !access.policy.categories.get(category)?.visibleUnderRestriction;
}

/**
 * The one field decision: may this principal, under this purpose, `action` the `category` of this
 * object? Static keys first (cached per access), then row conditions, then restriction (R22).
 */
export function decideField(
  access: Access,
  action: string,
  subjectType: string,
  object: object | null,
  category: string,
  person: SubjectPerson | null,
): Decision {
  const v = access.verdict(action, subjectType, category);
  if (v.reason) return decision(action, subjectType, category, v.reason);
  if (v.conditional && object && !access.ability.can(action, asSubject(subjectType, object), category)) {
    return decision(action, subjectType, category, Reason.ROW_CONDITION);
  }
  if (restrictionDenies(access, category, person)) return decision(action, subjectType, category, Reason.RESTRICTED);
  return v.conditional ? granted(access, action, subjectType, category, object) : decision(action, subjectType, category, null);
}

/**
 * May the principal see this object at all (any category)? Without an object: objects of this type
 * at all. Only a row condition is about the object (a denied root object reads as not found); the
 * other reasons are the request's own.
 */
export function decideObject(access: Access, action: string, subjectType: string, object: object | null): Decision {
  const purposeReason = access.purposeReason;
  if (purposeReason) return decision(action, subjectType, null, purposeReason);
  if (!access.ability.possibleRulesFor(action, subjectType).some((r) => !r.inverted)) {
    return decision(action, subjectType, null, Reason.CATEGORY_NOT_GRANTED_TO_ROLE);
  }
  if (object === null || access.ability.can(action, asSubject(subjectType, object))) return granted(access, action, subjectType, null, object);
  return decision(action, subjectType, null, Reason.ROW_CONDITION);
}

/** Each category of one object decided on its own (a report compiled for its data subject, R21). */
export function decideEach(access: Access, action: string, subjectType: string, object: object & SubjectPerson, categories: readonly string[]): Decision[] {
  return categories.map((c) => decideField(access, action, subjectType, object, c, object));
}

/** An act on an id that names nothing: answered like a hidden object, logged as denied. */
export function notFound(action: string, subjectType: string): Decision {
  return decision(action, subjectType, null, Reason.NOT_FOUND);
}

/** An administrative operation (no personal-data category): the code key alone. */
export function decideOperation(access: Access, action: string, subjectType: string): Decision {
  return decision(action, subjectType, null, access.verdict(action, subjectType, null).reason);
}

/** A category without an object at hand (root lists such as the access log). */
export function decideCategory(access: Access, action: string, subjectType: string, category: string): Decision {
  return decision(action, subjectType, category, access.verdict(action, subjectType, category).reason);
}

function asSubject(subjectType: string, object: object): object {
  // Entities carry their class name; plain objects (tests, tables) are tagged without copying.
  return object.constructor.name === subjectType ? object : tag(subjectType, object as Record<string, unknown>);
}
