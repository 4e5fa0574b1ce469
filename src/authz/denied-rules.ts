import type { RawRuleOf } from '@casl/ability';
import type { Access, AppAbility } from './ability.js';
import { expandCategories, type Policy } from './policy.js';

/** The data categories a subject type's fields may carry: those any role's grant names for it. */
export function categoriesBySubject(policy: Policy): Map<string, string[]> {
  const bySubject = new Map<string, Set<string>>();
  for (const role of policy.roles.values()) {
    for (const grant of role.grants) {
      if (!grant.categories) continue;
      const set = bySubject.get(grant.subject) ?? new Set<string>();
      for (const c of expandCategories(grant.categories, policy.categories)) set.add(c);
      bySubject.set(grant.subject, set);
    }
  }
  return new Map([...bySubject].map(([subject, set]) => [subject, [...set].sort()]));
}

/**
 * For front ends (myRules): the reads the decision point denies before looking at any row, as
 * inverted CASL rules carrying the denial reason (`CATEGORY_NOT_IN_PURPOSE`, `NOT_DESIGNATED`…), one
 * per subject type and reason. CASL keeps a rule's reason, so
 * `ability.relevantRuleFor('read', 'Person', 'health')?.reason` names it without asking the API.
 * Nothing here decides a request: the server's ability is built from the grants alone.
 * Empty when the purpose itself is refused: myRules' denialReason says why.
 */
export function deniedReadRules(access: Access): RawRuleOf<AppAbility>[] {
  if (access.purposeReason) return [];
  const rules: RawRuleOf<AppAbility>[] = [];
  for (const [subject, categories] of categoriesBySubject(access.policy)) {
    const byReason = new Map<string, string[]>();
    for (const category of categories) {
      const { reason } = access.verdict('read', subject, category);
      if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), category]);
    }
    for (const [reason, fields] of byReason) rules.push({ action: 'read', subject, fields, inverted: true, reason });
  }
  return rules;
}
