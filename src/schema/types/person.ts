import { Person } from '../../domain/Person.js';
import { Placement } from '../../domain/Placement.js';
import { Dossier } from '../../domain/Dossier.js';
import { rowFilter, NOTHING } from '../../authz/sql.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { groupBy, loader } from '../loaders.js';
import { keysetConnection } from '../pagination.js';
import { byId, findKeysetPage } from '../../db/keyset.js';
import { onlyColumns } from '../../db/columns.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { badUserInput } from '../errors.js';
import { personColumns } from './person-columns.js';
import { refsFor } from '../refs.js';
import { disclosuresOf } from './access-log.js';

const placementsOf = (ctx: GraphQLContext, personId: string) =>
  loader(ctx, 'placementsByPerson', async (ids) => {
    const rows = await ctx.em.find(Placement, { person: { $in: [...ids] } }, { orderBy: { admittedAt: 'desc' } });
    return groupBy(rows, (p) => p.person.id);
  }, [] as Placement[]).load(personId);

const dossiersOf = (ctx: GraphQLContext, personId: string) =>
  loader(ctx, 'dossiersByPerson', async (ids) => {
    const rows = await ctx.em.find(Dossier, { person: { $in: [...ids] } }, { orderBy: { createdAt: 'asc' } });
    return groupBy(rows, (d) => d.person.id);
  }, [] as Dossier[]).load(personId);

export function addPersonTypes(builder: Builder): void {
  const { DossierRef, PersonRef, PlacementRef, RestrictionRef, AccessLogEntryRef } = refsFor(builder);
  builder.objectType(PlacementRef, {
    description: 'One stay in an institution; reachable only through a field of category detention.placement.',
    partOf: 'Person',
    fields: (t) => ({
      institution: t.exposeString('institution'),
      admittedAt: t.expose('admittedAt', { type: 'DateTime' }),
      releasedAt: t.expose('releasedAt', { type: 'DateTime', nullable: true }),
      detentionTitle: t.exposeString('detentionTitle', { nullable: true }),
    }),
  });

  builder.objectType(RestrictionRef, {
    description: 'R22: the restriction-of-processing marking, visible to everyone who may see the person.',
    partOf: 'Person',
    fields: (t) => ({
      active: t.boolean({ nullable: false, resolve: (p) => p.restrictionActive }),
      reason: t.string({ resolve: (p) => p.restrictionReason ?? null }),
      since: t.field({ type: 'DateTime', resolve: (p) => p.restrictedSince ?? null }),
    }),
  });

  builder.objectType(PersonRef, {
    description: 'A data subject. Each personal-data field is decided on its own and names its data category.',
    personOf: (p) => p,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      surname: t.exposeString('surname', { category: 'identity.name' }),
      givenNames: t.exposeString('givenNames', { category: 'identity.name' }),
      aliases: t.exposeStringList('aliases', { category: 'identity.name' }),
      sex: t.exposeString('sex', { category: 'identity.sex' }),
      birthDate: t.expose('birthDate', { type: 'Date', category: 'identity.birth' }),
      birthPlace: t.exposeString('birthPlace', { category: 'identity.birth' }),
      nationality: t.exposeString('nationality', { category: 'identity.nationality' }),
      nationalRegisterNumber: t.exposeString('nationalRegisterNumber', { category: 'identifier.national' }),
      fingerprintReference: t.exposeString('fingerprintReference', { category: 'biometric.fingerprint_reference' }),
      address: t.exposeString('address', { category: 'contact' }),
      placement: t.field({
        type: PlacementRef,
        category: 'detention.placement',
        description: 'The current placement, if any.',
        resolve: async (p, _a, ctx) => (await placementsOf(ctx, p.id)).find((pl) => !pl.releasedAt) ?? null,
      }),
      placements: t.field({
        type: [PlacementRef],
        category: 'detention.placement',
        description: 'Placement history, newest first.',
        resolve: (p, _a, ctx) => placementsOf(ctx, p.id),
      }),
      medicalNotes: t.exposeString('medicalNotes', { category: 'health' }),
      riskAssessment: t.exposeString('riskAssessment', { category: 'criminal.risk_assessment' }),
      restriction: t.field({ type: RestrictionRef, category: 'processing.restriction', resolve: (p) => p }),
      dossiers: t.field({
        type: [DossierRef],
        category: 'detention.dossier',
        resolve: (p, _a, ctx) => dossiersOf(ctx, p.id),
      }),
      disclosures: t.field({
        type: [AccessLogEntryRef],
        category: 'audit.access_log',
        description: 'R21: who received this person\'s data, when and for which purpose (from the access log).',
        resolve: (p, _a, ctx) => disclosuresOf(ctx, p.id),
      }),
    }),
  });

  const PersonFilter = builder.inputType('PersonFilter', {
    fields: (t) => ({
      institution: t.string({ description: 'Only persons currently placed at this institution.' }),
    }),
  });

  builder.queryFields((t) => ({
    person: t.field({
      type: PersonRef,
      args: { id: t.arg.id({ required: true }) },
      guardRows: { subject: 'Person' },
      description: 'A person; null when unknown or not visible to the caller (existence does not leak).',
      resolve: (_root, { id }, ctx) => ctx.em.findOne(Person, { id: String(id) }, onlyColumns<Person>(personColumns(ctx.authz.access))),
    }),
    persons: t.connection({
      type: PersonRef,
      args: { filter: t.arg({ type: PersonFilter }) },
      guardRows: { subject: 'Person', filterCategories: { 'filter.institution': 'detention.placement' } },
      description: 'Persons the caller may see for the declared purpose; rows are filtered in SQL (R13).',
      resolve: (_root, args, ctx) => {
        const rows = rowFilter<Person>(ctx.authz.access, 'read', 'Person') ?? NOTHING;
        const institution = args.filter?.institution;
        if (institution != null && (institution.length === 0 || institution.length > 100)) {
          throw badUserInput('filter.institution', 'must be 1 to 100 characters');
        }
        // The filter reads each row's placement: only rows whose placement may be read can match it (R13).
        const where: FilterQuery<Person>[] = institution
          ? [rows, rowFilter<Person>(ctx.authz.access, 'read', 'Person', 'detention.placement') ?? NOTHING, { currentInstitution: institution }]
          : [rows];
        return keysetConnection(args, (p: Person) => p.id, (page) =>
          findKeysetPage(ctx.em, Person, where, page, byId<Person>(), onlyColumns<Person>(personColumns(ctx.authz.access))));
      },
    }),
  }));
}
