import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { entryFromRow, type AccessLogEntry } from './AccessLogEntry.js';
import { rowHash, rowHashV1 } from './canonical.js';
import { GENESIS, linkHash, sealDigest, sealDigestV2 } from './chain.js';
import { timeOfId } from './ids.js';
import { rowMac } from './row-mac.js';
import { checkpointMessage } from './signing.js';
import { checkCheckpoint, type TrustedKey } from './trusted-keys.js';

export type IntegrityProblem =
  | 'ROW_CHANGED' | 'ROW_DELETED' | 'ROW_INSERTED' | 'ROW_REORDERED' | 'ROW_FORGED' | 'CHAIN_BROKEN' | 'CHECKPOINT_INVALID'
  | 'CHECKPOINT_UNKNOWN_KEY' | 'NOT_CHECKPOINTED';

export interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  problem: IntegrityProblem | null;
  headPosition: string | null;
  headHash: string | null;
}

/**
 * What the verification trusts, from configuration and never from the database (issue 16, findings
 * 3 and 9): the public keys checkpoints must be signed with, how soon after a row a checkpoint must
 * cover it, and the MAC keys of the rows.
 */
export interface VerificationTrust {
  trustedKeys: readonly TrustedKey[];
  checkpointMaxAgeMs: number;
  /** By the key id of the signing key each comes from. */
  macKeys: ReadonlyMap<string, string>;
}

interface SealRow {
  position: string; last_tx: string; last_seq: string; entry_ids: string[]; entry_seqs: string[]; row_hashes: string[];
  entry_ats: Date[] | null; digest: string; chain_hash: string; format: number;
}

interface CheckpointRow { position: string; chain_hash: string; signed_at: Date; key_id: string; signature: string }

const SEAL = `select position, last_tx::text, last_seq, entry_ids, entry_seqs::text[], row_hashes, entry_ats, digest, chain_hash, format
  from access_log_seal`;
/** Seals read per round trip: at most 5000 rows each. */
const SEALS_PER_READ = 20;

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** A seal's digest, recomputed from its own lists as its format defines it. */
export function digestOfSeal(seal: Pick<SealRow, 'format' | 'row_hashes' | 'entry_ats' | 'entry_seqs'>): string {
  if (seal.format !== 2) return sealDigest(seal.row_hashes);
  return sealDigestV2(seal.row_hashes.map((hash, i) => ({ hash, at: new Date(seal.entry_ats?.[i] ?? NaN), seq: String(seal.entry_seqs[i]) })));
}

/** A row's hash as the format of the seal listing it defines it (format 1 covered the time). */
export const hashOfRow = (row: AccessLogEntry, format: number): string => (format === 2 ? rowHash(row) : rowHashV1(row));

/**
 * Proves that the log's rows written between `from` and `to` (both optional) are exactly what was
 * sealed: every seal's digest and link follow from the one before, the rows between two seals are
 * exactly the ones listed, in order, with their sequence numbers (and in format 2 their times), and
 * each still hashes to its listed hash; no sealed row lies outside a seal. With `trust`:
 * - every checkpoint on the way is signed by a trusted key (the key id names it; the public key
 *   stored beside the checkpoint is never used) over the chain at its position;
 * - every row is covered by a checkpoint signed at most `checkpointMaxAgeMs` after it, or is younger
 *   than that (NOT_CHECKPOINTED): deleted checkpoints, or history rewritten and signed again later;
 * - every row of a format-2 seal carries the API's MAC, and was made (its id's time) near the time
 *   the database gave it (ROW_FORGED): rows slipped in by a role that can only INSERT.
 * Stops at the first problem.
 */
