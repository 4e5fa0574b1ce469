import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/pg-array.js';
import { minuteOf, WEEKDAYS, type SignalPolicy } from '../signals/policy.js';

/** The working hours of the policy as rows for SQL: ISO weekdays (1 = Monday) and minutes of the day. */
export function hoursRows(p: SignalPolicy): string {
  return JSON.stringify(Object.entries(p.offHours).map(([category, h]) => ({
    category, days: h.days.map((d) => WEEKDAYS.indexOf(d) + 1), from: minuteOf(h.from), to: minuteOf(h.to),
  })));
}

/**
 * The per-read signals of the chunk's granted consultations, set-based: the SQL twin of
 * classifyRead() and isOffHours() in src/oversight/signals/rules.ts. Domain tables are read once
 * per chunk (staff, persons with their normalised surname, flags); placements and tasks are looked
 * up only for reads of a person not now at the principal's institution. Hits go to
 * `oversight_read_hits`, one row per (signal, log row).
 */
export async function findReadSignals(em: EntityManager, p: SignalPolicy): Promise<void> {
  await em.execute(`create temp table oversight_read_hits on commit drop as
    with staff as materialized (
      select id, institution, oversight_surname_key(display_name) as surname from staff_member
    ), persons as materialized (
      select p.id, p.current_institution, oversight_surname_key(p.surname) as surname,
        case when p.restriction_active then coalesce(p.restricted_since, '-infinity') end as restricted_since
      from person p where p.id in (select person_id from oversight_batch where consult)
    ), hours as (
      select * from jsonb_to_recordset(?::jsonb) as h(category text, days int[], "from" int, "to" int)
    ), reads as (
      select b.id, b.at, b.seq, b.principal_id, b.principal_category, b.person_id, b.day,
        case when s.institution is not null and pe.current_institution is distinct from s.institution
          and not exists (select from placement pl where pl.person_id = b.person_id and pl.institution = s.institution
                          and pl.admitted_at <= b.at and (pl.released_at is null or pl.released_at > b.at))
          and not exists (select from verification_request v where v.person_id = b.person_id and b.principal_id in (v.captured_by, v.decided_by))
          and not exists (select from rights_request r where r.person_id = b.person_id and b.principal_id in (r.opened_by, r.verified_by, r.resolved_by))
          and not exists (select from disclosure d where d.person_id = b.person_id and d.authored_by = b.principal_id)
          and not exists (select from dossier_change c join dossier o on o.id = any(c.dossier_ids)
                          where o.person_id = b.person_id and c.decided_by = b.principal_id)
        then case when b.justified then 'OUTSIDE_UNIT' else 'UNEXPLAINED' end end as unit_signal,
        (s.surname <> '' and s.surname = pe.surname) as same_surname,
        (pe.restricted_since <= b.at) as restricted,
        (f.person_id is not null) as flagged,
        (b.categories <@ ?::text[]) as only_ignored,
        case when h.category is null then false else not (case
          when h."from" < h."to" then extract(isodow from l.t)::int = any(h.days) and l.m >= h."from" and l.m < h."to"
          else (extract(isodow from l.t)::int = any(h.days) and l.m >= h."from")
            or ((extract(isodow from l.t)::int + 5) % 7 + 1 = any(h.days) and l.m < h."to") end) end as off_hours
      from oversight_batch b
      left join staff s on s.id = b.principal_id
      left join persons pe on pe.id = b.person_id
      left join oversight_flagged_person f on f.person_id = b.person_id
      left join hours h on h.category = split_part(b.principal_category, '@', 1)
      cross join lateral (select b.at at time zone ? as t,
        (extract(hour from b.at at time zone ?) * 60 + extract(minute from b.at at time zone ?))::int as m) l
      where b.consult
    )
    select x.signal, r.id, r.at, r.seq, r.principal_id, r.principal_category, r.person_id, r.day, r.restricted, r.flagged
    from reads r cross join lateral (values
      (r.unit_signal),
      (case when r.same_surname then 'SAME_SURNAME' end),
      (case when (r.restricted or r.flagged) and not r.only_ignored then 'RESTRICTED_OR_FLAGGED' end),
      (case when r.off_hours then 'OFF_HOURS' end)) x(signal)
    where x.signal is not null`,
  [hoursRows(p), pgArray(p.restrictedOrFlagged.ignoreCategoriesOnly), p.timeZone, p.timeZone, p.timeZone]);
}
