import { RIGHTS_KINDS, RIGHTS_STATUSES, type ExtensionNotice, type RightsRequest } from '../../domain/RightsRequest.js';
import { RightsNotification } from '../../domain/RightsNotification.js';
import { extensionLeft, isClosed, termWeeks } from '../../domain/rights-deadlines.js';
import { VERIFICATION_METHODS } from '../../rights/identity-verification.js';
import { liveReport, type AccessReport, type LiveReport, type ReportSection, type WithheldCategory } from '../../rights/access-report.js';
import type { Consultation } from '../../rights/consultations.js';
import type { Builder } from '../builder.js';
import { withPerson } from '../../db/columns.js';

const RIGHTS = 'rights.request';

export const REFUSAL_REASONS = {
  LEGAL_OBLIGATION_TO_KEEP: 'R21: a legal obligation requires keeping the data (the legal basis is given).',
  POLICE_OR_JUDICIAL_DATA: 'R21: access to police or judicial data is limited by law.',
  IDENTITY_NOT_ESTABLISHED: 'R24: the requester\'s identity could not be established.',
  LEGAL_BASIS_EXCLUDES_RIGHT: 'R21: the right does not apply to this legal basis (portability without consent or contract; objection to a legal obligation).',
  MANIFESTLY_UNFOUNDED_OR_EXCESSIVE: 'The request is manifestly unfounded or excessive.',
  SAFETY_OF_DATA_SUBJECT: 'Answering would seriously endanger the safety or well-being of the data subject (school regulation §8.9.4).',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

/** The object types of data-subject rights requests (R21, R23, R24); every field but ids is personal data. */
export function addRightsObjects(builder: Builder) {
  const Kind = builder.enumType('RightsKind', { values: RIGHTS_KINDS });
  const Status = builder.enumType('RightsStatus', { values: RIGHTS_STATUSES });
  const Method = builder.enumType('IdentityVerificationMethod', {
    description: 'R24: how the requester\'s identity was established; never by keeping a copy of an identity document.',
    values: VERIFICATION_METHODS,
  });
  const Refusal = builder.enumType('RightsRefusalReason', {
    values: Object.fromEntries(Object.entries(REFUSAL_REASONS).map(([k, description]) => [k, { description }])) as Record<RefusalReason, { description: string }>,
  });
  const NotificationStatus = builder.enumType('RightsNotificationStatus', { values: ['PENDING', 'SENT'] as const });
  const Channel = builder.enumType('RightsNotificationChannel', { values: ['CLIENT_SYSTEM', 'LETTER'] as const });

  const Verification = builder.objectRef<RightsRequest>('IdentityVerification').implement({
    description: 'R24: the identity check of the requester: method, where it is recorded, who checked and when.',
    fields: (t) => ({
      method: t.field({ type: Method, nullable: false, resolve: (r) => r.verificationMethod as (typeof VERIFICATION_METHODS)[number] }),
      reference: t.exposeString('verificationReference', { nullable: false }),
      verifiedBy: t.exposeString('verifiedBy', { nullable: false }),
      verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: false }),
    }),
  });

  const Extension = builder.objectRef<ExtensionNotice>('RightsExtensionNotice').implement({
    description: 'R23: an extension of the term, with the notice sent to the requester.',
    fields: (t) => ({
      weeks: t.exposeInt('weeks', { nullable: false }),
      totalWeeks: t.exposeInt('totalWeeks', { nullable: false, description: 'Weeks from receipt after this extension (at most 12).' }),
      previousDueAt: t.field({ type: 'DateTime', nullable: false, resolve: (e) => new Date(e.previousDueAt) }),
      dueAt: t.field({ type: 'DateTime', nullable: false, resolve: (e) => new Date(e.dueAt) }),
      reasonToRequester: t.exposeString('reasonToRequester', { nullable: false }),
      noticeAt: t.field({ type: 'DateTime', nullable: false, resolve: (e) => new Date(e.noticeAt) }),
      noticeBy: t.exposeString('noticeBy', { nullable: false }),
    }),
  });

  const Section = builder.objectRef<ReportSection>('AccessReportSection').implement({
    description: 'One category of the person\'s data as it stands now; its values are decided for the reader like any field.',
    decidedAs: { subject: 'Person', object: (s) => s.person },
    fields: (t) => ({
      category: t.exposeString('category', { nullable: false }),
      description: t.exposeString('description'),
      values: t.field({ type: 'JSON', categoryFrom: 'category', resolve: (s) => s.values }),
    }),
  });
  const Withheld = builder.objectRef<WithheldCategory>('AccessReportWithheld').implement({
    fields: (t) => ({
      category: t.exposeString('category', { nullable: false }),
      reason: t.exposeString('reason', { nullable: false }),
      code: t.exposeString('code', { nullable: false, description: 'WITHHELD_BY_DPO (R21), or the reason of the decision that denied the category.' }),
    }),
  });
  const Recipient = builder.objectRef<Consultation>('AccessReportRecipient').implement({
    description: 'Who processed the data, how, why, first and last time (CJEU C-579/21, C-154/21). Staff of the controller are named by unit only.',
    fields: (t) => ({
      recipientId: t.exposeString('recipientId'),
      recipientCategory: t.exposeString('recipientCategory', { nullable: false }),
      purpose: t.exposeString('purpose'),
      action: t.exposeString('action', { nullable: false }),
      firstAt: t.field({ type: 'DateTime', nullable: false, resolve: (c) => new Date(c.firstAt) }),
      lastAt: t.field({ type: 'DateTime', nullable: false, resolve: (c) => new Date(c.lastAt) }),
      times: t.exposeInt('times', { nullable: false }),
      categories: t.exposeStringList('categories', { nullable: false }),
    }),
  });
  const Report = builder.objectRef<LiveReport>('SubjectAccessReport').implement({
    description: [
      'R21: the person\'s data by category and every recipient and purpose of processing from the access log.',
      'The values are read anew at each read, so nothing erased since is served from a stored report.',
    ].join(' '),
    decidedAs: { subject: 'Person', object: (r) => r.person },
    fields: (t) => ({
      personId: t.exposeID('personId', { nullable: false }),
      kind: t.exposeString('kind', { nullable: false }),
      generatedAt: t.field({ type: 'DateTime', nullable: false, resolve: (r) => new Date(r.generatedAt) }),
      data: t.field({ type: [Section], nullable: false, resolve: (r) => r.data }),
      withheld: t.field({ type: [Withheld], nullable: false, resolve: (r) => r.withheld }),
      recipients: t.field({ type: [Recipient], category: 'audit.access_log', resolve: (r) => r.recipients }),
    }),
  });

  const Notification = builder.objectRef<RightsNotification>('RightsNotification').implement({
    description: 'R21: a recipient the data were disclosed to, to be told of a rectification, erasure or restriction.',
    personOf: (n) => n.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      requestId: t.id({ category: RIGHTS, resolve: (n) => n.request.id }),
      recipientId: t.exposeString('recipientId', { category: RIGHTS }),
      recipientCategory: t.exposeString('recipientCategory', { category: RIGHTS }),
      channel: t.field({ type: Channel, category: RIGHTS, resolve: (n) => n.channel }),
      categoriesDisclosed: t.exposeStringList('categoriesDisclosed', { category: RIGHTS }),
      firstDisclosedAt: t.expose('firstDisclosedAt', { type: 'DateTime', category: RIGHTS }),
      lastDisclosedAt: t.expose('lastDisclosedAt', { type: 'DateTime', category: RIGHTS }),
      status: t.field({ type: NotificationStatus, category: RIGHTS, resolve: (n) => n.status }),
      createdAt: t.expose('createdAt', { type: 'DateTime', category: RIGHTS }),
      sentAt: t.expose('sentAt', { type: 'DateTime', category: RIGHTS }),
      sentBy: t.exposeString('sentBy', { category: RIGHTS }),
    }),
  });

  const Request = builder.objectRef<RightsRequest>('RightsRequest').implement({
    description: 'R21: a data-subject rights request, answered within 4 weeks, at most 12 with notice (R23), by an identified requester (R24).',
    personOf: (r) => r.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      personId: t.id({ category: RIGHTS, resolve: (r) => r.person.id }),
      kind: t.field({ type: Kind, category: RIGHTS, resolve: (r) => r.kind }),
      status: t.field({ type: Status, category: RIGHTS, resolve: (r) => r.status }),
      receivedAt: t.expose('receivedAt', { type: 'DateTime', category: RIGHTS }),
      dueAt: t.expose('dueAt', { type: 'DateTime', category: RIGHTS, description: 'R23: receipt + 4 weeks, plus any extension (12 weeks at most).' }),
      termWeeks: t.int({ category: RIGHTS, resolve: (r) => termWeeks(r) }),
      extensionWeeksLeft: t.int({ category: RIGHTS, resolve: (r) => (isClosed(r) ? 0 : extensionLeft(r)) }),
      overdue: t.boolean({ category: RIGHTS, description: 'Open past its due date, or answered after it.',
        resolve: (r, _a, ctx) => (r.resolvedAt ?? ctx.now) > r.dueAt }),
      details: t.exposeString('details', { category: RIGHTS }),
      verification: t.field({ type: Verification, category: RIGHTS, resolve: (r) => r }),
      extensions: t.field({ type: [Extension], category: RIGHTS, resolve: (r) => r.extensions }),
      openedBy: t.exposeString('openedBy', { category: RIGHTS }),
      openedAt: t.expose('openedAt', { type: 'DateTime', category: RIGHTS }),
      resolvedAt: t.expose('resolvedAt', { type: 'DateTime', category: RIGHTS }),
      resolvedBy: t.exposeString('resolvedBy', { category: RIGHTS }),
      answer: t.exposeString('answer', { category: RIGHTS, description: 'The answer to the requester.' }),
      refusalReason: t.field({ type: Refusal, category: RIGHTS, resolve: (r) => (r.refusalReason as RefusalReason | null) ?? null }),
      refusalLegalBasis: t.exposeString('refusalLegalBasis', { category: RIGHTS }),
      rectification: t.field({ type: 'JSON', category: RIGHTS, description: 'RECTIFICATION: the corrected values.', resolve: (r) => r.rectification ?? null }),
      withheldCategories: t.exposeStringList('withheldCategories', { category: RIGHTS }),
      report: t.field({ type: Report, category: RIGHTS, resolve: (r, _a, ctx) => (r.report ? liveReport(ctx.em, r.report as unknown as AccessReport) : null) }),
      notifications: t.field({
        type: [Notification],
        category: RIGHTS,
        description: 'R21: the recipients to tell of a rectification, erasure or restriction.',
        resolve: (r, _a, ctx) =>
          ctx.em.find(RightsNotification, { request: r.id }, { ...withPerson<RightsNotification>(), orderBy: { recipientId: 'asc' } }),
      }),
    }),
  });

  return { Request, Notification, Kind, Status, Refusal };
}
