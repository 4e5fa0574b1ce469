import { isObjectType, type GraphQLSchema } from 'graphql';
import { covers } from '../../src/authz/ability.js';
import { expandCategories, type Policy } from '../../src/authz/policy.js';
import type { Person } from '../../src/domain/Person.js';
import type { RequestContext } from '../../src/http/apollo.js';

/**
 * Data category of each personal-data field of Person, read from our schema (the decision plugin
 * puts it in the field's extensions), so the other guards protect exactly what ours decides.
 */
export function personFieldCategories(ours: GraphQLSchema): Record<string, string> {
  const person = ours.getType('Person');
  if (!isObjectType(person)) throw new Error('our schema has no Person type');
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(person.getFields())) {
    const category = field.extensions?.category;
    if (typeof category === 'string') out[name] = category;
  }
  return out;
}

/**
 * The policy as a user of graphql-shield or scope-auth would hand-code it for this query: Person
 * categories by role and purpose (from policies/roles.yaml), the register entry of the purpose, the
 * institution row condition and the restriction marking (R22). Designation and pledge are left out:
 * no category the benchmark reads needs them.
 */
export class PersonGrants {
  private readonly byRolePurpose = new Map<string, Set<string>>();

  constructor(private readonly policy: Policy) {
    for (const role of policy.roles.values()) {
      for (const purpose of role.purposes) {
        const set = new Set<string>();
        for (const g of role.grants) {
          if (g.subject !== 'Person' || !g.categories || !g.actions.some((a) => a === 'read' || a === 'manage')) continue;
          if (g.purposes && !g.purposes.includes(purpose)) continue;
          for (const c of expandCategories(g.categories, policy.categories)) set.add(c);
        }
        this.byRolePurpose.set(`${role.name}|${purpose}`, set);
      }
    }
  }

  /** Categories the caller's roles may read under the declared purpose, as far as the register allows. */
  categories(ctx: RequestContext): Set<string> {
    const out = new Set<string>();
    const record = ctx.record;
    if (!ctx.purpose || !record?.active) return out;
    for (const role of ctx.principal.roles) {
      for (const c of this.byRolePurpose.get(`${role}|${ctx.purpose}`) ?? []) if (covers(record.dataCategories, c)) out.add(c);
    }
    return out;
  }

  atInstitution(person: Person, ctx: RequestContext): boolean {
    return ctx.principal.institution != null && person.currentInstitution === ctx.principal.institution;
  }

  /** R22: a restricted person's data stay hidden unless the purpose or the category allows it. */
  notRestricted(person: Person, ctx: RequestContext, category: string): boolean {
    return !person.restrictionActive || !!ctx.record?.allowedUnderRestriction ||
      !!this.policy.categories.get(category)?.visibleUnderRestriction;
  }
}
