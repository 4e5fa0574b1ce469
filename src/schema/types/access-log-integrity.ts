import { AccessLogEntry } from '../../audit/AccessLogEntry.js';
import { filterConditions, keyCursor, readLogRows } from '../../audit/read.js';
import { AccessLogCheckpoint } from '../../audit/AccessLogChain.js';
import { toFhirAuditEvent, toJsonLine } from '../../audit/export.js';
import { sealAll } from '../../audit/sealer.js';
import { verifyAccessLog, type Verification } from '../../audit/verify.js';
import { pgArray } from '../../db/pg-array.js';
import { expandCategories } from '../../authz/policy.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { cursor, logFilter, type FilterInput } from './access-log.js';

const AUDIT = { action: 'read', subject: 'AccessLog', category: 'audit.access_log' } as const;
const MAX_EXPORT = 10_000;

/** Integrity proof, signed checkpoints and export of the access log, for auditors (R5, R10). */
export function addAccessLogIntegrity(builder: Builder, Filter: ReturnType<typeof builder.inputType>): void {
  const Problem = builder.enumType('AccessLogIntegrityProblem', {
    values: ['ROW_CHANGED', 'ROW_DELETED', 'ROW_INSERTED', 'ROW_REORDERED', 'CHAIN_BROKEN', 'CHECKPOINT_INVALID', 'CHECKPOINT_UNKNOWN_KEY'] as const,
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
    description: 'An Ed25519-signed chain head; verify it outside the system with the public key.',
    fields: (t) => ({
      position: t.exposeString('position', { nullable: false }),
      chainHash: t.exposeString('chainHash', { nullable: false }),
      signedAt: t.expose('signedAt', { type: 'DateTime', nullable: false }),
      keyId: t.exposeString('keyId', { nullable: false }),
      publicKey: t.exposeString('publicKey', { nullable: false }),
      signature: t.exposeString('signature', { nullable: false, description: 'Base64 Ed25519 signature of "access-log-checkpoint|position|chainHash|signedAt".' }),
    }),
  });
  const Format = builder.enumType('AccessLogExportFormat', { values: ['JSON_LINES', 'FHIR_AUDIT_EVENT'] as const });
  type ExportPage = { format: 'JSON_LINES' | 'FHIR_AUDIT_EVENT'; count: number; endCursor: string | null; hasNextPage: boolean; content: string };
  const ExportRef = builder.objectRef<ExportPage>('AccessLogExport').implement({
    description: 'One page of an export, oldest first; ask again with `after: endCursor` while hasNextPage.',
    fields: (t) => ({
      format: t.field({ type: Format, nullable: false, resolve: (e) => e.format }),
      count: t.exposeInt('count', { nullable: false }),
      endCursor: t.exposeString('endCursor'),
      hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false }),
      content: t.exposeString('content', { nullable: false, description: 'JSON Lines, or a FHIR R5 Bundle (collection) of AuditEvents.' }),
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
        return verifyAccessLog(ctx.em, { from, to }, ctx.audit.trustedKeyIds);
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
        const where = filterConditions(logFilter((args.filter ?? {}) as FilterInput, (c) => expandCategories([c], ctx.policy.categories)));
        const rows = await readLogRows(ctx.em, where, {
          order: 'asc', limit: first + 1, beyond: args.after ? cursor('after', args.after) : undefined,
        });
        const pageRows = rows.slice(0, first);
        const links = await ctx.em.getConnection().execute<{ id: string; position: string; chain_hash: string; idx: number }[]>(
          `select r.id, s.position, s.chain_hash, array_position(s.entry_ids, r.id) - 1 as idx
           from unnest(?::uuid[], ?::xid8[], ?::bigint[]) as r(id, tx, seq)
           cross join lateral (select position, chain_hash, entry_ids from access_log_seal
             where (last_tx, last_seq) >= (r.tx, r.seq) order by last_tx, last_seq limit 1) s`,
          [pgArray(pageRows.map((r) => r.id)), pgArray(pageRows.map((r) => r.tx)), pgArray(pageRows.map((r) => r.seq))],
          'all', ctx.em.getTransactionContext());
        const linkOf = new Map(links.filter((l) => l.idx != null)
          .map((l) => [l.id, { position: l.position, index: Number(l.idx), chainHash: l.chain_hash }]));
        const content = args.format === 'JSON_LINES'
          ? pageRows.map((r) => toJsonLine(r, linkOf.get(r.id))).join('\n')
          : JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: pageRows.map((r) => ({ resource: toFhirAuditEvent(r) })) });
        return {
          format: args.format, count: pageRows.length, hasNextPage: rows.length > first, content,
          endCursor: pageRows.length > 0 ? keyCursor(pageRows[pageRows.length - 1].key) : null,
        };
      },
    }),
  }));
}
