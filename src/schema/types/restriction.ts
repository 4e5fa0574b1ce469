import { Person } from '../../domain/Person.js';
import { RestrictionChange } from '../../domain/RestrictionChange.js';
import { changeRestriction } from '../../rights/restriction.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { refsFor } from '../refs.js';
import { checkText } from '../validate.js';
import type { AuthorizeOption } from '../../authz/global-types.js';
import { withPerson } from '../../db/columns.js';

const MARKING = 'processing.restriction';
const HISTORY_PERSON = withPerson<RestrictionChange>('restrictionReason', 'restrictedSince');

const findPerson = (ctx: GraphQLContext, id: string) => ctx.em.findOne(Person, { id });

/** R22: the DPO places and lifts the restriction marking; every reader of the person sees it. */
export function addRestrictionTypes(builder: Builder): void {
  const { RestrictionRef } = refsFor(builder);
  const Action = builder.enumType('RestrictionAction', { values: ['RESTRICT', 'LIFT'] as const });
  const ChangeRef = builder.objectRef<RestrictionChange>('RestrictionChange').implement({
    description: 'R22: one placing or lifting of the restriction marking, with why, by whom and when.',
    personOf: (c) => c.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      personId: t.id({ category: MARKING, resolve: (c) => c.person.id }),
      action: t.field({ type: Action, category: MARKING, resolve: (c) => c.action }),
      reason: t.exposeString('reason', { category: MARKING }),
      decidedBy: t.exposeString('decidedBy', { category: MARKING }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', category: MARKING }),
      rightsRequestId: t.exposeID('rightsRequestId', { category: MARKING }),
      restriction: t.field({ type: RestrictionRef, category: MARKING, description: 'The marking as it stands on the person now.', resolve: (c) => c.person }),
    }),
  });

  const change = (action: 'RESTRICT' | 'LIFT') =>
    async (_r: unknown, { personId, reason }: { personId: string | number; reason: string }, ctx: GraphQLContext) =>
      ctx.em.transactional(async (em) => {
        const person = await em.findOne(Person, { id: String(personId) });
        if (!person) throw badUserInput('personId', 'no person with this id');
        checkText('reason', reason, 500);
        if (action === 'RESTRICT' && person.restrictionActive) throw badUserInput('personId', 'is already restricted');
        if (action === 'LIFT' && !person.restrictionActive) throw badUserInput('personId', 'is not restricted');
        return changeRestriction(em, person, { action, reason, by: ctx.principal.id, at: ctx.now });
      });

  // Decided as an update of the marking on the person, so the log names the person concerned (R10).
  const authorize: AuthorizeOption<{ personId: string | number }, GraphQLContext> = {
    action: 'update', subject: 'Person', category: MARKING, logAs: 'alter', subjectArg: 'personId',
    target: ({ personId }, ctx) => findPerson(ctx, String(personId)),
  };
  builder.mutationFields((t) => ({
    restrictProcessing: t.field({
      type: ChangeRef,
      args: {
        personId: t.arg.id({ required: true }),
        reason: t.arg.string({ required: true, description: 'Why (school regulation §8.5.1); shown with the marking to every reader, so no sensitive detail.' }),
      },
      authorize,
      description: 'R22: marks the person\'s processing as restricted; from the next field on only purposes allowed under restriction process the data.',
      resolve: change('RESTRICT'),
    }),
    liftRestriction: t.field({
      type: ChangeRef,
      args: {
        personId: t.arg.id({ required: true }),
        reason: t.arg.string({ required: true, description: 'Why the restriction ends; the data subject is told beforehand (school regulation §8.5.4).' }),
      },
      authorize,
      description: 'R22: lifts the marking; the change stays in the restriction history.',
      resolve: change('LIFT'),
    }),
  }));

  builder.queryField('restrictionHistory', (t) =>
    t.field({
      type: [ChangeRef],
      args: { personId: t.arg.id({ required: true }) },
      authorize: {
        action: 'read', subject: 'RestrictionChange', category: MARKING, subjectArg: 'personId',
        target: async ({ personId }, ctx) => {
          const person = await findPerson(ctx, String(personId));
          return person ? { person } : null;
        },
      },
      description: 'R22: every placing and lifting of the marking on a person, oldest first.',
      resolve: (_r, { personId }, ctx) =>
        ctx.em.find(RestrictionChange, { person: String(personId) }, { ...HISTORY_PERSON, orderBy: { decidedAt: 'asc', id: 'asc' } }),
    }));
}
