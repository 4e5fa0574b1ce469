import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { GENESIS } from './chain.js';
import { checkpointMessage, type CheckpointSigner } from './signing.js';
import { logSettings } from './settings.js';

/** One sealer at a time across all API processes on the database. */
const SEAL_LOCK = 727_274_001;

/**
 * One statement, so the horizon and the rows come from the same snapshot, and the rows never leave
 * the database: it picks the rows after the newest seal, in (tx, seq) order, of transactions below
 * the snapshot's xmin, and appends their seal with the digest and link of src/audit/chain.ts
 * (verification recomputes both in Node, so the two implementations check each other). Format 2: the
 * digest chains each row's hash, time and sequence number (`hash|at|seq` lines, sealDigestV2).
 */
const SEAL_NEXT = `with head as (
  select position, last_tx, last_seq, chain_hash from access_log_seal order by position desc limit 1
), batch as (
  select l.id, l.seq, l.at, l.hash, l.tx from access_log l
  where (l.tx, l.seq) > (coalesce((select last_tx from head), '0'::xid8), coalesce((select last_seq from head), 0))
    and l.tx < pg_snapshot_xmin(pg_current_snapshot())
  order by l.tx, l.seq limit ?
), agg as (
  select array_agg(id order by tx, seq) as ids, array_agg(seq order by tx, seq) as seqs, array_agg(hash order by tx, seq) as hashes,
    array_agg(at order by tx, seq) as ats, min(at) as first_at, max(at) as last_at, count(*) as n,
    encode(sha256(convert_to(string_agg(hash || '|' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || seq::text,
      E'\\n' order by tx, seq), 'UTF8')), 'hex') as digest,
    coalesce((select position from head), 0) + 1 as position
  from batch
), last_row as (
  select tx, seq from batch order by tx desc, seq desc limit 1
)
insert into access_log_seal (position, last_tx, last_seq, entry_ids, entry_seqs, row_hashes, entry_ats, first_at, last_at, digest, chain_hash, sealed_at, format)
select agg.position, last_row.tx, last_row.seq, agg.ids, agg.seqs, agg.hashes, agg.ats, agg.first_at, agg.last_at, agg.digest,
  encode(sha256(convert_to(coalesce((select chain_hash from head), ?) || '|' || agg.position::text || '|' || agg.digest, 'UTF8')), 'hex'), ?, 2
from agg, last_row where agg.n > 0
returning cardinality(entry_ids) as n`;

/** Rows per seal at most. */
export const SEAL_BATCH = 5000;

/**
 * Seals the next batch of rows into the chain: rows after the last seal, in (tx, seq) order, of
 * transactions older than the oldest transaction still running. Those have all committed or rolled
 * back, so no row can later appear below the new seal; no request ever waits for the sealer, and
 * an advisory lock keeps two processes from forking the chain. Returns the rows sealed.
 */
export async function sealPending(em: EntityManager, now: Date, batch = SEAL_BATCH): Promise<number> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const trx = tx.getTransactionContext<Knex.Transaction>();
    // A locked log must not hold the sealer (and its advisory lock) for ever (issue 16, finding 6).
    const ms = logSettings().writeTimeoutMs;
    await conn.execute(`set local lock_timeout = ${ms}`, [], 'run', trx);
    await conn.execute(`set local statement_timeout = ${ms * 4}`, [], 'run', trx);
    const [{ locked }] = await conn.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [SEAL_LOCK], 'all', trx);
    if (!locked) return 0;
    const sealed = await conn.execute<{ n: number }[]>(SEAL_NEXT, [batch, GENESIS, now], 'all', trx);
    return sealed[0]?.n ?? 0;
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
  const trx = em.getTransactionContext<Knex.Transaction>();
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
