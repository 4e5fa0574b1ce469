import { Dossier } from '../../domain/Dossier.js';
import { DossierEntry } from '../../domain/DossierEntry.js';
import { Person } from '../../domain/Person.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { loader } from '../loaders.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';
import { personColumns } from './person-columns.js';

/** What decisions need of a dossier's person: loaded with the dossier, never its personal data. */
export const DOSSIER_PERSON = ['person.id', 'person.currentInstitution', 'person.restrictionActive'] as const;

/**
 * A dossier a lineage field points to (mergedInto, splitFrom), loaded with what decisions need of
 * its person: a bare reference would skip the restriction and leave the log without a person (R22).
 */
const linkedDossier = (ctx: GraphQLContext, ref: Dossier | null | undefined): Promise<Dossier | null> | null =>
  ref ? loader(ctx, 'linkedDossiers', async (ids) => {
    const rows = await ctx.em.find(Dossier, { id: { $in: [...ids] } }, { populate: ['person'], fields: ['*', ...DOSSIER_PERSON] as never, refresh: true });
    return new Map(rows.map((d) => [d.id, d as Dossier]));
  }, null as Dossier | null).load(ref.id) : null;

/** The dossier's person with the columns the caller may read, whatever the dossier was loaded with. */
const dossierPerson = (ctx: GraphQLContext, d: Dossier): Promise<Person> =>
  loader(ctx, 'dossierPersons', async (ids) => {
    const rows = await ctx.em.find(Person, { id: { $in: [...ids] } }, { fields: personColumns(ctx.authz.access) as never, refresh: true });
    return new Map(rows.map((p) => [p.id, p]));
  }, d.person).load(d.person.id);

export function addDossierTypes(builder: Builder): void {
  const { DossierEntryRef, DossierRef, PersonRef } = refsFor(builder);
  const DossierStatus = builder.enumType('DossierStatus', { values: ['ACTIVE', 'MERGED', 'CLOSED'] as const });

  builder.objectType(DossierEntryRef, {
    description: 'One entry of a dossier; reachable only through Dossier.entries (detention.dossier).',
    partOf: 'Dossier',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      kind: t.exposeString('kind'),
      summary: t.exposeString('summary'),
      recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
      originalDossierId: t.exposeID('originalDossierId', { description: 'The dossier the entry was first recorded in (R4 lineage).' }),
    }),
  });

  builder.objectType(DossierRef, {
    description: 'A detention dossier; R4 wants one per person.',
    personOf: (d) => d.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      status: t.field({ type: DossierStatus, category: 'detention.dossier', resolve: (d) => d.status }),
      person: t.field({ type: PersonRef, category: 'detention.dossier', resolve: (d, _a, ctx) => dossierPerson(ctx, d) }),
      mergedInto: t.field({ type: DossierRef, category: 'detention.dossier', resolve: (d, _a, ctx) => linkedDossier(ctx, d.mergedInto) }),
      splitFrom: t.field({ type: DossierRef, category: 'detention.dossier', resolve: (d, _a, ctx) => linkedDossier(ctx, d.splitFrom) }),
      entries: t.connection({
        type: DossierEntryRef,
        category: 'detention.dossier',
        resolve: (d, args, ctx) => {
          return keysetConnection(args, (e: DossierEntry) => e.id, ({ before, after, limit, inverted }) => {
              const where: Record<string, unknown>[] = [{ dossier: d.id }];
              if (after) where.push({ id: { $gt: after } });
              if (before) where.push({ id: { $lt: before } });
              return ctx.em.find(DossierEntry, { $and: where } as never, { orderBy: { id: inverted ? 'desc' : 'asc' }, limit }) as Promise<DossierEntry[]>;
            });
        },
      }),
    }),
  });

  builder.queryField('dossier', (t) =>
    t.field({
      type: DossierRef,
      args: { id: t.arg.id({ required: true }) },
      guardRows: { subject: 'Dossier' },
      description: 'A dossier; null when unknown or not visible to the caller.',
      resolve: (_root, { id }, ctx) => {
        const key = String(id);
        if (key.length === 0 || key.length > 100) throw badUserInput('id', 'must be 1 to 100 characters');
        return ctx.em.findOne(Dossier, { id: key }, { populate: ['person'], fields: ['*', ...DOSSIER_PERSON] as never });
      },
    }));
}
