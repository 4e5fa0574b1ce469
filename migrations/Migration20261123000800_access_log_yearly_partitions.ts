import { Migration } from '@mikro-orm/migrations';

/**
 * The access log is partitioned by year instead of by month (R5). Ten years of monthly partitions
 * are 121 partitions, and PostgreSQL plans a search by person over each of them: about 10 ms of
 * planning per query here, more than the search itself (bench/log-results.md). Eleven yearly
 * partitions keep planning near a millisecond, and retention still drops whole partitions once
 * their newest row is 10 years old.
 *
 * Monthly partitions that hold no rows are dropped; those with rows stay, and each year's partition
 * starts after the last monthly partition of that year. Rows in the default partition (logged at a
 * time no monthly partition covered) would fall inside the new yearly ranges, which PostgreSQL
 * refuses: the default partition is detached first and its rows, unchanged (seq and tx included),
 * go back in through the parent once the yearly partitions exist.
 */
export class Migration20261123000800_access_log_yearly_partitions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
declare p record; n bigint;
begin
  for p in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'access_log'::regclass and c.relname ~ '^access_log_\\d{4}_\\d{2}$' loop
    execute format('select count(*) from (select 1 from %I limit 1) x', p.relname) into n;
    if n = 0 then execute format('drop table %I', p.relname); end if;
  end loop;
end $$;`);
    this.addSql(`create or replace function access_log_ensure_partitions(months_ahead int default 3) returns void
language plpgsql security definer set search_path = public as $$
declare
  y int;
  lower date; upper date; name text;
begin
  for y in extract(year from now())::int .. extract(year from now() + make_interval(months => months_ahead))::int loop
    name := 'access_log_' || y;
    upper := make_date(y + 1, 1, 1);
    -- The year's partition starts after the monthly partitions kept from before yearly partitioning.
    select coalesce(max(to_date(substr(c.relname, 12), 'YYYY_MM') + interval '1 month'), make_date(y, 1, 1))::date into lower
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'access_log'::regclass and c.relname ~ ('^access_log_' || y || '_\\d{2}$');
    if lower < upper and not exists (select from pg_class where relname = name) then
      execute format('create table %I partition of access_log for values from (%L) to (%L)', name, lower, upper);
      perform access_log_guard_partition(name);
    end if;
  end loop;
end $$;`);
    this.addSql(`alter table access_log detach partition access_log_default;`);
    this.addSql(`alter table access_log_default rename to access_log_default_moved;`);
    this.addSql(`create table access_log_default partition of access_log default;`);
    this.addSql(`select access_log_guard_partition('access_log_default');`);
    this.addSql(`select access_log_ensure_partitions(3);`);
    this.addSql(`insert into access_log select * from access_log_default_moved;`);
    this.addSql(`drop table access_log_default_moved;`);
  }
}
