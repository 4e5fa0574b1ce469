import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { GENESIS, linkHash, sealDigest } from './chain.js';
import { checkpointMessage, type CheckpointSigner } from './signing.js';

/** One sealer at a time across all API processes on the database. */
const SEAL_LOCK = 727_274_001;

interface Row { id: string; seq: string; at_ms: string; hash: string; tx_text: string }
interface Head { position: string; last_tx: string; last_seq: string; chain_hash: string }

/** The newest seal: where the chain stands and where the next batch starts. */
export const HEAD = 'select position, last_tx::text, last_seq, chain_hash from access_log_seal order by position desc limit 1';

/**
 * Seals the next batch of rows into the chain: rows after the last seal, in (tx, seq) order, of
 * transactions older than the oldest transaction still running. Those have all committed or rolled
 * back, so no row can later appear below the new seal; no request ever waits for the sealer, and
 * an advisory lock keeps two processes from forking the chain. Returns the rows sealed.
 */
export const SEAL_BATCH = 5000;

export async function sealPending(em: EntityManager, now: Date, batch = SEAL_BATCH): Promise<number> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const trx = tx.getTransactionContext();
    const [{ locked }] = await conn.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [SEAL_LOCK], 'all', trx);
    if (!locked) return 0;
    const [head] = await conn.execute<Head[]>(HEAD, [], 'all', trx);
    // One statement, so the horizon and the rows come from the same snapshot. Ordered by the xid8
    // column itself: its text form would sort '10' before '9'.
    const rows = await conn.execute<Row[]>(
      `select id, seq, (extract(epoch from at) * 1000)::bigint as at_ms, hash, tx::text as tx_text from access_log
       where (tx, seq) > (?::xid8, ?::bigint) and tx < pg_snapshot_xmin(pg_current_snapshot())
       order by access_log.tx, access_log.seq limit ?`, [head?.last_tx ?? '0', head?.last_seq ?? 0, batch], 'all', trx);
    if (rows.length === 0) return 0;
    const position = (BigInt(head?.position ?? 0) + 1n).toString();
    const hashes = rows.map((r) => r.hash);
    const digest = sealDigest(hashes);
    // Milliseconds, not Dates: the driver would parse one timestamp per row for two values.
    const times = rows.map((r) => Number(r.at_ms));
    const last = rows[rows.length - 1];
    await conn.execute(
      `insert into access_log_seal (position, last_tx, last_seq, entry_ids, entry_seqs, row_hashes, first_at, last_at, digest, chain_hash, sealed_at)
       values (?, ?::xid8, ?, ?::uuid[], ?::bigint[], ?::text[], ?, ?, ?, ?, ?)`,
      [position, last.tx_text, last.seq, pgArray(rows.map((r) => r.id)), pgArray(rows.map((r) => r.seq)), pgArray(hashes),
        new Date(Math.min(...times)), new Date(Math.max(...times)), digest, linkHash(head?.chain_hash ?? GENESIS, position, digest), now],
      'run', trx);
    return rows.length;
  });
}

/** Seals until nothing is ready (or another process holds the seal lock): a batch short of full was the last. */
export async function sealAll(em: EntityManager, now: Date): Promise<number> {
  let total = 0;
  for (let n = SEAL_BATCH; n === SEAL_BATCH;) {
    n = await sealPending(em, now);
    total += n;
  }
  return total;
}

/** Signs the chain head when it moved since the last checkpoint. Returns the position signed, if any. */
export async function writeCheckpoint(em: EntityManager, signer: CheckpointSigner, now: Date): Promise<string | null> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  const head = await conn.execute<{ position: string; chain_hash: string }[]>(
    `select position, chain_hash from access_log_seal
     where position > coalesce((select max(position) from access_log_checkpoint), 0)
     order by position desc limit 1`, [], 'all', trx);
  if (head.length === 0) return null;
  const { position, chain_hash } = head[0];
  const signature = signer.sign(checkpointMessage(position, chain_hash, now));
  await conn.execute(
    `insert into access_log_checkpoint (position, chain_hash, signed_at, key_id, public_key, signature) values (?, ?, ?, ?, ?, ?)
     on conflict (position) do nothing`,
    [position, chain_hash, now, signer.keyId, signer.publicKey, signature], 'run', trx);
  return position;
}
