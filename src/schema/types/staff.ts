import type { EntityManager } from '@mikro-orm/postgresql';
import { packRules } from '@casl/ability/extra';
import { StaffMember } from '../../domain/StaffMember.js';
import { Designation, isDesignationActive } from '../../domain/Designation.js';
import { ConfidentialityPledge, isPledgeActive } from '../../domain/ConfidentialityPledge.js';
import { ClientSystem } from '../../domain/ClientSystem.js';
import { ProcessingRecord } from '../../domain/ProcessingRecord.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { refsFor } from '../refs.js';

async function staffMember(em: EntityManager, id: string, field = 'staffMemberId'): Promise<StaffMember> {
  const m = await em.findOne(StaffMember, { id });
  if (!m) throw badUserInput(field, 'no staff member with this id');
  return m;
}

function checkReference(field: string, value: string): void {
  if (value.trim().length === 0 || value.length > 200) throw badUserInput(field, 'must be 1 to 200 characters');
}

export function addStaffTypes(builder: Builder): void {
  const { ClientSystemRef, DesignationRef, PledgeRef, PrincipalRef } = refsFor(builder);
  builder.objectType(DesignationRef, {
    description: 'R6: an individual designation of a staff member for one processing activity.',
    partOf: 'StaffMember',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      staffMemberId: t.id({ nullable: false, resolve: (d) => d.staffMember.id }),
      processing: t.exposeString('processingCode', { nullable: false }),
      designatedBy: t.exposeString('designatedBy', { nullable: false }),
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
        return { purpose, policyRevision: ctx.policy.revision, denialReason: access.purposeReason, rules: packRules(access.rules) };
      },
    }),
    designations: t.field({
      type: [DesignationRef],
      args: { processing: t.arg.string() },
      authorize: { action: 'read', subject: 'StaffMember', category: 'staff.designation' },
      description: 'R6: the current list of individually designated staff, for the supervisory authority.',
      resolve: async (_r, { processing }, ctx) => {
        const rows = await ctx.em.find(Designation, { revokedAt: null, ...(processing ? { processingCode: processing } : {}) },
          { orderBy: { processingCode: 'asc', staffMember: 'asc' } });
        return rows.filter((d) => isDesignationActive(d, ctx.now));
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
      authorize: { action: 'manage', subject: 'Designation', logAs: 'alter', subjectArg: 'staffMemberId' },
      description: 'R6: designates a staff member individually for a processing activity.',
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const member = await staffMember(em, String(args.staffMemberId));
          if (!(await em.findOne(ProcessingRecord, { code: args.processing, active: true }))) {
            throw badUserInput('processing', 'no active processing record with this code');
          }
          if (args.validUntil && args.validUntil <= ctx.now) throw badUserInput('validUntil', 'must be in the future');
          const existing = await em.find(Designation, { staffMember: member, processingCode: args.processing, revokedAt: null });
          if (existing.some((d) => isDesignationActive(d, ctx.now))) throw badUserInput('staffMemberId', 'is already designated for this processing');
          const d = Object.assign(new Designation(), {
            staffMember: member, processingCode: args.processing, designatedBy: ctx.principal.id,
            validFrom: ctx.now, validUntil: args.validUntil ?? null,
          });
          em.persist(d);
          return d;
        }),
    }),
    revokeDesignation: t.field({
      type: DesignationRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'manage', subject: 'Designation', logAs: 'alter', subjectArg: 'id' },
      description: 'R6: ends a designation; it stops counting on the next request.',
      resolve: (_r, { id }, ctx) =>
        ctx.em.transactional(async (em) => {
          const d = await em.findOne(Designation, { id: uuid('id', String(id)) });
          if (!d) throw badUserInput('id', 'no designation with this id');
          if (d.revokedAt) throw badUserInput('id', 'is already revoked');
          d.revokedAt = ctx.now;
          d.revokedBy = ctx.principal.id;
          return d;
        }),
    }),
    recordPledge: t.field({
      type: PledgeRef,
      args: {
        staffMemberId: t.arg.id({ required: true }),
        signedAt: t.arg({ type: 'DateTime', required: true }),
        documentReference: t.arg.string({ required: true, description: 'Where the signed pledge sits in the personnel file.' }),
      },
      authorize: { action: 'manage', subject: 'ConfidentialityPledge', logAs: 'alter', subjectArg: 'staffMemberId' },
      description: 'R7: records a written confidentiality pledge.',
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const member = await staffMember(em, String(args.staffMemberId));
          if (args.signedAt > ctx.now) throw badUserInput('signedAt', 'cannot be in the future');
          checkReference('documentReference', args.documentReference);
          const p = Object.assign(new ConfidentialityPledge(), {
            staffMember: member, signedAt: args.signedAt, documentReference: args.documentReference, recordedBy: ctx.principal.id,
          });
          em.persist(p);
          return p;
        }),
    }),
    revokePledge: t.field({
      type: PledgeRef,
      args: { id: t.arg.id({ required: true }) },
      authorize: { action: 'manage', subject: 'ConfidentialityPledge', logAs: 'alter', subjectArg: 'id' },
      resolve: (_r, { id }, ctx) =>
        ctx.em.transactional(async (em) => {
          const p = await em.findOne(ConfidentialityPledge, { id: uuid('id', String(id)) });
          if (!p) throw badUserInput('id', 'no pledge with this id');
          if (p.revokedAt) throw badUserInput('id', 'is already revoked');
          p.revokedAt = ctx.now;
          return p;
        }),
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

function uuid(field: string, value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw badUserInput(field, 'is not a valid id');
  return value;
}
