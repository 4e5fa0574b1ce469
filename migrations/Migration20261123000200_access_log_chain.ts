import { Migration } from '@mikro-orm/migrations';

/**
 * The access log as it is kept for the long run (R5, R10):
 * - partitioned by month on `at`, with a default partition so a write never fails for want of one;
 *   partitions are only ever dropped through access_log_drop_partition(), which refuses any
 *   partition holding rows younger than 10 years (R5);
 * - `access_log_pending`: rows written but not yet sealed into the hash chain; a request inserts
 *   its rows and their pending marks in one statement, so commits never wait on the chain;
 * - `access_log_chain`: one link per row, in seal order, each hashing the previous link and the
 *   row's hash; `access_log_checkpoint`: Ed25519-signed chain heads for verification outside.
 * The chain and checkpoints are append-only like the log.
 */
export class Migration20261123000200_access_log_chain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table access_log rename to access_log_unpartitioned;`);
    this.addSql(`alter table access_log_unpartitioned rename constraint access_log_pkey to access_log_unpartitioned_pkey;`);
    this.addSql(`create table access_log (
      id uuid not null, seq bigint not null default nextval('access_log_seq_seq'), at timestamptz not null,
      request_id text not null, action text not null, outcome text not null, reason text null,
      principal_id text not null, principal_category text not null, client text null,
      recipient_id text not null, recipient_category text not null, purpose text null,
      processing_record_version int null, justification text null, subject_type text not null,
      subject_id text null, person_id text null, fields text[] not null, categories text[] not null,
      operation_name text null, operation_id text null, policy_revision text not null, hash text not null,
      constraint access_log_pkey primary key (id, at)
    ) partition by range (at);`);
    this.addSql(`alter sequence access_log_seq_seq owned by access_log.seq;`);
    this.addSql(`create or replace function access_log_guard_partition(name text) returns void language plpgsql as $$
begin
  -- A TRUNCATE of a partition bypasses the parent's statement trigger: each partition gets its own.
  execute format('create trigger %I before truncate on %I for each statement execute function access_log_refuse_change()',
    name || '_no_truncate', name);
end $$;`);
    this.addSql(`create or replace function access_log_ensure_partitions(months_ahead int default 3) returns void
language plpgsql security definer set search_path = public as $$
declare
  start date := date_trunc('month', now())::date;
  m int;
  lower date; upper date; name text;
begin
  for m in 0..months_ahead loop
    lower := (start + make_interval(months => m))::date;
    upper := (lower + interval '1 month')::date;
    name := 'access_log_' || to_char(lower, 'YYYY_MM');
    if not exists (select from pg_class where relname = name) then
      execute format('create table %I partition of access_log for values from (%L) to (%L)', name, lower, upper);
      perform access_log_guard_partition(name);
    end if;
  end loop;
end $$;`);
    this.addSql(`create table access_log_default partition of access_log default;`);
    this.addSql(`select access_log_guard_partition('access_log_default');`);
    this.addSql(`select access_log_ensure_partitions(3);`);
    this.addSql(`insert into access_log select id, seq, at, request_id, action, outcome, reason, principal_id, principal_category, client,
      recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id, person_id,
      fields, categories, operation_name, operation_id, policy_revision, hash from access_log_unpartitioned;`);
    this.addSql(`drop table access_log_unpartitioned;`);
    this.addSql(`create index access_log_person_id_seq_index on access_log (person_id, seq);`);
    this.addSql(`create index access_log_principal_id_seq_index on access_log (principal_id, seq);`);
    this.addSql(`create index access_log_purpose_seq_index on access_log (purpose, seq);`);
    this.addSql(`create index access_log_recipient_id_seq_index on access_log (recipient_id, seq);`);
    this.addSql(`create index access_log_seq_index on access_log (seq);`);
    this.addSql(`create index access_log_at_index on access_log (at);`);
    this.addSql(`create index access_log_categories_index on access_log using gin (categories);`);
    this.addSql(`create trigger access_log_no_update_delete before update or delete on access_log for each row execute function access_log_refuse_change();`);
    this.addSql(`create trigger access_log_no_truncate before truncate on access_log for each statement execute function access_log_refuse_change();`);

    this.addSql(`create table access_log_pending (entry_id uuid not null primary key, seq bigint not null);`);
    this.addSql(`create table access_log_chain (
      position bigint not null primary key, entry_id uuid not null constraint access_log_chain_entry_id_unique unique, entry_seq bigint not null, entry_at timestamptz not null,
      row_hash text not null, chain_hash text not null, sealed_at timestamptz not null);`);
    this.addSql(`create index access_log_chain_entry_at_index on access_log_chain (entry_at);`);
    this.addSql(`create table access_log_checkpoint (
      position bigint not null primary key, chain_hash text not null, signed_at timestamptz not null,
      key_id text not null, public_key text not null, signature text not null);`);
    for (const t of ['access_log_chain', 'access_log_checkpoint']) {
      this.addSql(`create trigger ${t}_no_update_delete before update or delete on ${t} for each row execute function access_log_refuse_change();`);
      this.addSql(`create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function access_log_refuse_change();`);
    }

    this.addSql(`create or replace function access_log_drop_partition(partition_name text) returns void language plpgsql as $$
declare newest timestamptz;
begin
  execute format('select max(at) from %I', partition_name) into newest;
  if partition_name = 'access_log_default' or newest is null or newest > now() - interval '10 years' then
    raise exception 'access_log partition % holds rows younger than 10 years (R5) or is the default partition', partition_name
      using errcode = '42501';
  end if;
  execute format('alter table access_log detach partition %I', partition_name);
  execute format('drop table %I', partition_name);
end $$;`);

    this.addSql(`grant select, insert on access_log, access_log_chain, access_log_checkpoint to ntk_app;`);
    this.addSql(`grant select, insert, delete on access_log_pending to ntk_app;`);
    this.addSql(`grant usage on sequence access_log_seq_seq to ntk_app;`);
    this.addSql(`grant select on mikro_orm_migrations to ntk_app;`);
    this.addSql(`grant execute on function access_log_ensure_partitions(int) to ntk_app;`);
    this.addSql(`revoke execute on function access_log_drop_partition(text) from public;`);
  }
}