export async function verifyAccessLog(
  em: EntityManager, range: { from?: Date | null; to?: Date | null }, trust?: VerificationTrust,
): Promise<Verification> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext<Knex.Transaction>();
  const q: Query = <T>(sql: string, params: unknown[] = []) => conn.execute<T[]>(sql, params, 'all', trx);
  const from = range.from ?? new Date(0);
  const to = range.to ?? new Date('9999-12-31T00:00:00Z');
  let checked = 0;
  let last: SealRow | undefined;
  const result = (problem: IntegrityProblem | null, id: string | null): Verification =>
    ({ ok: problem === null, checked, firstBrokenId: id, problem, headPosition: last?.position ?? null, headHash: last?.chain_hash ?? null });

  const [{ now }] = await q<{ now: Date }>('select clock_timestamp() as now');
  const tooOld = (at: number) => trust !== undefined && new Date(now).getTime() - at > trust.checkpointMaxAgeMs;
  const [bounds] = await q<{ lo: string | null; hi: string | null }>(
    'select min(position) as lo, max(position) as hi from access_log_seal where last_at >= ? and first_at < ?', [from, to]);
  const [head] = await q<{ last_tx: string; last_seq: string }>('select last_tx::text, last_seq from access_log_seal order by position desc limit 1');
  const covers = new Covers(q, trust);

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
    // Past the range's last seal, the links up to the checkpoint that covers it (rows not read).
    let until = BigInt(bounds.hi!);
    for (let start = lo; start <= until; start += BigInt(SEALS_PER_READ)) {
      const seals = await q<SealRow>(`${SEAL} where position >= ? and position < ? and position <= ? order by position`,
        [start.toString(), (start + BigInt(SEALS_PER_READ)).toString(), until.toString()]);
      for (const seal of seals) {
        const firstId = seal.entry_ids[0] ?? null;
        if (BigInt(seal.position) !== expected) return result('CHAIN_BROKEN', firstId);
        expected += 1n;
        if (digestOfSeal(seal) !== seal.digest || linkHash(previous, seal.position, seal.digest) !== seal.chain_hash) {
          return result('CHAIN_BROKEN', firstId);
        }
        previous = seal.chain_hash;
        const cover = await covers.atOrAfter(seal.position);
        if (cover?.position === seal.position && cover.chain_hash !== seal.chain_hash) return result('CHECKPOINT_INVALID', firstId);
        if (BigInt(seal.position) > BigInt(bounds.hi!)) continue;
        const problem = cover ? covers.problemOf(cover) : null;
        if (problem) return result(problem, firstId);

        const rows = await sealedRows(q, seal, after);
        // Rows covered by a checkpoint of a retired key whose private key is not held keep an unchecked MAC.
        const macs = trust && (!cover || trust.macKeys.has(cover.key_id)) ? trust.macKeys : new Map<string, string>();
        const broken = compareRows(rows, seal, trust && { ...trust, macKeys: macs });
        if (broken) return result(broken.problem, broken.id);
        checked += rows.length;
        after = { tx: seal.last_tx, seq: seal.last_seq };
        last = seal;

        if (!trust || rows.length === 0) continue;
        let oldest = Infinity;
        for (const r of rows) oldest = Math.min(oldest, r.at.getTime());
        if (cover) {
          if (new Date(cover.signed_at).getTime() - oldest > trust.checkpointMaxAgeMs) return result('NOT_CHECKPOINTED', firstId);
          if (BigInt(cover.position) > until) until = BigInt(cover.position);
        } else if (tooOld(oldest)) {
          return result('NOT_CHECKPOINTED', firstId);
        }
      }
      if (seals.length === 0) break;
    }
    if (expected <= until) return result('CHAIN_BROKEN', null);
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
  // Rows not sealed yet are pending while they are young; an old one was never covered.
  if (trust) {
    const pending = await q<{ id: string }>(
      `select id from access_log where (tx, seq) > (?::xid8, ?::bigint) and at >= ? and at < ? and at < ?::timestamptz - ? * interval '1 millisecond'
       order by tx, seq limit 1`,
      [head?.last_tx ?? '0', head?.last_seq ?? '0', from, to, now, trust.checkpointMaxAgeMs]);
    if (pending.length > 0) return result('NOT_CHECKPOINTED', pending[0].id);
  }
  return result(null, null);
}

/** The checkpoints covering seals: the first at or after each position, read once each, each checked once. */
class Covers {
  private current: CheckpointRow | null | undefined;
  private readonly checked = new Map<string, IntegrityProblem | null>();
  constructor(private readonly q: Query, private readonly trust: VerificationTrust | undefined) {}

