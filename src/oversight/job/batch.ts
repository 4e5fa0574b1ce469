import type { EntityManager } from '@mikro-orm/postgresql';
import { consultSql, type SignalPolicy } from '../signals/policy.js';
import type { LogPosition } from './position.js';

/**
 * The chunk's rows the signals read, copied once into a temporary table (dropped at commit): the
 * sealed rows after `from` up to `to` in (tx, seq) order that are granted consultations of a person
 * or denials. `day` is the calendar day in the policy's time zone.
 */
export async function loadBatch(em: EntityManager, from: LogPosition, to: LogPosition, p: SignalPolicy): Promise<number> {
  const consult = consultSql(p, 'l');
  await em.execute(`create temp table oversight_batch on commit drop as
    select l.id, l.at, l.tx, l.seq, l.principal_id, l.principal_category, l.person_id, l.outcome, l.reason, l.categories,
      ${consult} as consult,
      (l.justification is not null and btrim(l.justification) <> '') as justified,
      (l.at at time zone ?)::date as day
    from access_log l
    where (l.tx, l.seq) > (?::xid8, ?::bigint) and (l.tx, l.seq) <= (?::xid8, ?::bigint)
      and (${consult} or l.outcome = 'DENIED')`,
  [p.timeZone, from.lastTx, from.lastSeq, to.lastTx, to.lastSeq]);
  await em.execute('analyze oversight_batch');
  const [{ n }] = await em.execute<{ n: number }[]>('select count(*)::int as n from oversight_batch');
  return n;
}

/** Rows of the log in (from, to], all of them: what the chunk folded, for the progress count. */
export async function countChunk(em: EntityManager, from: LogPosition, to: LogPosition): Promise<number> {
  const [{ n }] = await em.execute<{ n: string }[]>(
    `select sum(cardinality(entry_ids)) as n from access_log_seal where position > ? and position <= ?`, [from.sealPosition, to.sealPosition]);
  return Number(n ?? 0);
}
