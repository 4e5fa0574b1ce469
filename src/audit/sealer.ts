import type { EntityManager } from '@mikro-orm/postgresql';
import { GENESIS, linkHash } from './chain.js';
import { checkpointMessage, type CheckpointSigner } from './signing.js';

/** One sealer at a time across all API processes on the database. */
const SEAL_LOCK = 727_274_001;

interface PendingRow { entry_id: string; seq: string; at: Date; hash: string }

/**
 * Extends the hash chain with rows committed since the last seal, in the order they became
 * visible. Runs in its own (or the caller's) transaction under an advisory lock, so request
 * commits never wait on it and two processes never fork the chain. Returns the rows sealed.
 */
export async function sealPending(em: EntityManager, now: Date, batch = 5000): Promise<number> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const trx = tx.getTransactionContext();
    const [{ locked }] = await conn.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [SEAL_LOCK], 'all', trx);
    if (!locked) return 0;
    const rows = await conn.execute<PendingRow[]>(
      `select p.entry_id, p.seq, l.at, l.hash from access_log_pending p join access_log l on l.id = p.entry_id
       order by p.seq limit ?`, [batch], 'all', trx);
    if (rows.length === 0) return 0;
    const head = await conn.execute<{ position: string; chain_hash: string }[]>(
      'select position, chain_hash from access_log_chain order by position desc limit 1', [], 'all', trx);
    let position = BigInt(head[0]?.position ?? 0);
    let previous = head[0]?.chain_hash ?? GENESIS;
    const links = rows.map((r) => {
      position += 1n;
      previous = linkHash(previous, position.toString(), r.hash);
      return { position: position.toString(), entry_id: r.entry_id, entry_seq: r.seq, entry_at: new Date(r.at).toISOString(),
        row_hash: r.hash, chain_hash: previous, sealed_at: now.toISOString() };
    });
    await conn.execute(`insert into access_log_chain select * from json_populate_recordset(null::access_log_chain, ?::json)`,
      [JSON.stringify(links)], 'run', trx);
    // One JSON parameter: the query builder would expand an array parameter into a list.
    await conn.execute('delete from access_log_pending where entry_id in (select value::uuid from json_array_elements_text(?::json))',
      [JSON.stringify(rows.map((r) => r.entry_id))], 'run', trx);
    return rows.length;
  });
}

/** Seals until nothing is pending (or another process holds the seal lock). */
export async function sealAll(em: EntityManager, now: Date): Promise<number> {
  let total = 0;
  for (let n = await sealPending(em, now); n > 0; n = await sealPending(em, now)) total += n;
  return total;
}

/** Signs the chain head when it moved since the last checkpoint. Returns the position signed, if any. */
export async function writeCheckpoint(em: EntityManager, signer: CheckpointSigner, now: Date): Promise<string | null> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  const head = await conn.execute<{ position: string; chain_hash: string }[]>(
    `select c.position, c.chain_hash from access_log_chain c
     where c.position > coalesce((select max(position) from access_log_checkpoint), 0)
     order by c.position desc limit 1`, [], 'all', trx);
  if (head.length === 0) return null;
  const { position, chain_hash } = head[0];
  const signature = signer.sign(checkpointMessage(position, chain_hash, now));
  await conn.execute(
    `insert into access_log_checkpoint (position, chain_hash, signed_at, key_id, public_key, signature) values (?, ?, ?, ?, ?, ?)
     on conflict (position) do nothing`,
    [position, chain_hash, now, signer.keyId, signer.publicKey, signature], 'run', trx);
  return position;
}
