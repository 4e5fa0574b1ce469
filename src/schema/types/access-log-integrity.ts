import { filterConditions, keyCursor, readLogRows, type LogRow } from '../../audit/read.js';
import { AccessLogCheckpoint } from '../../audit/AccessLogChain.js';
import { toFhirAuditEvent, toJsonLine, type ChainLinkRef } from '../../audit/export.js';
import { chainLinks, exportProof, type ExportScope } from '../../audit/proof.js';
import { sealAll } from '../../audit/sealer.js';
import { verifyAccessLog, type Verification } from '../../audit/verify.js';
import { expandCategories } from '../../authz/policy.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { cursor, logFilter, type FilterInput } from './access-log.js';

const AUDIT = { action: 'read', subject: 'AccessLog', category: 'audit.access_log' } as const;
const MAX_EXPORT = 10_000;

/** Integrity proof, signed checkpoints and export of the access log, for auditors (R5, R10). */
export function addAccessLogIntegrity(builder: Builder, Filter: ReturnType<typeof builder.inputType>): void {
  const Problem = builder.enumType('AccessLogIntegrityProblem', {
    values: ['ROW_CHANGED', 'ROW_DELETED', 'ROW_INSERTED', 'ROW_REORDERED', 'ROW_FORGED', 'CHAIN_BROKEN', 'CHECKPOINT_INVALID',
      'CHECKPOINT_UNKNOWN_KEY', 'NOT_CHECKPOINTED'] as const,
  });
  const VerificationRef = builder.objectRef<Verification>('AccessLogVerification').implement({
    description: 'The result of checking the hash chain over a time range.',
    fields: (t) => ({
      ok: t.exposeBoolean('ok', { nullable: false }),
      checked: t.exposeInt('checked', { nullable: false, description: 'Rows whose link and hash were checked.' }),
      firstBrokenId: t.exposeID('firstBrokenId', { description: 'The first row (in chain order) that fails, if any.' }),
      problem: t.field({ type: Problem, resolve: (v) => v.problem }),
      headPosition: t.exposeString('headPosition', { description: 'Chain position of the last seal checked.' }),
      headHash: t.exposeString('headHash', { description: 'Chain hash of that seal, to compare with a signed checkpoint.' }),
    }),
  });
  const CheckpointRef = builder.objectRef<AccessLogCheckpoint>('AccessLogCheckpoint').implement({
    description: 'An Ed25519-signed chain head; verify it outside the system with the published public key.',
    fields: (t) => ({
      // A bigint column: the driver may hand it over as a number or a bigint, which String refuses.
      position: t.string({ nullable: false, resolve: (c) => String(c.position) }),
      chainHash: t.exposeString('chainHash', { nullable: false }),
      signedAt: t.expose('signedAt', { type: 'DateTime', nullable: false }),
      keyId: t.exposeString('keyId', { nullable: false }),
      publicKey: t.exposeString('publicKey', {
        nullable: false, description: 'The public key stored with the checkpoint, for information: verify with the published key, never with this one.',
      }),
      signature: t.exposeString('signature', { nullable: false, description: 'Base64 Ed25519 signature of "access-log-checkpoint|position|chainHash|signedAt".' }),
    }),
  });
  const Format = builder.enumType('AccessLogExportFormat', { values: ['JSON_LINES', 'FHIR_AUDIT_EVENT'] as const });
  type ExportPage = {
    format: 'JSON_LINES' | 'FHIR_AUDIT_EVENT'; count: number; endCursor: string | null; hasNextPage: boolean; content: string;
    links: Map<string, ChainLinkRef>; scope: ExportScope;
  };
  const ExportRef = builder.objectRef<ExportPage>('AccessLogExport').implement({
    description: 'One page of an export, oldest first; ask again with `after: endCursor` while hasNextPage.',
    fields: (t) => ({
      format: t.field({ type: Format, nullable: false, resolve: (e) => e.format }),
      count: t.exposeInt('count', { nullable: false }),
      endCursor: t.exposeString('endCursor'),
      hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false }),
      content: t.exposeString('content', { nullable: false, description: 'JSON Lines, or a FHIR R5 Bundle (collection) of AuditEvents.' }),
      proof: t.string({
        nullable: false,
        description: 'JSON Lines of the seals and signed checkpoints that prove this page\'s rows: append `content` and `proof` of every ' +
          'page to one file and check it with `npm run verify:export -- <file> --public-key <key>` (docs/access-log.md).',
        resolve: (e, _args, ctx) => exportProof(ctx.em, e.links, e.scope),
      }),
    }),
  });

  builder.queryFields((t) => ({
    verifyAccessLog: t.field({
      type: VerificationRef,
      args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
      authorize: AUDIT,
      description: 'R10 integrity proof over rows written in [from, to) (the whole log when both are omitted).',
      // It seals the pending rows first: its request runs read-write (src/http/operation-kind.ts).
      extensions: { writes: true },
      resolve: async (_r, { from, to }, ctx) => {
        if (from && to && from >= to) throw badUserInput('from', 'must be before to');
        await sealAll(ctx.em, ctx.now);
        return verifyAccessLog(ctx.em, { from, to }, ctx.audit);
      },
    }),
    accessLogCheckpoints: t.field({
      type: [CheckpointRef],
      args: { last: t.arg.int({ description: 'How many of the newest checkpoints (at most 1000).' }) },
      authorize: AUDIT,
      resolve: async (_r, { last }, ctx) => {
        const n = last ?? 20;
        if (n < 1 || n > 1000) throw badUserInput('last', 'must be between 1 and 1000');
        return (await ctx.em.find(AccessLogCheckpoint, {}, { orderBy: { position: 'desc' }, limit: n })).reverse();
      },
    }),
    exportAccessLog: t.field({
      type: ExportRef,
      args: {
        format: t.arg({ type: Format, required: true }),
        filter: t.arg({ type: Filter }),
        first: t.arg.int({ description: `Rows per page, at most ${MAX_EXPORT}.` }),
        after: t.arg.string(),
      },
      authorize: AUDIT,
      description: 'Exports a filtered range of the log for the supervisory authority (R10), with chain links for outside verification.',
      resolve: async (_r, args, ctx) => {
        const first = args.first ?? 1000;
        if (first < 1 || first > MAX_EXPORT) throw badUserInput('first', `must be between 1 and ${MAX_EXPORT}`);
        const input = (args.filter ?? {}) as FilterInput;
        const where = filterConditions(logFilter(input, (c) => expandCategories([c], ctx.policy.categories)));
        const rows = await readLogRows(ctx.em, where, {
          order: 'asc', limit: first + 1, beyond: args.after ? cursor('after', args.after) : undefined,
        });
        const pageRows: LogRow[] = rows.slice(0, first);
        const linkOf = await chainLinks(ctx.em, pageRows);
        const { from, to, ...filter } = input;
        const content = args.format === 'JSON_LINES'
          ? pageRows.map((r) => toJsonLine(r, linkOf.get(r.id))).join('\n')
          : JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: pageRows.map((r) => ({ resource: toFhirAuditEvent(r) })) });
        return {
          format: args.format, count: pageRows.length, hasNextPage: rows.length > first, content, links: linkOf,
          scope: { filter, from: from ?? null, to: to ?? null },
          endCursor: pageRows.length > 0 ? keyCursor(pageRows[pageRows.length - 1].key) : null,
        };
      },
    }),
  }));
}
