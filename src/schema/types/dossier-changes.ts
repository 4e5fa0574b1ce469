import { recordEffect } from '../../audit/effects.js';
import { Dossier } from '../../domain/Dossier.js';
import { DossierChange } from '../../domain/DossierChange.js';
import { Person } from '../../domain/Person.js';
import { mergeDossiers, splitDossier, undoDossierChange, type SplitTargets } from '../../identification/dossiers.js';
import { actorOf } from '../../identification/actor.js';
import type { AuthorizeOption } from '../../authz/global-types.js';
import { authorizedTarget } from '../../authz/plugin.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { isUuid } from '../validate.js';
import { onlyColumns, withPerson } from '../../db/columns.js';

/** Merge, split and undo are "combination" (R4, R10): decided as an update of the dossier under identification. */
const COMBINE = {
  action: 'update', subject: 'Dossier', categories: ['detention.dossier', 'biometric.fingerprint_reference'], logAs: 'combine',
} as const satisfies AuthorizeOption;

/** The person a split makes a new dossier for, as decisions need it (R22: their restriction counts too). */
async function personById(ctx: GraphQLContext, id: string): Promise<Person> {
  const person = await ctx.em.findOne(Person, { id }, onlyColumns<Person>(['id', 'currentInstitution', 'restrictionActive', 'fingerprintReference']));
  if (!person) throw badUserInput('input.personId', 'no person with this id');
  return person;
}

/** The dossiers a change touches, each decided with its own person before anything moves (R4, R22). */
async function changeOf(ctx: GraphQLContext, id: string): Promise<DossierChange> {
  const change = isUuid(id) ? await ctx.em.findOne(DossierChange, { id }) : null;
  if (!change) throw badUserInput('changeId', 'no dossier change with this id');
  return change;
}

async function dossierById(ctx: GraphQLContext, field: string, id: string): Promise<Dossier> {
  const d = await ctx.em.findOne(Dossier, { id }, withPerson<Dossier>('fingerprintReference'));
  if (!d) throw badUserInput(field, 'no dossier with this id');
  return d;
}

export function addDossierChangeTypes(builder: Builder): void {
  const Kind = builder.enumType('DossierChangeKind', { values: ['MERGE', 'SPLIT', 'UNDO'] as const });
  const ChangeRef = builder.objectRef<DossierChange>('DossierChange').implement({
    description: 'R4: a merge, split or undo of dossiers, with the deciding officer; kept so it can be undone.',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      kind: t.field({ type: Kind, nullable: false, resolve: (c) => c.kind }),
      dossierIds: t.exposeStringList('dossierIds', { nullable: false }),
      reason: t.exposeString('reason', { nullable: false }),
      decidedBy: t.exposeString('decidedBy', { nullable: false }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: false }),
      undoes: t.exposeID('undoes'),
      undoneBy: t.exposeID('undoneBy'),
    }),
  });

  const MergeInput = builder.inputType('MergeDossiersInput', {
    fields: (t) => ({
      sourceDossierId: t.id({ required: true, description: 'Its entries move into the target; it is marked merged.' }),
      targetDossierId: t.id({ required: true }),
      reason: t.string({ required: true }),
    }),
  });
  const SplitInput = builder.inputType('SplitDossierInput', {
    fields: (t) => ({
      dossierId: t.id({ required: true }),
      entryIds: t.idList({ required: true }),
      intoDossierId: t.id({ description: 'A dossier merged into this one, to take its entries back.' }),
      personId: t.id({ description: 'Otherwise a new dossier for this person (default: the same person).' }),
      reason: t.string({ required: true }),
    }),
  });

  builder.mutationFields((t) => ({
    mergeDossiers: t.field({
      type: ChangeRef,
      args: { input: t.arg({ type: MergeInput, required: true }) },
      authorize: {
        ...COMBINE,
        target: async ({ input }, ctx) => [
          await dossierById(ctx, 'input.targetDossierId', String(input.targetDossierId)),
          await dossierById(ctx, 'input.sourceDossierId', String(input.sourceDossierId)),
        ],
      },
      description: 'R4: merges two dossiers whose identities share one fingerprint reference; undoable.',
      resolve: (_r, args, ctx) =>
        ctx.em.transactional((em) => mergeDossiers(em, authorizedTarget<[Dossier, Dossier]>(args), args.input.reason, actorOf(ctx))),
    }),
    splitDossier: t.field({
      type: ChangeRef,
      args: { input: t.arg({ type: SplitInput, required: true }) },
      authorize: {
        ...COMBINE,
        target: async ({ input }, ctx): Promise<SplitTargets> => {
          const from = await dossierById(ctx, 'input.dossierId', String(input.dossierId));
          if (input.intoDossierId) return [from, await dossierById(ctx, 'input.intoDossierId', String(input.intoDossierId))];
          // A new dossier for another person: the dossier it would make, with that person.
          if (input.personId) return [from, { person: await personById(ctx, String(input.personId)) }];
          return [from];
        },
      },
      description: 'R4: moves entries out of a dossier: back into one merged into it, or into a new dossier; undoable.',
      resolve: async (_r, args, ctx) => {
        const { result, effects } = await ctx.em.transactional((em) => splitDossier(em, authorizedTarget<SplitTargets>(args), args.input, actorOf(ctx)));
        // Logged once stored: the log shows only acts that happened (R10).
        for (const e of effects) recordEffect(ctx.authz.collector, e);
        return result;
      },
    }),
    undoDossierChange: t.field({
      type: ChangeRef,
      args: { changeId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
      authorize: {
        ...COMBINE,
        target: async ({ changeId }, ctx) => {
          const change = await changeOf(ctx, String(changeId));
          const touched: Dossier[] = [];
          for (const id of change.dossierIds) touched.push(await dossierById(ctx, 'changeId', id));
          return touched;
        },
      },
      description: 'R4: reverses a merge or split from its snapshot, so no entry is lost; itself undoable.',
      resolve: (_r, { changeId, reason }, ctx) =>
        ctx.em.transactional((em) => undoDossierChange(em, String(changeId), reason, actorOf(ctx))),
    }),
  }));
}
