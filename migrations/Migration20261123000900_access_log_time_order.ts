import { Migration } from '@mikro-orm/migrations';

/**
 * The auditor's searches read the access log newest first by time, (at, seq), instead of by seq
 * (R10, bench/log-results.md). The log is partitioned by `at`, so PostgreSQL can read the yearly
 * partitions one after the other, newest first, and stop as soon as a page is full; ordered by seq
 * it had to start a scan in every partition and merge them.
 *
 * PostgreSQL orders partitions only when no default partition could hold rows between them. The
 * default partition gives way to two range partitions that catch every other time:
 * `access_log_before` (MINVALUE up to the oldest year) and `access_log_after` (after the newest year,
 * up to MAXVALUE). A write never lacks a partition (fail-closed must not turn into fail-always), and
 * access_log_ensure_partitions splits the year it makes off `access_log_after`, moving its rows.
 * Yearly partitions now reach ten years back (R5), so a log that is ten years old has its years.
 *
 * Indexes: (person_id, at, seq), (principal_id, at, seq) and (at, seq) replace the same columns with
 * seq alone and the BRIN on `at`; (tx, seq) stays for the sealer and verification.
 */
export class Migration20261123000900_access_log_time_order extends Migration {
  override async up(): Promise<void> {
    // Each partition's range, from its bound expression; null for MINVALUE or MAXVALUE.
    this.addSql(`create or replace function access_log_partition_ranges()
returns table(name text, lower timestamptz, upper timestamptz) language sql stable as $$
  select c.relname::text,
    (substring(pg_get_expr(c.relpartbound, c.oid) from $r$FROM \\('([^']+)'\\)$r$))::timestamptz,
    (substring(pg_get_expr(c.relpartbound, c.oid) from $r$TO \\('([^']+)'\\)$r$))::timestamptz
  from pg_inherits i join pg_class c on c.oid = i.inhrelid
  where i.inhparent = 'access_log'::regclass
$$;`);

    this.addSql(`create or replace function access_log_ensure_partitions(months_ahead int default 3) returns void
language plpgsql security definer set search_path = public as $$
declare
  y int;
  y_from timestamptz; y_to timestamptz; part text; after_from timestamptz;
begin
  -- Two API processes starting together must not split the same partition.
  perform pg_advisory_xact_lock(hashtext('access_log_ensure_partitions'));
  for y in extract(year from now())::int - 10 .. extract(year from now() + make_interval(months => months_ahead))::int loop
    part := 'access_log_' || y;
    continue when exists (select from pg_class where relname = part);
    y_from := make_date(y, 1, 1);
    y_to := make_date(y + 1, 1, 1);
    -- The year starts after monthly partitions kept from before yearly partitioning.
    select coalesce(max(r.upper), y_from) into y_from from access_log_partition_ranges() r
      where r.name ~ ('^access_log_' || y || '_\\d{2}$');
    continue when y_from >= y_to;
    -- Below the oldest partition, once a year has been dropped (R5): left to access_log_before.
    continue when exists (select from access_log_partition_ranges() r where r.name = 'access_log_before' and r.upper > y_from);
    select r.lower into after_from from access_log_partition_ranges() r where r.name = 'access_log_after';
    if after_from is not null and after_from <= y_from then
      -- The year comes out of access_log_after: detached, remade above the year, its rows moved back.
      alter table access_log detach partition access_log_after;
      alter table access_log_after rename to access_log_after_moved;
      execute format('create table %I partition of access_log for values from (%L) to (%L)', part, after_from, y_to);
      perform access_log_guard_partition(part);
      execute format('create table access_log_after partition of access_log for values from (%L) to (maxvalue)', y_to);
      perform access_log_guard_partition('access_log_after');
      insert into access_log select * from access_log_after_moved;
      drop table access_log_after_moved;
    else
      execute format('create table %I partition of access_log for values from (%L) to (%L)', part, y_from, y_to);
      perform access_log_guard_partition(part);
    end if;
  end loop;
end $$;`);

    this.addSql(`alter table access_log detach partition access_log_default;`);
    this.addSql(`alter table access_log_default rename to access_log_default_moved;`);
    this.addSql(`select access_log_ensure_partitions(3);`);
    this.addSql(`do $$
declare oldest timestamptz; newest timestamptz;
begin
  select min(lower), max(upper) into oldest, newest from access_log_partition_ranges();
  execute format('create table access_log_before partition of access_log for values from (minvalue) to (%L)', oldest);
  execute format('create table access_log_after partition of access_log for values from (%L) to (maxvalue)', newest);
  perform access_log_guard_partition('access_log_before');
  perform access_log_guard_partition('access_log_after');
end $$;`);
    // Rows of the default partition, unchanged (seq and tx included), back in through the parent.
    this.addSql(`insert into access_log select * from access_log_default_moved;`);
    this.addSql(`drop table access_log_default_moved;`);

    this.addSql(`create or replace function access_log_drop_partition(partition_name text) returns void language plpgsql as $$
declare newest timestamptz;
begin
  execute format('select max(at) from %I', partition_name) into newest;
  if partition_name in ('access_log_before', 'access_log_after') or newest is null or newest > now() - interval '10 years' then
    raise exception 'access_log partition % holds rows younger than 10 years (R5) or catches the times no year covers', partition_name
      using errcode = '42501';
  end if;
  execute format('alter table access_log detach partition %I', partition_name);
  execute format('drop table %I', partition_name);
end $$;`);
    this.addSql(`revoke execute on function access_log_drop_partition(text) from public;`);

    this.addSql(`create index access_log_person_id_at_seq_index on access_log (person_id, at, seq);`);
    this.addSql(`create index access_log_principal_id_at_seq_index on access_log (principal_id, at, seq);`);
    this.addSql(`create index access_log_at_seq_index on access_log (at, seq);`);
    for (const index of ['person_id_seq', 'principal_id_seq', 'seq', 'at']) this.addSql(`drop index access_log_${index}_index;`);
  }
}
