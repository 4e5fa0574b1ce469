import { Person } from '../../domain/Person.js';
import { declareBreakGlass } from '../../emergency/declare.js';
import type { BreakGlassUse } from '../../emergency/BreakGlassUse.js';
import { BREAK_GLASS_ACTION } from '../../authz/break-glass.js';
import { Reason } from '../../authz/reasons.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { checkText } from '../validate.js';

const noSuchPerson = () => badUserInput('personId', 'no person with this id');

/** The reason code as the policy lists it for one of the principal's roles, or a BAD_USER_INPUT naming the field. */
function checkedReasonCode(ctx: GraphQLContext, reasonCode: string): string {
  const code = reasonCode.trim();
  if (code.length === 0) throw badUserInput('reasonCode', 'is required: say why this is an emergency');
  if (!ctx.authz.access.glass.reasonCodes.has(code)) {
    throw badUserInput('reasonCode', `must be one of ${[...ctx.authz.access.glass.reasonCodes].sort().join(', ')} (policies/break-glass.yaml)`);
  }
  return code;
}

/**
 * Issue 20, break the glass: a principal declares emergency access to one person under the request's
 * purpose (x-purpose). Decided like any act (the purpose's register entry must allow it and the
 * policy list the role); the start is the act's own log row, marked BREAK_GLASS; a review case opens.
 */
export function addBreakGlassTypes(builder: Builder): void {
  const UseRef = builder.objectRef<BreakGlassUse>('BreakGlass').implement({
    description: 'One emergency access: which person, which categories, until when, and the review case it opened. The justification stays in the log and the case.',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      personId: t.exposeID('personId', { nullable: false, description: 'The person named in the declaration.' }),
      purpose: t.exposeString('purpose', { nullable: false }),
      reasonCode: t.exposeString('reasonCode', { nullable: false }),
      categories: t.exposeStringList('categories', { nullable: false, description: 'The data categories it opens for that person.' }),
      startedAt: t.expose('startedAt', { type: 'DateTime', nullable: false }),
      endsAt: t.expose('endsAt', { type: 'DateTime', nullable: false, description: 'After this the access is denied again and its end is logged.' }),
      reviewCaseId: t.exposeID('reviewCaseId', { description: 'The review case this use opened or joined.' }),
    }),
  });

  builder.mutationField('breakGlass', (t) =>
    t.field({
      type: UseRef,
      args: {
        personId: t.arg.id({ required: true }),
        reasonCode: t.arg.string({ required: true, description: 'A reason code of policies/break-glass.yaml for your role.' }),
        justification: t.arg.string({ required: true, description: 'What the emergency is; kept for the review, not shown to other readers.' }),
      },
      authorize: {
        action: BREAK_GLASS_ACTION, subject: 'Person', logAs: 'alter', subjectArg: 'personId', grantedAs: Reason.BREAK_GLASS,
        target: ({ personId }, ctx) => ctx.em.findOne(Person, { id: String(personId) }),
        // An unknown id is logged as such (NOT_FOUND): probing for persons leaves rows.
        hiddenTargetAs: noSuchPerson,
      },
      description: 'Issue 20: time-boxed emergency access to one person under the request\'s purpose, where the register allows it; opens a review case at once.',
      resolve: (_r, { personId, reasonCode, justification }, ctx) => {
        const code = checkedReasonCode(ctx, reasonCode);
        if (justification.trim().length === 0) throw badUserInput('justification', 'is required: say what the emergency is');
        checkText('justification', justification, 2000);
        const { glass } = ctx.authz.access;
        return ctx.em.transactional((em) => declareBreakGlass(em, {
          principal: ctx.principal, purpose: ctx.purpose!, personId: String(personId), reasonCode: code, justification,
          categories: [...glass.categories], durationMinutes: ctx.policy.breakGlass.durationMinutes, at: ctx.now,
        }));
      },
    }));
}
