import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/pg-array.js';
import { consultSql, type SignalPolicy } from '../signals/policy.js';
import type { LogPosition } from './position.js';

/**
 * Folds the chunk into oversight_daily, one row per principal and day. Counts add up; distinct
 * persons do not, so a day already folded in part is recounted from the log (by the principal's
 * index, up to the chunk's end). The principal-days the chunk touched go to `oversight_touched`.
 */
export async function foldDaily(em: EntityManager, to: LogPosition, p: SignalPolicy): Promise<void> {
  await em.execute(`create temp table oversight_touched on commit drop as
    with up as (
      insert into oversight_daily as d (principal_id, day, persons, consultations, probe_denials, row_condition_denials)
      select principal_id, day, count(distinct person_id) filter (where consult), count(*) filter (where consult),
        count(*) filter (where outcome = 'DENIED' and reason = any(?::text[])), count(*) filter (where outcome = 'DENIED' and reason = 'ROW_CONDITION')
      from oversight_batch group by principal_id, day
      on conflict (principal_id, day) do update set
        consultations = d.consultations + excluded.consultations,
        probe_denials = d.probe_denials + excluded.probe_denials,
        row_condition_denials = d.row_condition_denials + excluded.row_condition_denials,
        persons = case when excluded.persons = 0 then d.persons else (
          select count(distinct l.person_id) from access_log l
          where l.principal_id = d.principal_id and l.at >= (d.day::timestamp at time zone ?) and l.at < ((d.day + 1)::timestamp at time zone ?)
            and ${consultSql(p, 'l')} and (l.tx, l.seq) <= (?::xid8, ?::bigint)) end
      returning d.principal_id, d.day, d.persons, d.probe_denials, d.row_condition_denials
    ) select * from up`,
  [pgArray(p.repeatedDenials.reasons), p.timeZone, p.timeZone, to.lastTx, to.lastSeq]);
}

export interface DayCandidate {
  principal_id: string;
  day: string;
  persons: number;
  probe_denials: number;
  row_condition_denials: number;
  /** Distinct persons on each of the baselineDays before, most recent first (0 where nothing was logged). */
  baseline: number[];
}

/** Touched principal-days at or above a floor of an aggregate signal, with VOLUME_SPIKE's baseline. */
export async function dayCandidates(em: EntityManager, p: SignalPolicy): Promise<DayCandidate[]> {
  return em.execute<DayCandidate[]>(
    `select t.principal_id, t.day::text as day, t.persons, t.probe_denials, t.row_condition_denials,
       array(select coalesce(d.persons, 0) from generate_series(1, ?::int) k
             left join oversight_daily d on d.principal_id = t.principal_id and d.day = t.day - k order by k) as baseline
     from oversight_touched t
     where t.persons >= ? or t.probe_denials >= ? or t.row_condition_denials >= ?`,
    [p.volumeSpike.baselineDays, p.volumeSpike.floor, p.repeatedDenials.threshold, p.outsideUnit.rowConditionDenials]);
}
