import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/pg-array.js';
import type { Explanation } from '../signals/explanation.js';
import { consultSql, type SignalPolicy } from '../signals/policy.js';
import type { LogPosition } from './position.js';

/** A finding this run inserted (not one it found already there): it joins its principal's case. */
export interface NewFinding {
  id: string;
  principal_id: string;
  principal_category: string;
}

/**
 * The per-read hits as findings, one per (signal, principal, person, day); OFF_HOURS one per
 * (principal, day). A finding already there (an earlier chunk of the same day) gains the new rows.
 */
export async function insertReadFindings(em: EntityManager, p: SignalPolicy, now: Date): Promise<NewFinding[]> {
  return em.execute<(NewFinding & { inserted: boolean })[]>(
    `insert into oversight_finding as f (id, signal, principal_id, principal_category, person_id, day, window_start, window_end,
       explanation, log_row_ids, dedupe_key, created_at)
     select gen_random_uuid(), g.signal, g.principal_id, g.principal_category, g.person_id, g.day,
       g.day::timestamp at time zone ?, (g.day + 1)::timestamp at time zone ?,
       jsonb_strip_nulls(jsonb_build_object('rows', g.n, 'restricted', case when g.signal = 'RESTRICTED_OR_FLAGGED' then g.restricted end,
         'flagged', case when g.signal = 'RESTRICTED_OR_FLAGGED' then g.flagged end,
         'kind', case when g.signal = 'OUTSIDE_UNIT' then 'GRANTED' end,
         'hours', case when g.signal = 'OFF_HOURS' then ?::jsonb ->> split_part(g.principal_category, '@', 1) end,
         'timeZone', case when g.signal = 'OFF_HOURS' then ?::text end)),
       g.ids[1:?::int], concat_ws('|', g.signal, g.principal_id, g.person_id, g.day), ?
     from (
       select h.signal, h.principal_id, case when h.signal = 'OFF_HOURS' then null else h.person_id end as person_id, h.day,
         (array_agg(h.principal_category order by h.at desc, h.seq desc))[1] as principal_category,
         array_agg(h.id order by h.at, h.seq) as ids, count(*)::int as n, bool_or(h.restricted) as restricted, bool_or(h.flagged) as flagged
       from oversight_read_hits h
       group by h.signal, h.principal_id, case when h.signal = 'OFF_HOURS' then null else h.person_id end, h.day
     ) g
     on conflict (dedupe_key) do update set
       log_row_ids = (f.log_row_ids || excluded.log_row_ids)[1:?::int],
       explanation = f.explanation || jsonb_build_object('rows', (f.explanation ->> 'rows')::int + (excluded.explanation ->> 'rows')::int)
     returning f.id, f.principal_id, f.principal_category, (f.xmax = 0) as inserted`,
    [p.timeZone, p.timeZone, hoursLabels(p), p.timeZone, p.maxLogRowIds, now, p.maxLogRowIds],
  ).then(onlyInserted);
}

/** A finding of an aggregate signal the rules fired on a principal's day. */
export interface DayFinding {
  signal: 'VOLUME_SPIKE' | 'REPEATED_DENIALS' | 'OUTSIDE_UNIT';
  principalId: string;
  day: string;
  explanation: Omit<Explanation, 'rows'>;
}

/**
 * Aggregate findings with the log rows they rest on, looked up by the principal's index for that
 * day up to the chunk's end: the consultations of a spike, the denials of probing or attempts.
 * Their explanation is recomputed from the day's totals when the day grows.
 */
export async function insertDayFindings(em: EntityManager, found: DayFinding[], to: LogPosition, p: SignalPolicy, now: Date): Promise<NewFinding[]> {
  if (found.length === 0) return [];
  return em.execute<(NewFinding & { inserted: boolean })[]>(
    `insert into oversight_finding as f (id, signal, principal_id, principal_category, person_id, day, window_start, window_end,
       explanation, log_row_ids, dedupe_key, created_at)
     select gen_random_uuid(), x.signal, x.principal_id, r.principal_category, null, x.day, w.start, w.end,
       x.explanation || jsonb_build_object('rows', r.n), r.ids, concat_ws('|', x.signal, x.principal_id, '', x.day), ?
     from unnest(?::text[], ?::text[], ?::date[], ?::jsonb[]) as x(signal, principal_id, day, explanation)
     cross join lateral (select x.day::timestamp at time zone ? as start, (x.day + 1)::timestamp at time zone ? as end) w
     cross join lateral (
       select count(*)::int as n, (array_agg(l.id order by l.at, l.seq))[1:?::int] as ids,
         (array_agg(l.principal_category order by l.at desc, l.seq desc))[1] as principal_category
       from access_log l
       where l.principal_id = x.principal_id and l.at >= w.start and l.at < w.end and (l.tx, l.seq) <= (?::xid8, ?::bigint)
         and case x.signal
           when 'VOLUME_SPIKE' then ${consultSql(p, 'l')}
           when 'REPEATED_DENIALS' then l.outcome = 'DENIED' and l.reason = any(?::text[])
           else l.outcome = 'DENIED' and l.reason = 'ROW_CONDITION' end
     ) r
     where r.n > 0
     on conflict (dedupe_key) do update set log_row_ids = excluded.log_row_ids, explanation = excluded.explanation
     returning f.id, f.principal_id, f.principal_category, (f.xmax = 0) as inserted`,
    [now, pgArray(found.map((f) => f.signal)), pgArray(found.map((f) => f.principalId)), pgArray(found.map((f) => f.day)),
      pgArray(found.map((f) => JSON.stringify(f.explanation))), p.timeZone, p.timeZone, p.maxLogRowIds, to.lastTx, to.lastSeq,
      pgArray(p.repeatedDenials.reasons)],
  ).then(onlyInserted);
}

/** "MON-FRI 07:00-19:00" per category, for the OFF_HOURS explanation. */
function hoursLabels(p: SignalPolicy): string {
  return JSON.stringify(Object.fromEntries(Object.entries(p.offHours).map(([c, h]) => [c, `${h.days.join(',')} ${h.from}-${h.to}`])));
}

function onlyInserted(rows: (NewFinding & { inserted: boolean })[]): NewFinding[] {
  return rows.filter((r) => r.inserted).map(({ id, principal_id, principal_category }) => ({ id, principal_id, principal_category }));
}
