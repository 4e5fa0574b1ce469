import { packRules } from '@casl/ability/extra';
import { Designation, isDesignationActive } from '../../domain/Designation.js';
import { ConfidentialityPledge, isPledgeActive } from '../../domain/ConfidentialityPledge.js';
import { ClientSystem } from '../../domain/ClientSystem.js';
import { confirmDesignation, proposeDesignation, revokeDesignation, type Actor } from '../../staff/designations.js';
import { confirmPledge, recordPledge, revokePledge } from '../../staff/pledges.js';
import { checkReference } from '../../staff/lookup.js';
import { deniedReadRules } from '../../authz/denied-rules.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { refsFor } from '../refs.js';
import type { GraphQLContext } from '../context.js';

const actor = (ctx: GraphQLContext): Actor => ({ id: ctx.principal.id, now: ctx.now });

export function addStaffTypes(builder: Builder): void {
  const { ClientSystemRef, DesignationRef, PledgeRef, PrincipalRef } = refsFor(builder);
  builder.objectType(DesignationRef, {
    description: 'R6: an individual designation of a staff member for one processing activity.',
    partOf: 'StaffMember',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      staffMemberId: t.id({ nullable: false, resolve: (d) => d.staffMember.id }),
      processing: t.exposeString('processingCode', { nullable: false }),
      designatedBy: t.exposeString('designatedBy', { nullable: false, description: 'Who proposed it.' }),
      confirmedBy: t.exposeString('confirmedBy', { description: 'R6, four eyes: who confirmed it (the director-general); null while pending, and for designations of before the rule.' }),
      confirmedAt: t.expose('confirmedAt', { type: 'DateTime', description: 'When it was confirmed; null while pending.' }),
      pending: t.boolean({ nullable: false, description: 'Proposed, not yet confirmed: it gives nothing yet.', resolve: (d) => !d.confirmedAt && !d.revokedAt }),
      validFrom: t.expose('validFrom', { type: 'DateTime', nullable: false }),
      validUntil: t.expose('validUntil', { type: 'DateTime' }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime' }),
      revokedBy: t.exposeString('revokedBy'),
      active: t.boolean({ nullable: false, resolve: (d, _a, ctx) => isDesignationActive(d, ctx.now) }),
    }),
  });

  builder.objectType(PledgeRef, {
    description: 'R7: a written confidentiality pledge, by reference to the document in the personnel file.',
    partOf: 'StaffMember',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      staffMemberId: t.id({ nullable: false, resolve: (p) => p.staffMember.id }),
      signedAt: t.expose('signedAt', { type: 'DateTime', nullable: false }),
      documentReference: t.exposeString('documentReference', { nullable: false }),
      recordedBy: t.exposeString('recordedBy', { nullable: false }),
      confirmedBy: t.exposeString('confirmedBy', { description: 'R7, four eyes: who confirmed it; null while pending, and for pledges of before the rule.' }),
      confirmedAt: t.expose('confirmedAt', { type: 'DateTime', description: 'When it was confirmed; null while pending.' }),
      pending: t.boolean({ nullable: false, description: 'Recorded, not yet confirmed: it gives nothing yet.', resolve: (p) => !p.confirmedAt && !p.revokedAt }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime' }),
      active: t.boolean({ nullable: false, resolve: (p, _a, ctx) => isPledgeActive(p, ctx.now) }),
    }),
  });

  builder.objectType(ClientSystemRef, {
    description: 'An integrator system (R11: access revocable at once).',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      organisation: t.exposeString('organisation', { nullable: false }),
      recipientCategory: t.exposeString('recipientCategory', { nullable: false }),
      active: t.exposeBoolean('active', { nullable: false }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime' }),
      revokedReason: t.exposeString('revokedReason'),
    }),
  });

  const PrincipalKind = builder.enumType('PrincipalKind', { values: ['staff', 'client', 'system'] as const });

  builder.objectType(PrincipalRef, {
    description: 'The calling principal, as read from the database for this request.',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      kind: t.field({ type: PrincipalKind, nullable: false, resolve: (p) => p.kind }),
      roles: t.exposeStringList('roles', { nullable: false }),
      unit: t.exposeString('unit', { nullable: false }),
      institution: t.exposeString('institution'),
      designations: t.field({
        type: [DesignationRef],
        nullable: false,
        description: 'Own designations, active and past.',
        resolve: (p, _a, ctx) => (p.kind === 'staff' ? ctx.em.find(Designation, { staffMember: p.id }, { orderBy: { validFrom: 'asc' } }) : []),
      }),
      pledges: t.field({
        type: [PledgeRef],
        nullable: false,
        resolve: (p, _a, ctx) => (p.kind === 'staff' ? ctx.em.find(ConfidentialityPledge, { staffMember: p.id }, { orderBy: { signedAt: 'asc' } }) : []),
      }),
      policyRevision: t.string({ nullable: false, resolve: (_p, _a, ctx) => ctx.policy.revision }),
    }),
  });

  const MyRules = builder.objectRef<{ purpose: string; policyRevision: string; denialReason: string | null; rules: unknown }>('MyRules').implement({
    description: 'The caller\'s packed CASL rules for a purpose; fields of a rule are data categories.',
    fields: (t) => ({
      purpose: t.exposeString('purpose', { nullable: false }),
      policyRevision: t.exposeString('policyRevision', { nullable: false }),
      denialReason: t.exposeString('denialReason', { description: 'Why nothing is allowed under this purpose, if so.' }),
      rules: t.field({ type: 'JSON', nullable: false, resolve: (r) => r.rules as object }),
    }),
  });

  builder.queryFields((t) => ({
    me: t.field({ type: PrincipalRef, nullable: false, resolve: (_r, _a, ctx) => ctx.principal }),
    myRules: t.field({
      type: MyRules,
      nullable: false,
      args: { purpose: t.arg.string({ required: true }) },
      description: 'For front ends: what the caller may see under a purpose, to hide what it cannot show.',
      resolve: async (_r, { purpose }, ctx) => {
        if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(purpose)) throw badUserInput('purpose', 'is not a processing code');
        const access = await ctx.accessFor(purpose);
        return { purpose, policyRevision: ctx.policy.revision, denialReason: access.purposeReason, rules: packRules([...access.rules, ...deniedReadRules(access)]) };
      },
    }),
    designations: t.field({
      type: [DesignationRef],
      args: {
        processing: t.arg.string(),
        pending: t.arg.boolean({ description: 'The proposals waiting for confirmation (R6, four eyes) instead of the current designations.' }),
      },
      authorize: { action: 'read', subject: 'StaffMember', category: 'staff.designation' },
      description: 'R6: the current list of individually designated staff, for the supervisory authority.',
      resolve: async (_r, { processing, pending }, ctx) => {
        const rows = await ctx.em.find(Designation, { revokedAt: null, ...(processing ? { processingCode: processing } : {}) },
          { orderBy: { processingCode: 'asc', staffMember: 'asc' } });
        return rows.filter((d) => (pending ? !d.confirmedAt : isDesignationActive(d, ctx.now)));
      },
    }),
    pledges: t.field({
      type: [PledgeRef],
      args: {
        pending: t.arg.boolean({ description: 'The pledges waiting for a second person\'s confirmation (R7, four eyes) instead of those in force.' }),
      },
      authorize: { action: 'read', subject: 'StaffMember', category: 'staff.designation' },
      description: 'R7: the written confidentiality pledges in force, for the DPO and the supervisory authority.',
      resolve: async (_r, { pending }, ctx) => {
        const rows = await ctx.em.find(ConfidentialityPledge, { revokedAt: null }, { orderBy: { staffMember: 'asc', signedAt: 'asc' } });
        return rows.filter((p) => (pending ? !p.confirmedAt : isPledgeActive(p, ctx.now)));
      },
    }),
  }));

  builder.mutationFields((t) => ({
    designateStaff: t.field({
      type: DesignationRef,
      args: {
        staffMemberId: t.arg.id({ required: true }),
        processing: t.arg.string({ required: true }),
        validUntil: t.arg({ type: 'DateTime' }),
      },
      authorize: { action: 'create', subject: 'Designation', logAs: 'alter', subjectArg: 'staffMemberId' },
      description: 'R6: proposes an individual designation of a staff member for a processing activity; it counts once the director-general confirms it (confirmDesignation).',
      resolve: (_r, args, ctx) => ctx.em.transactional((em) =>
        proposeDesignation(em, { staffMemberId: String(args.staffMemberId), processing: args.processing, validUntil: args.validUntil }, actor(ctx))),
    }),
    confirmDesignation: t.field({
      type: DesignationRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'confirm', subject: 'Designation', logAs: 'alter', subjectArg: 'id' },
      description: 'R6, four eyes: the director-general designates by confirming a proposal; not one they proposed, nor their own.',
      resolve: (_r, { id }, ctx) => ctx.em.transactional((em) => confirmDesignation(em, String(id), actor(ctx))),
    }),
    revokeDesignation: t.field({
      type: DesignationRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'delete', subject: 'Designation', logAs: 'alter', subjectArg: 'id' },
      description: 'R6: ends a designation, or withdraws a proposal; it stops counting on the next request.',
      resolve: (_r, { id }, ctx) => ctx.em.transactional((em) => revokeDesignation(em, String(id), actor(ctx))),
    }),
    recordPledge: t.field({
      type: PledgeRef,
      args: {
        staffMemberId: t.arg.id({ required: true }),
        signedAt: t.arg({ type: 'DateTime', required: true }),
        documentReference: t.arg.string({ required: true, description: 'Where the signed pledge sits in the personnel file.' }),
      },
      authorize: { action: 'create', subject: 'ConfidentialityPledge', logAs: 'alter', subjectArg: 'staffMemberId' },
      description: 'R7: records a written confidentiality pledge; it counts once a second person confirms it (confirmPledge).',
      resolve: (_r, args, ctx) => ctx.em.transactional((em) => recordPledge(em, {
        staffMemberId: String(args.staffMemberId), signedAt: args.signedAt, documentReference: args.documentReference,
      }, actor(ctx))),
    }),
    confirmPledge: t.field({
      type: PledgeRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'confirm', subject: 'ConfidentialityPledge', logAs: 'alter', subjectArg: 'id' },
      description: 'R7, four eyes: a second person confirms a recorded pledge; not one they recorded, nor their own.',
      resolve: (_r, { id }, ctx) => ctx.em.transactional((em) => confirmPledge(em, String(id), actor(ctx))),
    }),
    revokePledge: t.field({
      type: PledgeRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'delete', subject: 'ConfidentialityPledge', logAs: 'alter', subjectArg: 'id' },
      resolve: (_r, { id }, ctx) => ctx.em.transactional((em) => revokePledge(em, String(id), actor(ctx))),
    }),
    revokeClient: t.field({
      type: ClientSystemRef,
      args: { clientId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
      authorize: { action: 'manage', subject: 'ClientSystem', logAs: 'alter', subjectArg: 'clientId' },
      description: 'R11: withdraws an integrator\'s access; its next request is refused.',
      resolve: (_r, { clientId, reason }, ctx) =>
        ctx.em.transactional(async (em) => {
          checkReference('reason', reason);
          const c = await em.findOne(ClientSystem, { id: String(clientId) });
          if (!c) throw badUserInput('clientId', 'no client system with this id');
          if (!c.active) throw badUserInput('clientId', 'is already revoked');
          Object.assign(c, { active: false, revokedAt: ctx.now, revokedReason: reason });
          return c;
        }),
    }),
    reactivateClient: t.field({
      type: ClientSystemRef,
      args: { clientId: t.arg.id({ required: true }) },
      authorize: { action: 'manage', subject: 'ClientSystem', logAs: 'alter', subjectArg: 'clientId' },
      description: 'R11: explicitly restores a revoked integrator\'s access.',
      resolve: (_r, { clientId }, ctx) =>
        ctx.em.transactional(async (em) => {
          const c = await em.findOne(ClientSystem, { id: String(clientId) });
          if (!c) throw badUserInput('clientId', 'no client system with this id');
          if (c.active) throw badUserInput('clientId', 'is active');
          Object.assign(c, { active: true, revokedAt: null, revokedReason: null });
          return c;
        }),
    }),
  }));
}
