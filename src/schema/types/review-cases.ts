import { findKeysetPage } from '../../db/keyset.js';
import { ReviewCase, REVIEW_SOURCES, REVIEW_STATUSES, REVIEW_VERDICTS } from '../../oversight/cases/ReviewCase.js';
import { ReviewCaseEvent, REVIEW_EVENT_KINDS } from '../../oversight/cases/ReviewCaseEvent.js';
import { DUE, EARLIEST_DUE_FIRST, isOverdue, queueConditions } from '../../oversight/cases/queue.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { groupBy, loader } from '../loaders.js';
import { keysetConnection } from '../pagination.js';
import { addReviewCaseMutations } from './review-case-mutations.js';

const CASE = 'oversight.case';

/** A case's history, for a page of cases in one statement. */
const eventsOf = (ctx: GraphQLContext, c: ReviewCase) =>
  loader(ctx, 'reviewCaseEvents', async (ids) => {
    const rows = await ctx.em.find(ReviewCaseEvent, { reviewCase: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
    return groupBy(rows, (e) => e.reviewCase.id);
  }, [] as ReviewCaseEvent[]).load(c.id);

/** R10, issue 20: the review queue, worked by the auditor and the DPO through the decision point. */
export function addReviewCaseTypes(builder: Builder): void {
  const Status = builder.enumType('ReviewCaseStatus', { values: REVIEW_STATUSES });
  const Verdict = builder.enumType('ReviewVerdict', { values: REVIEW_VERDICTS });
  const Source = builder.enumType('ReviewCaseSource', { values: REVIEW_SOURCES });
  const EventKind = builder.enumType('ReviewCaseEventKind', { values: REVIEW_EVENT_KINDS });

  const EventRef = builder.objectRef<ReviewCaseEvent>('ReviewCaseEvent').implement({
    description: 'One step in a review case\'s history, oldest first; never changed.',
    partOf: 'ReviewCase',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      kind: t.expose('kind', { type: EventKind, nullable: false }),
      actorId: t.exposeString('actorId', { nullable: false, description: 'Who acted: a reviewer, the principal who broke the glass, or `oversight` (the job).' }),
      at: t.expose('at', { type: 'DateTime', nullable: false }),
      text: t.exposeString('text', { description: 'A comment, the closing note, who was assigned, or the signal of a finding that joined.' }),
      findingId: t.exposeID('findingId'),
      breakGlassId: t.exposeID('breakGlassId'),
    }),
  });

  const FindingRef = builder.objectRef<ReviewCaseEvent>('ReviewCaseFinding').implement({
    description: 'A finding of the oversight job that joined the case (see oversightFindings).',
    partOf: 'ReviewCase',
    fields: (t) => ({
      id: t.id({ nullable: false, resolve: (e) => e.findingId ?? '' }),
      signal: t.string({ nullable: false, resolve: (e) => e.text ?? '' }),
      joinedAt: t.expose('at', { type: 'DateTime', nullable: false }),
    }),
  });

  const CaseRef = builder.objectRef<ReviewCase>('ReviewCase').implement({
    description: 'R10: a review of one principal\'s conduct, opened by findings or a break-glass use; closed with a verdict by someone else (four eyes).',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      principalId: t.exposeString('principalId', { category: CASE, description: 'Whose conduct is reviewed.' }),
      principalCategory: t.exposeString('principalCategory', { category: CASE }),
      status: t.expose('status', { type: Status, category: CASE }),
      source: t.expose('source', { type: Source, category: CASE, description: 'What opened it.' }),
      openedAt: t.expose('openedAt', { type: 'DateTime', category: CASE }),
      dueAt: t.expose('dueAt', { type: 'DateTime', category: CASE, description: 'Opened plus the review term (policies/oversight.yaml, review.termDays).' }),
      overdue: t.boolean({ category: CASE, description: 'Open and past its due date.', resolve: (c, _a, ctx) => isOverdue(c, ctx.now) }),
      assigneeId: t.exposeString('assigneeId', { category: CASE }),
      verdict: t.expose('verdict', { type: Verdict, category: CASE }),
      note: t.exposeString('note', { category: CASE, description: 'Why the verdict.' }),
      closedAt: t.expose('closedAt', { type: 'DateTime', category: CASE }),
      closedBy: t.exposeString('closedBy', { category: CASE }),
      findings: t.field({
        type: [FindingRef], category: CASE, description: 'The findings that joined it, by id and signal.',
        resolve: async (c, _a, ctx) => (await eventsOf(ctx, c)).filter((e) => e.kind === 'FINDING_JOINED'),
      }),
      breakGlassIds: t.idList({
        category: CASE, description: 'The break-glass uses that joined it.',
        resolve: async (c, _a, ctx) => (await eventsOf(ctx, c)).flatMap((e) => (e.breakGlassId ? [e.breakGlassId] : [])),
      }),
      events: t.field({ type: [EventRef], category: CASE, description: 'Its history, oldest first.', resolve: (c, _a, ctx) => eventsOf(ctx, c) }),
    }),
  });

  const Filter = builder.inputType('ReviewCaseFilter', {
    fields: (t) => ({
      status: t.field({ type: Status }),
      principalId: t.id({ description: 'Whose conduct.' }),
      assigneeId: t.id(),
      overdue: t.boolean({ description: 'True: open cases past their due date; false: all others.' }),
      signal: t.string({ description: 'Cases a finding of this signal joined (VOLUME_SPIKE, OFF_HOURS ...).' }),
    }),
  });

  builder.queryField('reviewCases', (t) =>
    t.connection({
      type: CaseRef,
      args: { filter: t.arg({ type: Filter }) },
      authorize: { action: 'read', subject: 'ReviewCase', category: CASE },
      description: 'R10, issue 20: the review queue, the earliest due first; `filter: { overdue: true }` lists the overdue cases.',
      resolve: (_r, args, ctx) => {
        const where = queueConditions({ ...args.filter, principalId: idText(args.filter?.principalId), assigneeId: idText(args.filter?.assigneeId) }, ctx.now);
        return keysetConnection(args, (c: ReviewCase) => DUE.encode(c.dueAt, c.id), (page) => findKeysetPage(ctx.em, ReviewCase, where, page, EARLIEST_DUE_FIRST));
      },
    }));

  addReviewCaseMutations(builder, { CaseRef, Verdict });
}

const idText = (id: string | number | null | undefined) => (id == null ? null : String(id));
