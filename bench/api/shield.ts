import { GraphQLError, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, and, rule, shield, type IRule } from 'graphql-shield';
import type { Policy } from '../../src/authz/policy.js';
import type { Person } from '../../src/domain/Person.js';
import type { RequestContext } from '../../src/http/apollo.js';
import { PersonGrants } from './grants.js';

/**
 * The bare schema guarded the way a graphql-shield user would write the same policy: per category a
 * rule on role × purpose × register, cached once per request ('contextual'), and rules on the person
 * itself (institution, restriction) cached per person within the request.
 */
export function shieldSchema(bare: GraphQLSchema, policy: Policy, categories: Record<string, string>): GraphQLSchema {
  const grants = new PersonGrants(policy);
  const perPerson = (person: Person) => person.id;

  const granted = memo((category: string) => rule(`granted:${category}`, { cache: 'contextual' })(
    (_p, _a, ctx: RequestContext) => grants.categories(ctx).has(category)));
  const atMyInstitution = rule('at-my-institution', { cache: perPerson })(
    (person: Person, _a, ctx: RequestContext) => grants.atInstitution(person, ctx));
  const notRestricted = memo((category: string) => rule(`not-restricted:${category}`, { cache: perPerson })(
    (person: Person, _a, ctx: RequestContext) => grants.notRestricted(person, ctx, category)));

  const personRules = Object.fromEntries(Object.entries(categories).map(([field, category]) =>
    [field, and(granted(category), atMyInstitution, notRestricted(category))]));

  const permissions = shield({ Query: { persons: allow }, Person: personRules }, {
    allowExternalErrors: true,
    fallbackRule: allow,
    // The app's error formatter passes FORBIDDEN through; anything else would become an internal error.
    fallbackError: () => new GraphQLError('Not Authorised!', { extensions: { code: 'FORBIDDEN' } }),
  });
  return applyMiddleware(bare, permissions);
}

/** Rules with the same name must be the same object for graphql-shield. */
function memo(make: (category: string) => IRule): (category: string) => IRule {
  const made = new Map<string, IRule>();
  return (category) => {
    let r = made.get(category);
    if (!r) made.set(category, (r = make(category)));
    return r;
  };
}
