import type { EntityManager } from '@mikro-orm/postgresql';
import { ProcessingRecord } from '../../domain/ProcessingRecord.js';
import { ProcessingRecordVersion } from '../../domain/ProcessingRecordVersion.js';
import { covers } from '../../authz/ability.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { refsFor } from '../refs.js';
import { checkList, checkText } from '../validate.js';

const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export function snapshotOf(r: ProcessingRecord): Record<string, unknown> {
  const { updatedAt: _u, ...rest } = r;
  return { ...rest };
}

async function saveVersion(em: EntityManager, r: ProcessingRecord, ctx: GraphQLContext, change: string): Promise<void> {
  const v = Object.assign(new ProcessingRecordVersion(), {
    code: r.code, version: r.version, snapshot: snapshotOf(r), changedBy: ctx.principal.id, change, changedAt: ctx.now,
  });
  em.persist(v);
}

export function addRegisterTypes(builder: Builder): void {
  const { ProcessingRecordRef, ProcessingRecordVersionRef } = refsFor(builder);
  builder.objectType(ProcessingRecordVersionRef, {
    description: 'A past or current version of a processing record (R19 history).',
    fields: (t) => ({
      version: t.exposeInt('version', { nullable: false }),
      snapshot: t.expose('snapshot', { type: 'JSON', nullable: false }),
      changedBy: t.exposeString('changedBy', { nullable: false }),
      change: t.exposeString('change', { nullable: false }),
      changedAt: t.expose('changedAt', { type: 'DateTime', nullable: false }),
    }),
  });

  builder.objectType(ProcessingRecordRef, {
    description: 'One processing activity of the register (R19). Not personal data: readable by every principal.',
    fields: (t) => ({
      code: t.exposeString('code', { nullable: false }),
      name: t.exposeString('name', { nullable: false }),
      purpose: t.exposeString('purpose', { nullable: false }),
      legalBasis: t.exposeString('legalBasis', { nullable: false }),
      dataSubjectCategories: t.exposeStringList('dataSubjectCategories', { nullable: false }),
      dataCategories: t.exposeStringList('dataCategories', { nullable: false }),
      recipientCategories: t.exposeStringList('recipientCategories', { nullable: false }),
      retention: t.exposeString('retention', { nullable: false }),
      requiresDesignation: t.exposeBoolean('requiresDesignation', {
        nullable: false, description: 'R6: special categories of this processing need an individual designation.' }),
      requiresPledge: t.exposeBoolean('requiresPledge', {
        nullable: false, description: 'R7: special categories of this processing need a written confidentiality pledge.' }),
      allowedUnderRestriction: t.exposeBoolean('allowedUnderRestriction', {
        nullable: false, description: 'R22: may go on for persons whose processing is restricted.' }),
      allowsBreakGlass: t.exposeBoolean('allowsBreakGlass', {
        nullable: false, description: 'Issue 20: a principal may break the glass (time-boxed emergency access to one person) under it.' }),
      active: t.exposeBoolean('active', { nullable: false }),
      version: t.exposeInt('version', { nullable: false }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: false }),
      versions: t.field({
        type: [ProcessingRecordVersionRef],
        nullable: false,
        resolve: (r, _a, ctx) => ctx.em.find(ProcessingRecordVersion, { code: r.code }, { orderBy: { version: 'asc' } }),
      }),
    }),
  });

  const fields = {
    name: 'name', purpose: 'purpose', legalBasis: 'legalBasis', retention: 'retention',
  } as const;

  const RecordInput = builder.inputType('ProcessingRecordInput', {
    fields: (t) => ({
      code: t.string({ required: true }),
      name: t.string({ required: true }),
      purpose: t.string({ required: true }),
      legalBasis: t.string({ required: true }),
      dataSubjectCategories: t.stringList({ required: true }),
      dataCategories: t.stringList({ required: true }),
      recipientCategories: t.stringList({ required: true }),
      retention: t.string({ required: true }),
      requiresDesignation: t.boolean({ defaultValue: false }),
      requiresPledge: t.boolean({ defaultValue: false }),
      allowedUnderRestriction: t.boolean({ defaultValue: false }),
      allowsBreakGlass: t.boolean({ defaultValue: false }),
    }),
  });

  const RecordAmendment = builder.inputType('ProcessingRecordAmendment', {
    description: 'The fields to change; the others keep their value. Each amendment makes a new version.',
    fields: (t) => ({
      name: t.string(),
      purpose: t.string(),
      legalBasis: t.string(),
      dataSubjectCategories: t.stringList(),
      dataCategories: t.stringList(),
      recipientCategories: t.stringList(),
      retention: t.string(),
      requiresDesignation: t.boolean(),
      requiresPledge: t.boolean(),
      allowedUnderRestriction: t.boolean(),
      allowsBreakGlass: t.boolean(),
    }),
  });

  type Amendment = Partial<Omit<ProcessingRecord, 'code' | 'active' | 'version' | 'updatedAt'>>;

  const validate = (ctx: GraphQLContext, prefix: string, input: { [K in keyof Amendment]?: Amendment[K] | null }) => {
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) checkText(`${prefix}.${key}`, input[key]);
    checkList(`${prefix}.dataSubjectCategories`, input.dataSubjectCategories);
    checkList(`${prefix}.recipientCategories`, input.recipientCategories);
    checkList(`${prefix}.dataCategories`, input.dataCategories);
    const known = [...ctx.policy.categories.keys()];
    input.dataCategories?.forEach((c, i) => {
      if (!known.some((k) => covers([c], k))) throw badUserInput(`${prefix}.dataCategories[${i}]`, 'is not a category of policies/categories.yaml');
    });
  };

  const load = async (em: EntityManager, code: string) => {
    const r = await em.findOne(ProcessingRecord, { code });
    if (!r) throw badUserInput('code', 'no processing record with this code');
    return r;
  };

  builder.queryFields((t) => ({
    processingRecords: t.field({
      type: [ProcessingRecordRef],
      nullable: false,
      args: { includeInactive: t.arg.boolean() },
      description: 'The register of processing activities (R19).',
      resolve: (_r, args, ctx) =>
        ctx.em.find(ProcessingRecord, args.includeInactive ? {} : { active: true }, { orderBy: { code: 'asc' } }),
    }),
    processingRecord: t.field({
      type: ProcessingRecordRef,
      args: { code: t.arg.string({ required: true }) },
      resolve: (_r, { code }, ctx) => ctx.em.findOne(ProcessingRecord, { code }),
    }),
  }));

  builder.mutationFields((t) => ({
    createProcessingRecord: t.field({
      type: ProcessingRecordRef,
      args: { input: t.arg({ type: RecordInput, required: true }) },
      authorize: { action: 'manage', subject: 'ProcessingRecord', logAs: 'alter', subjectArg: 'input.code' },
      description: 'R19: adds a processing activity to the register (version 1).',
      resolve: (_r, { input }, ctx) =>
        ctx.em.transactional(async (em) => {
          if (!CODE.test(input.code)) throw badUserInput('input.code', 'must be upper-case letters, digits and _');
          validate(ctx, 'input', input);
          if (await em.findOne(ProcessingRecord, { code: input.code })) throw badUserInput('input.code', 'already exists');
          const r = Object.assign(new ProcessingRecord(), {
            ...input,
            requiresDesignation: input.requiresDesignation ?? false,
            requiresPledge: input.requiresPledge ?? false,
            allowedUnderRestriction: input.allowedUnderRestriction ?? false,
            allowsBreakGlass: input.allowsBreakGlass ?? false,
            active: true, version: 1, updatedAt: ctx.now,
          });
          em.persist(r);
          await saveVersion(em, r, ctx, 'created');
          return r;
        }),
    }),
    amendProcessingRecord: t.field({
      type: ProcessingRecordRef,
      args: {
        code: t.arg.string({ required: true }),
        input: t.arg({ type: RecordAmendment, required: true }),
        change: t.arg.string({ required: true, description: 'Why the record changes; kept in its history.' }),
      },
      authorize: { action: 'manage', subject: 'ProcessingRecord', logAs: 'alter', subjectArg: 'code' },
      description: 'R19: amends a record; the new state becomes a new version, the old one stays in the history.',
      resolve: (_r, { code, input, change }, ctx) =>
        ctx.em.transactional(async (em) => {
          validate(ctx, 'input', input);
          checkText('change', change, 500);
          const r = await load(em, code);
          Object.assign(r, Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)));
          r.version += 1;
          r.updatedAt = ctx.now;
          await saveVersion(em, r, ctx, change);
          return r;
        }),
    }),
    deactivateProcessingRecord: t.field({
      type: ProcessingRecordRef,
      args: { code: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
      authorize: { action: 'manage', subject: 'ProcessingRecord', logAs: 'alter', subjectArg: 'code' },
      description: 'Stops all processing under this record from the next request on (a new version).',
      resolve: (_r, { code, reason }, ctx) =>
        ctx.em.transactional(async (em) => {
          checkText('reason', reason, 500);
          const r = await load(em, code);
          if (!r.active) throw badUserInput('code', 'is already inactive');
          r.active = false;
          r.version += 1;
          r.updatedAt = ctx.now;
          await saveVersion(em, r, ctx, `deactivated: ${reason}`);
          return r;
        }),
    }),
  }));
}