  async atOrAfter(position: string): Promise<CheckpointRow | null> {
    // Positions only grow: the cover of an earlier seal still covers this one unless it lies before it.
    if (this.current === undefined || (this.current !== null && BigInt(this.current.position) < BigInt(position))) {
      [this.current = null] = await this.q<CheckpointRow>(
        'select position, chain_hash, signed_at, key_id, signature from access_log_checkpoint where position >= ? order by position limit 1', [position]);
    }
    return this.current;
  }

  async at(position: string): Promise<CheckpointRow | null> {
    const cover = await this.atOrAfter(position);
    return cover && cover.position === position ? cover : null;
  }

  /** Trust of a checkpoint: signed by the key its key id names among the trusted ones (issue 16, finding 3). */
  problemOf(cp: CheckpointRow): IntegrityProblem | null {
    if (!this.trust) return null;
    let problem = this.checked.get(cp.position);
    if (problem === undefined) {
      const message = checkpointMessage(cp.position, cp.chain_hash, new Date(cp.signed_at));
      const trust = checkCheckpoint(this.trust.trustedKeys, cp.key_id, message, cp.signature);
      problem = trust === 'ok' ? null : trust === 'unknown-key' ? 'CHECKPOINT_UNKNOWN_KEY' : 'CHECKPOINT_INVALID';
      this.checked.set(cp.position, problem);
    }
    return problem;
  }
}

/** The rows after `after` up to the seal's own (tx, seq), in that order. */
async function sealedRows(q: Query, seal: SealRow, after: { tx: string; seq: string }): Promise<AccessLogEntry[]> {
  return (await q<Record<string, unknown>>(
    // The plain range on tx is implied by the row comparisons, but only it lets the planner see a
    // narrow index range instead of scanning the partition for every seal.
    `select * from access_log where (tx, seq) > (?::xid8, ?::bigint) and (tx, seq) <= (?::xid8, ?::bigint)
       and tx between ?::xid8 and ?::xid8 order by tx, seq`,
    [after.tx, after.seq, seal.last_tx, seal.last_seq, after.tx, seal.last_tx])).map(entryFromRow);
}

/** The seal's rows against its lists; with trust, each format-2 row's MAC and id time. Returns the first row that differs and how. */
function compareRows(rows: AccessLogEntry[], seal: SealRow, trust: VerificationTrust | undefined): { problem: IntegrityProblem; id: string } | null {
  const listed = new Set(seal.entry_ids);
  const found = new Set(rows.map((r) => r.id));
  for (let i = 0; i < Math.max(rows.length, seal.entry_ids.length); i++) {
    const row = rows[i];
    const id = seal.entry_ids[i];
    if (row?.id !== id) {
      if (id !== undefined && !found.has(id)) return { problem: 'ROW_DELETED', id };
      if (row && !listed.has(row.id)) return { problem: 'ROW_INSERTED', id: row.id };
      return { problem: 'ROW_REORDERED', id: id ?? row.id };
    }
    if (String(row.seq) !== String(seal.entry_seqs[i])) return { problem: 'ROW_REORDERED', id };
    if (row.hash !== seal.row_hashes[i] || hashOfRow(row, seal.format) !== seal.row_hashes[i]) return { problem: 'ROW_CHANGED', id };
    if (seal.format === 2) {
      if (row.at.getTime() !== new Date(seal.entry_ats?.[i] ?? NaN).getTime()) return { problem: 'ROW_CHANGED', id };
      if (trust && forged(row, trust)) return { problem: 'ROW_FORGED', id };
    }
  }
  return null;
}

/**
 * A row the API did not write: no valid MAC under any key held, or an id made far from the time the
 * database gave the row (a genuine row copied later). Without any MAC key, only the id's time counts.
 */
function forged(row: AccessLogEntry, trust: VerificationTrust): boolean {
  if (Math.abs(timeOfId(row.id) - row.at.getTime()) > trust.checkpointMaxAgeMs) return true;
  if (trust.macKeys.size === 0) return false;
  for (const key of trust.macKeys.values()) if (row.mac === rowMac(key, row.hash)) return false;
  return true;
}
