import { rulesToCondition } from '@casl/ability/extra';
import type { FilterQuery } from '@mikro-orm/core';
import type { Access } from './ability.js';

/**
 * A filter that matches nothing, for when no rule allows any row: `false` in SQL (an empty `$in`
 * becomes `1 = 0`; an empty `$or` is dropped and would match everything).
 */
export const NOTHING = { id: { $in: [] as string[] } };

/**
 * R13: the row conditions of the ability as a MikroORM filter, so a list never loads a row the
 * principal may not see. Dotted CASL paths (`person.currentInstitution`) become nested filters.
 * With a category: the rows whose `category` may be read (a filter on it). Returns null when no rule
 * allows the subject (or that category of it) at all.
 */
export function rowFilter<T extends object>(access: Access, action: string, subjectType: string, category?: string): FilterQuery<T> | null {
  const rules = access.ability.rulesFor(action, subjectType, category);
  const condition = rulesToCondition(rules, (rule) => (rule.inverted ? { $not: nest(rule.conditions) } : nest(rule.conditions)), {
    and: (cs) => (cs.length === 0 ? {} : cs.length === 1 ? cs[0] : { $and: cs }),
    or: (cs) => (cs.length === 1 ? cs[0] : { $or: cs }),
    empty: () => ({}),
  });
  return condition;
}

/** The categories this access allows for at least some rows of a subject type (for column selection). */
export function permittedCategories(access: Access, action: string, subjectType: string): Set<string> {
  const allowed = new Set<string>();
  for (const rule of access.ability.rulesFor(action, subjectType)) {
    if (!rule.inverted) for (const f of rule.fields ?? []) allowed.add(f);
  }
  return allowed;
}

// CASL types a Mongo rule's conditions as `any`: taken here as the object of dotted paths they are.
function nest(conditions: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(conditions as Record<string, unknown>)) {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return out;
}
