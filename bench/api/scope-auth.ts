import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Policy } from '../../src/authz/policy.js';
import { Person } from '../../src/domain/Person.js';
import { Placement } from '../../src/domain/Placement.js';
import type { RequestContext } from '../../src/http/apollo.js';
import { groupBy, loader } from '../../src/schema/loaders.js';
import { keysetConnection } from '../../src/schema/pagination.js';
import { PersonGrants } from './grants.js';

/**
 * Imported by a computed name on purpose: the package's type declarations augment PothosSchemaTypes
 * globally and make `scopeAuth` a required option of every SchemaBuilder in the program, which would
 * break src/schema/builder.ts. So the plugin's options are typed here, locally (FieldScopes below).
 */
const SCOPE_AUTH_PACKAGE: string = '@pothos/plugin-scope-auth';

/** Scope loaders of one request (the authScopes initializer); `category` is a parameterised scope. */
interface ScopeLoaders { category: (category: string) => boolean }
/** Field-level authScopes: a scope map, or false when the person itself is out of bounds. */
type FieldScopes = (person: Person, args: unknown, ctx: RequestContext) => { category: string } | false;

/** The columns the ten fields and the guards need (no medical notes, no identifiers). */
const COLUMNS = ['id', 'currentInstitution', 'restrictionActive', 'surname', 'givenNames', 'aliases', 'sex', 'birthDate',
  'birthPlace', 'nationality', 'address', 'riskAssessment'];

const placementsOf = (ctx: RequestContext, personId: string) =>
  loader(ctx, 'bench:placementsByPerson', async (ids) => {
    const rows = await ctx.em.find(Placement, { person: { $in: [...ids] } }, { orderBy: { admittedAt: 'desc' } });
    return groupBy(rows, (p) => p.person.id);
  }, [] as Placement[]).load(personId);

/**
 * Query.persons and Person with the ten personal fields, guarded the way a @pothos/plugin-scope-auth
 * user would: the categories are computed once per request in the authScopes initializer, each field
 * asks for its category's scope after checking the person's institution and restriction.
 */
export async function scopeAuthSchema(policy: Policy, categories: Record<string, string>): Promise<GraphQLSchema> {
  const { default: scopeAuthPlugin } = (await import(SCOPE_AUTH_PACKAGE)) as { default: string };
  const grants = new PersonGrants(policy);

  const scopeAuth = {
    authScopes: (ctx: RequestContext): ScopeLoaders => {
      const allowed = grants.categories(ctx);
      return { category: (category) => allowed.has(category) };
    },
    unauthorizedError: () => new GraphQLError('Not authorized', { extensions: { code: 'FORBIDDEN' } }),
  };
  const builder = new SchemaBuilder<{ Context: RequestContext }>({
    plugins: [RelayPlugin, scopeAuthPlugin as never],
    relay: { clientMutationId: 'omit', cursorType: 'String' },
    ...({ scopeAuth } as object),
  });

  /** `{ authScopes }` for a field of `category`, typed as an empty options object (see SCOPE_AUTH_PACKAGE). */
  const guard = (category: string): object => {
    const authScopes: FieldScopes = (person, _args, ctx) =>
      grants.atInstitution(person, ctx) && grants.notRestricted(person, ctx, category) ? { category } : false;
    return { authScopes };
  };
  const guarded = (field: string) => guard(categories[field]);

  const PlacementRef = builder.objectRef<Placement>('Placement').implement({
    fields: (t) => ({ institution: t.exposeString('institution') }),
  });

  const PersonRef = builder.objectRef<Person>('Person').implement({
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      surname: t.exposeString('surname', guarded('surname')),
      givenNames: t.exposeString('givenNames', guarded('givenNames')),
      aliases: t.exposeStringList('aliases', guarded('aliases')),
      sex: t.string({ ...guarded('sex'), resolve: (p) => p.sex ?? null }),
      birthDate: t.string({ ...guarded('birthDate'), resolve: (p) => p.birthDate ?? null }),
      birthPlace: t.string({ ...guarded('birthPlace'), resolve: (p) => p.birthPlace ?? null }),
      nationality: t.string({ ...guarded('nationality'), resolve: (p) => p.nationality ?? null }),
      address: t.string({ ...guarded('address'), resolve: (p) => p.address ?? null }),
      riskAssessment: t.string({ ...guarded('riskAssessment'), resolve: (p) => p.riskAssessment ?? null }),
      placement: t.field({
        ...guarded('placement'),
        type: PlacementRef,
        resolve: async (p, _a, ctx) => (await placementsOf(ctx, p.id)).find((pl) => !pl.releasedAt) ?? null,
      }),
    }),
  });

  builder.queryType({
    fields: (t) => ({
      persons: t.connection({
        type: PersonRef,
        resolve: (_root, args, ctx) => keysetConnection(args, (p: Person) => p.id, ({ before, after, limit, inverted }) => {
          if (ctx.principal.institution == null) return Promise.resolve([]);
          const page: Record<string, unknown>[] = [{ currentInstitution: ctx.principal.institution }];
          if (after) page.push({ id: { $gt: after } });
          if (before) page.push({ id: { $lt: before } });
          return ctx.em.find(Person, { $and: page }, {
            orderBy: { id: inverted ? 'desc' : 'asc' }, limit, fields: COLUMNS as never,
          });
        }),
      }),
    }),
  });
  return builder.toSchema();
}
