import type { EnumRef, ObjectRef } from '@pothos/core';
import type { ReviewCase, ReviewVerdict } from '../../oversight/cases/ReviewCase.js';
import { findCase } from '../../oversight/cases/load-case.js';
import { assignCase, closeCase, commentCase, type Reviewer } from '../../oversight/cases/work-case.js';
import type { AppTypes, Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';

const reviewer = (ctx: GraphQLContext): Reviewer => ({ id: ctx.principal.id, now: ctx.now });

/** Every act on a case is decided and logged by the decision point (`authorize`): granted, refused (FOUR_EYES) alike. */
const ACT = {
  action: 'update', subject: 'ReviewCase', category: 'oversight.case', logAs: 'alter', subjectArg: 'caseId',
  target: ({ caseId }: { caseId: string | number }, ctx: GraphQLContext) => findCase(ctx.em, String(caseId)),
} as const;

/** R10, issue 20: working a case: assign, comment, close with a verdict; never one about oneself. */
export function addReviewCaseMutations(
  builder: Builder, refs: { CaseRef: ObjectRef<AppTypes, ReviewCase>; Verdict: EnumRef<AppTypes, ReviewVerdict, ReviewVerdict> },
): void {
  builder.mutationFields((t) => ({
    assignReviewCase: t.field({
      type: refs.CaseRef,
      args: { caseId: t.arg.id({ required: true }), assigneeId: t.arg.id({ required: true, description: 'An auditor or the DPO, not the principal reviewed.' }) },
      authorize: ACT,
      description: 'Hands an open case to a reviewer (auditor or DPO); not to the principal reviewed, and not by them (four eyes).',
      resolve: (_r, { caseId, assigneeId }, ctx) => ctx.em.transactional((em) => assignCase(em, String(caseId), String(assigneeId), reviewer(ctx))),
    }),
    commentReviewCase: t.field({
      type: refs.CaseRef,
      args: { caseId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
      authorize: ACT,
      description: 'Adds a reviewer\'s comment to an open case\'s history; not on a case about oneself.',
      resolve: (_r, { caseId, text }, ctx) => ctx.em.transactional((em) => commentCase(em, String(caseId), text, reviewer(ctx))),
    }),
    closeReviewCase: t.field({
      type: refs.CaseRef,
      args: {
        caseId: t.arg.id({ required: true }),
        verdict: t.arg({ type: refs.Verdict, description: 'Required: a case cannot close without one (BAD_USER_INPUT naming `verdict`).' }),
        note: t.arg.string({ description: 'Required: why this verdict.' }),
      },
      authorize: ACT,
      description: 'Closes an open case with a verdict and a note; final. Not a case about oneself (four eyes).',
      resolve: (_r, { caseId, verdict, note }, ctx) => ctx.em.transactional((em) => closeCase(em, String(caseId), verdict, note, reviewer(ctx))),
    }),
  }));
}
