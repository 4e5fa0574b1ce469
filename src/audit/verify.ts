import type { EntityManager } from '@mikro-orm/postgresql';
import { entryFromRow } from './AccessLogEntry.js';
import { rowHash } from './canonical.js';
import { GENESIS, linkHash, sealDigest } from './chain.js';
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

interface SealRow {
  position: string; last_tx: string; last_seq: string; entry_ids: string[]; entry_seqs: string[]; row_hashes: string[];
  digest: string; chain_hash: string;
}

const SEAL = `select position, last_tx::text, last_seq, entry_ids, entry_seqs::text[], row_hashes, digest, chain_hash from access_log_seal`;
/** Seals read per round trip: at most 5000 rows each. */
const SEALS_PER_READ = 20;

/**
 * Proves that the log's rows written between `from` and `to` (both optional) are exactly what was
 * sealed: every seal's digest and link follow from the one before, the rows between two seals are
 * exactly the ones listed, in order, with their sequence numbers, and each still hashes to its
 * listed hash; no sealed row lies outside a seal; every checkpoint on the way carries a valid
 * signature by a trusted key over the chain at its position. Stops at the first broken row.
 */
export async function verifyAccessLog(em: EntityManager, range: { from?: Date | null; to?: Date | null }, trustedKeyIds?: Set<string>): Promise<Verification> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  const q = <T>(sql: string, params: unknown[] = []) => conn.execute<T[]>(sql, params, 'all', trx);
  const from = range.from ?? new Date(0);
  const to = range.to ?? new Date('9999-12-31T00:00:00Z');
  let checked = 0;
  let last: SealRow | undefined;
  const result = (problem: IntegrityProblem | null, id: string | null): Verification =>
    ({ ok: problem === null, checked, firstBrokenId: id, problem, headPosition: last?.position ?? null, headHash: last?.chain_hash ?? null });

  const [bounds] = await q<{ lo: string | null; hi: string | null }>(
    'select min(position) as lo, max(position) as hi from access_log_seal where last_at >= ? and first_at < ?', [from, to]);
  const [head] = await q<{ last_tx: string; last_seq: string }>('select last_tx::text, last_seq from access_log_seal order by position desc limit 1');

  let after = { tx: '0', seq: '0' };
  let firstAfter = after;
  if (bounds.lo) {
    const lo = BigInt(bounds.lo);
    const [before] = await q<SealRow>(`${SEAL} where position = ?`, [(lo - 1n).toString()]);
    if (lo > 1n && !before) return result('CHAIN_BROKEN', null);
    let previous = before?.chain_hash ?? GENESIS;
    after = { tx: before?.last_tx ?? '0', seq: before?.last_seq ?? '0' };
    firstAfter = after;
    let expected = lo;
    for (let start = lo; start <= BigInt(bounds.hi!); start += BigInt(SEALS_PER_READ)) {
      const seals = await q<SealRow>(`${SEAL} where position >= ? and position < ? and position <= ? order by position`,
        [start.toString(), (start + BigInt(SEALS_PER_READ)).toString(), bounds.hi]);
      for (const seal of seals) {
        const firstId = seal.entry_ids[0] ?? null;
        if (BigInt(seal.position) !== expected) return result('CHAIN_BROKEN', firstId);
        expected += 1n;
        if (sealDigest(seal.row_hashes) !== seal.digest || linkHash(previous, seal.position, seal.digest) !== seal.chain_hash) {
          return result('CHAIN_BROKEN', firstId);
        }
        previous = seal.chain_hash;
        const broken = await checkSealedRows(q, seal, after, () => checked++);
        if (broken) return result(broken.problem, broken.id);
        after = { tx: seal.last_tx, seq: seal.last_seq };
        last = seal;
      }
    }
  }

  // Every row under the newest seal lies between two seals, and a seal's times span its rows': a row
  // in the time range outside the seals just checked was slipped in.
  if (head) {
    const slipped = await q<{ id: string }>(
      `select id from access_log where at >= ? and at < ? and (tx, seq) <= (?::xid8, ?::bigint)
         and ((tx, seq) <= (?::xid8, ?::bigint) or (tx, seq) > (?::xid8, ?::bigint)) order by tx, seq limit 1`,
      [from, to, head.last_tx, head.last_seq, firstAfter.tx, firstAfter.seq, after.tx, after.seq]);
    if (slipped.length > 0) return result('ROW_INSERTED', slipped[0].id);
  }

  if (last) {
    const checkpoints = await q<{ position: string; chain_hash: string; signed_at: Date; key_id: string; public_key: string; signature: string }>(
      'select * from access_log_checkpoint where position between ? and ? order by position', [bounds.lo, last.position]);
    for (const cp of checkpoints) {
      const [seal] = await q<SealRow>(`${SEAL} where position = ?`, [cp.position]);
      const id = seal?.entry_ids[0] ?? null;
      if (trustedKeyIds && !trustedKeyIds.has(cp.key_id)) return result('CHECKPOINT_UNKNOWN_KEY', id);
      const message = checkpointMessage(cp.position, cp.chain_hash, new Date(cp.signed_at));
      if (!seal || seal.chain_hash !== cp.chain_hash || !verifyCheckpointSignature(cp.public_key, message, cp.signature)) {
        return result('CHECKPOINT_INVALID', id);
      }
    }
  }
  return result(null, null);
}

/**
 * The rows after `after` up to the seal's own (tx, seq), in that order, against the seal's list.
 * Returns the first row that differs and how.
 */
async function checkSealedRows(
  q: <T>(sql: string, params?: unknown[]) => Promise<T[]>, seal: SealRow, after: { tx: string; seq: string }, onChecked: () => void,
): Promise<{ problem: IntegrityProblem; id: string } | null> {
  const rows = (await q<Record<string, unknown>>(
    // The plain range on tx is implied by the row comparisons, but only it lets the planner see a
    // narrow index range instead of scanning the partition for every seal.
    `select * from access_log where (tx, seq) > (?::xid8, ?::bigint) and (tx, seq) <= (?::xid8, ?::bigint)
       and tx between ?::xid8 and ?::xid8 order by tx, seq`,
    [after.tx, after.seq, seal.last_tx, seal.last_seq, after.tx, seal.last_tx])).map(entryFromRow);
  const listed = new Set(seal.entry_ids);
  const found = new Set(rows.map((r) => r.id));
  for (let i = 0; i < Math.max(rows.length, seal.entry_ids.length); i++) {
    const row = rows[i];
    const id = seal.entry_ids[i];
    if (row?.id !== id) {
      if (id !== undefined && !found.has(id)) return { problem: 'ROW_DELETED', id };
      if (row && !listed.has(row.id)) return { problem: 'ROW_INSERTED', id: row.id };
      return { problem: 'ROW_REORDERED', id: id ?? row!.id };
    }
    if (String(row.seq) !== String(seal.entry_seqs[i])) return { problem: 'ROW_REORDERED', id };
    if (row.hash !== seal.row_hashes[i] || rowHash(row) !== seal.row_hashes[i]) return { problem: 'ROW_CHANGED', id };
    onChecked();
  }
  return null;
}
