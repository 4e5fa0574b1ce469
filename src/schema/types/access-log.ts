import { AccessLogEntry } from '../../audit/AccessLogEntry.js';
import { cursorKey, filterConditions, keyCursor, readLogRows, type LogFilter, type LogKey, type LogRow } from '../../audit/read.js';
import { expandCategories } from '../../authz/policy.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { groupBy, loader } from '../loaders.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';

const ACTIONS = ['collect', 'alter', 'consult', 'disclose', 'combine', 'erase', 'deny'] as const;
const OUTCOMES = ['GRANTED', 'DENIED'] as const;

/** R21: every granted disclosure of a person's data, oldest first. */
export function disclosuresOf(ctx: GraphQLContext, personId: string): Promise<AccessLogEntry[]> {
  return loader(ctx, 'disclosuresByPerson', async (ids) => {
    const rows = await ctx.em.find(AccessLogEntry,
      { personId: { $in: [...ids] }, action: 'disclose', outcome: 'GRANTED' }, { orderBy: { at: 'asc', seq: 'asc' } });
    return groupBy(rows, (r) => r.personId!);
  }, [] as AccessLogEntry[]).load(personId);
}

export function addAccessLogTypes(builder: Builder) {
  const { AccessLogEntryRef } = refsFor(builder);
  const Action = builder.enumType('AccessAction', { values: ACTIONS });
  const Outcome = builder.enumType('AccessOutcome', { values: OUTCOMES });

  builder.objectType(AccessLogEntryRef, {
    description: 'One row of the access log (R10): what, why, who, to whom, how, when and the outcome.',
    partOf: 'AccessLog',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      at: t.expose('at', { type: 'DateTime', nullable: false }),
      requestId: t.exposeString('requestId', { nullable: false }),
      action: t.field({ type: Action, nullable: false, resolve: (r) => r.action }),
      outcome: t.field({ type: Outcome, nullable: false, resolve: (r) => r.outcome }),
      reason: t.exposeString('reason'),
      principalId: t.exposeString('principalId', { nullable: false }),
      principalCategory: t.exposeString('principalCategory', { nullable: false }),
      client: t.exposeString('client'),
      recipientId: t.exposeString('recipientId', { nullable: false }),
      recipientCategory: t.exposeString('recipientCategory', { nullable: false }),
      purpose: t.exposeString('purpose'),
      processingRecordVersion: t.exposeInt('processingRecordVersion'),
      justification: t.exposeString('justification'),
      subjectType: t.exposeString('subjectType', { nullable: false }),
      subjectId: t.exposeString('subjectId'),
      personId: t.exposeString('personId'),
      fields: t.exposeStringList('fields', { nullable: false }),
      categories: t.exposeStringList('categories', { nullable: false }),
      operationName: t.exposeString('operationName'),
      operationId: t.exposeString('operationId'),
      policyRevision: t.exposeString('policyRevision', { nullable: false }),
      hash: t.exposeString('hash', { nullable: false, description: 'SHA-256 of the row\'s canonical form.' }),
    }),
  });

  const Filter = builder.inputType('AccessLogFilter', {
    description: 'Filters of the access log; all given filters must hold.',
    fields: (t) => ({
      personId: t.string(),
      principalId: t.string(),
      purpose: t.string(),
      category: t.string({ description: 'Rows touching this category or one below it.' }),
      recipientId: t.string(),
      action: t.field({ type: Action }),
      outcome: t.field({ type: Outcome }),
      from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
      to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
    }),
  });

  builder.queryField('accessLog', (t) =>
    t.connection({
      type: AccessLogEntryRef,
      args: { filter: t.arg({ type: Filter }) },
      authorize: { action: 'read', subject: 'AccessLog', category: 'audit.access_log' },
      description: 'The access log for auditors, newest first. Reading it is itself logged.',
      resolve: (_root, args, ctx) => {
        const where = filterConditions(logFilter(args.filter ?? {}, (c) => expandCategories([c], ctx.policy.categories)));
        // Newest first: `after` pages towards older rows, `before` (fetched in reverse) towards newer.
        return keysetConnection(args, (r: LogRow) => keyCursor(r.key), ({ before, after, limit, inverted }) =>
          readLogRows(ctx.em, where, {
            order: inverted ? 'asc' : 'desc', limit,
            beyond: after ? cursor('after', after) : before ? cursor('before', before) : undefined,
          }));
      },
    }));
  return { Filter };
}

export function cursor(name: string, value: string): LogKey {
  const key = cursorKey(value);
  if (!key) throw badUserInput(name, 'is not a valid cursor');
  return key;
}

export type FilterInput = Partial<Record<'personId' | 'principalId' | 'purpose' | 'category' | 'recipientId' | 'action' | 'outcome', string | null>> & {
  from?: Date | null; to?: Date | null;
};

/** The resolvers' filter argument, checked, as a log filter. */
export function logFilter(f: FilterInput, expand: (category: string) => string[]): LogFilter {
  const equal: LogFilter['equal'] = {};
  for (const key of ['personId', 'principalId', 'purpose', 'recipientId', 'action', 'outcome'] as const) {
    const v = f[key];
    if (v != null) {
      if (v.length === 0 || v.length > 200) throw badUserInput(`filter.${key}`, 'must be 1 to 200 characters');
      equal[key] = v;
    }
  }
  let categories: string[] | undefined;
  if (f.category != null) {
    if (!/^[a-z_]+(\.[a-z_]+)*$/.test(f.category)) throw badUserInput('filter.category', 'is not a category name');
    const leaves = expand(f.category);
    categories = leaves.length > 0 ? leaves : [f.category];
  }
  if (f.from && f.to && f.from >= f.to) throw badUserInput('filter.from', 'must be before filter.to');
  return { equal, categories, from: f.from ?? undefined, to: f.to ?? undefined };
}
