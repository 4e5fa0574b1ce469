import type { EntityManager } from '@mikro-orm/postgresql';

/** A place in the log's seal order: the last seal folded and the (tx, seq) its rows end at. */
export interface LogPosition {
  sealPosition: string;
  lastTx: string;
  lastSeq: string;
}

export const START: LogPosition = { sealPosition: '0', lastTx: '0', lastSeq: '0' };

/** Seals per chunk: up to 200 × 5,000 rows, so one chunk's transaction stays bounded. */
export const SEALS_PER_CHUNK = 200;

/** Where the last run stopped, locked for this transaction (the advisory lock already keeps runs apart). */
export async function readProgress(em: EntityManager): Promise<LogPosition> {
  const [row] = await em.execute<{ seal_position: string; last_tx: string; last_seq: string }[]>(
    `select seal_position, last_tx::text as last_tx, last_seq from oversight_progress where name = 'signals' for update`);
  return row ? { sealPosition: String(row.seal_position), lastTx: row.last_tx, lastSeq: String(row.last_seq) } : START;
}

/** The end of the next chunk: the seal up to SEALS_PER_CHUNK after `from`, or null when nothing new is sealed. */
export async function nextChunkEnd(em: EntityManager, from: LogPosition, untilSeal?: string, seals = SEALS_PER_CHUNK): Promise<LogPosition | null> {
  let last = BigInt(from.sealPosition) + BigInt(seals);
  if (untilSeal !== undefined && BigInt(untilSeal) < last) last = BigInt(untilSeal);
  const [row] = await em.execute<{ position: string; last_tx: string; last_seq: string }[]>(
    `select position, last_tx::text as last_tx, last_seq from access_log_seal
     where position > ? and position <= ? order by position desc limit 1`,
    [from.sealPosition, String(last)]);
  return row ? { sealPosition: String(row.position), lastTx: row.last_tx, lastSeq: String(row.last_seq) } : null;
}

export async function writeProgress(em: EntityManager, to: LogPosition, rows: number, now: Date): Promise<void> {
  await em.execute(
    `insert into oversight_progress (name, seal_position, last_tx, last_seq, rows_folded, updated_at) values ('signals', ?, ?::xid8, ?, ?, ?)
     on conflict (name) do update set seal_position = excluded.seal_position, last_tx = excluded.last_tx, last_seq = excluded.last_seq,
       rows_folded = oversight_progress.rows_folded + excluded.rows_folded, updated_at = excluded.updated_at`,
    [to.sealPosition, to.lastTx, to.lastSeq, rows, now]);
}
