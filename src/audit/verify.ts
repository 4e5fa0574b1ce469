import type { EntityManager } from '@mikro-orm/postgresql';
import { AccessLogEntry } from './AccessLogEntry.js';
import { rowHash } from './canonical.js';
import { GENESIS, linkHash } from './chain.js';
import { checkpointMessage, verifyCheckpointSignature } from './signing.js';

export type IntegrityProblem =
  | 'ROW_CHANGED' | 'ROW_DELETED' | 'ROW_INSERTED' | 'ROW_REORDERED' | 'CHAIN_BROKEN' | 'CHECKPOINT_INVALID' | 'CHECKPOINT_UNKNOWN_KEY';

export interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  problem: IntegrityProblem | null;
  headPosition: string | null;
  headHash: string | null;
}

interface LinkRow {
  position: string; entry_id: string; entry_seq: string; entry_at: Date; row_hash: string; chain_hash: string;
}

const BATCH = 5000;

/**
 * Proves that the log between `from` and `to` (times of the rows; both optional) is exactly what
 * was written: every link's hash follows from the one before, every row still hashes to its link,
 * no row exists outside the chain, and every checkpoint in the range carries a valid signature by
 * a trusted key over the chain at its position. Stops at the first broken row.
 */
export async function verifyAccessLog(em: EntityManager, range: { from?: Date | null; to?: Date | null }, trustedKeyIds?: Set<string>): Promise<Verification> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  const q = <T>(sql: string, params: unknown[] = []) => conn.execute<T[]>(sql, params, 'all', trx);
  const from = range.from ?? new Date(0);
  const to = range.to ?? new Date('9999-12-31T00:00:00Z');
  const result = (checked: number, problem: IntegrityProblem | null, id: string | null, head?: LinkRow): Verification =>
    ({ ok: problem === null, checked, firstBrokenId: id, problem, headPosition: head?.position ?? null, headHash: head?.chain_hash ?? null });

  // Rows written but never sealed, or whose pending mark lost its row.
  const orphanPending = await q<{ entry_id: string }>(
    `select p.entry_id from access_log_pending p where not exists (select 1 from access_log l where l.id = p.entry_id) limit 1`);
  if (orphanPending.length > 0) return result(0, 'ROW_DELETED', orphanPending[0].entry_id);
  const slipped = await q<{ id: string }>(
    `select l.id from access_log l where l.at >= ? and l.at < ?
       and not exists (select 1 from access_log_chain c where c.entry_id = l.id)
       and not exists (select 1 from access_log_pending p where p.entry_id = l.id)
     order by l.seq limit 1`, [from, to]);
  if (slipped.length > 0) return result(0, 'ROW_INSERTED', slipped[0].id);

  const [bounds] = await q<{ lo: string | null; hi: string | null }>(
    'select min(position) as lo, max(position) as hi from access_log_chain where entry_at >= ? and entry_at < ?', [from, to]);
  if (!bounds.lo) return result(0, null, null);
  const lo = BigInt(bounds.lo);
  const hi = BigInt(bounds.hi!);
  const before = await q<LinkRow>('select * from access_log_chain where position = ?', [(lo - 1n).toString()]);
  let previous = lo === 1n ? GENESIS : before[0]?.chain_hash;
  if (previous === undefined) return result(0, 'CHAIN_BROKEN', null);

  let checked = 0;
  let last: LinkRow | undefined;
  for (let start = lo; start <= hi; start += BigInt(BATCH)) {
    const end = start + BigInt(BATCH) - 1n < hi ? start + BigInt(BATCH) - 1n : hi;
    const links = await q<LinkRow>('select * from access_log_chain where position between ? and ? order by position', [start.toString(), end.toString()]);
    const rows = await em.find(AccessLogEntry, { id: { $in: links.map((l) => l.entry_id) } }, { disableIdentityMap: true });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let expected = start;
    for (const link of links) {
      if (BigInt(link.position) !== expected) return result(checked, 'CHAIN_BROKEN', link.entry_id, last);
      expected += 1n;
      if (linkHash(previous, link.position, link.row_hash) !== link.chain_hash) return result(checked, 'CHAIN_BROKEN', link.entry_id, last);
      previous = link.chain_hash;
      const row = byId.get(link.entry_id);
      if (!row) return result(checked, 'ROW_DELETED', link.entry_id, last);
      if (rowHash(row) !== link.row_hash || row.hash !== link.row_hash) return result(checked, 'ROW_CHANGED', link.entry_id, last);
      if (String(row.seq) !== String(link.entry_seq)) return result(checked, 'ROW_REORDERED', link.entry_id, last);
      checked++;
      last = link;
    }
    if (expected !== end + 1n) return result(checked, 'CHAIN_BROKEN', null, last);
  }

  const checkpoints = await q<{ position: string; chain_hash: string; signed_at: Date; key_id: string; public_key: string; signature: string }>(
    'select * from access_log_checkpoint where position between ? and ? order by position', [lo.toString(), hi.toString()]);
  for (const cp of checkpoints) {
    const link = await q<LinkRow>('select * from access_log_chain where position = ?', [cp.position]);
    const message = checkpointMessage(cp.position, cp.chain_hash, new Date(cp.signed_at));
    if (trustedKeyIds && !trustedKeyIds.has(cp.key_id)) return result(checked, 'CHECKPOINT_UNKNOWN_KEY', link[0]?.entry_id ?? null, last);
    if (!link[0] || link[0].chain_hash !== cp.chain_hash || !verifyCheckpointSignature(cp.public_key, message, cp.signature)) {
      return result(checked, 'CHECKPOINT_INVALID', link[0]?.entry_id ?? null, last);
    }
  }
  return result(checked, null, null, last);
}
