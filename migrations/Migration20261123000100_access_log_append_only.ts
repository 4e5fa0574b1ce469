import { Migration } from '@mikro-orm/migrations';

/**
 * R5/R10: the access log is append-only. A trigger refuses UPDATE, DELETE and TRUNCATE for every
 * role that does not disable triggers (only a superuser can); the application role `ntk_app` is
 * granted INSERT and SELECT on the log and nothing more. What a superuser can still do, and how the
 * hash chain catches it, is in docs/access-log.md.
 */
export class Migration20261123000100_access_log_append_only extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function access_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'access_log is append-only: % refused', tg_op using errcode = '42501';
end $$;`);
    this.addSql(`create trigger access_log_no_update_delete before update or delete on access_log for each row execute function access_log_refuse_change();`);
    this.addSql(`create trigger access_log_no_truncate before truncate on access_log for each statement execute function access_log_refuse_change();`);
    this.addSql(`do $$ begin
  if not exists (select from pg_roles where rolname = 'ntk_app') then create role ntk_app nologin; end if;
end $$;`);
    this.addSql(`grant select, insert, update, delete on person, placement, dossier, dossier_entry, processing_record, processing_record_version, staff_member, designation, confidentiality_pledge, client_system to ntk_app;`);
    this.addSql(`grant select, insert on access_log to ntk_app;`);
    this.addSql(`grant usage on sequence access_log_seq_seq to ntk_app;`);
    this.addSql(`revoke update, delete, truncate on access_log from ntk_app;`);
  }
}
