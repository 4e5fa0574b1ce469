import { Dossier } from '../../domain/Dossier.js';
import { DossierEntry } from '../../domain/DossierEntry.js';
import { Person } from '../../domain/Person.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { onlyColumns, withPerson } from '../../db/columns.js';
import { byId, findKeysetPage } from '../../db/keyset.js';
import { loader } from '../loaders.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';
import { personColumns } from './person-columns.js';


/**
 * A dossier a lineage field points to (mergedInto, splitFrom), loaded with what decisions need of
 * its person: a bare reference would skip the restriction and leave the log without a person (R22).
 */
const linkedDossier = (ctx: GraphQLContext, ref: Dossier | null | undefined): Promise<Dossier | null> | null =>
  ref ? loader(ctx, 'linkedDossiers', async (ids) => {
    const rows = await ctx.em.find(Dossier, { id: { $in: [...ids] } }, { ...withPerson<Dossier>(), refresh: true });
    return new Map(rows.map((d) => [d.id, d]));
  }, null as Dossier | null).load(ref.id) : null;

/** The dossier's person with the columns the caller may read, whatever the dossier was loaded with. */
const dossierPerson = (ctx: GraphQLContext, d: Dossier): Promise<Person> =>
  loader(ctx, 'dossierPersons', async (ids) => {
    const rows = await ctx.em.find(Person, { id: { $in: [...ids] } }, { ...onlyColumns<Person>(personColumns(ctx.authz.access)), refresh: true });
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
        resolve: (d, args, ctx) =>
          keysetConnection(args, (e: DossierEntry) => e.id, (page) => findKeysetPage(ctx.em, DossierEntry, [{ dossier: d.id }], page, byId<DossierEntry>())),
      }),
    }),
  });

  builder.queryField('dossier', (t) =>
    t.field({
      type: DossierRef,
      args: { id: t.arg.id({ required: true }) },
      guardRows: { subject: 'Dossier' },
      description: 'A dossier; null when unknown or not visible to the caller.',
      resolve: (_root, { id }, ctx) => ctx.em.findOne(Dossier, { id: String(id) }, withPerson<Dossier>()),
    }));
}
