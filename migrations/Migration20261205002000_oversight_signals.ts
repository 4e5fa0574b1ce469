import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 20, R10 (internal control): the oversight job's tables (src/oversight/job).
 * - `oversight_finding`: one explainable misuse signal, citing the log rows it rests on; unique by
 *   `dedupe_key`, so a rerun or a concurrent run finds a finding instead of repeating it. The review
 *   queue's migration adds the foreign key on `review_case_id` once `review_case` exists.
 * - `oversight_daily`: a principal's day folded (distinct persons consulted, denials), so the 28-day
 *   baseline of VOLUME_SPIKE is a read of 28 rows, not a scan of the log.
 * - `oversight_progress`: the last seal folded; only rows the chain covers are judged.
 * - `oversight_flagged_person`: persons the DPO marked as high-profile (RESTRICTED_OR_FLAGGED).
 * - `oversight_surname_key(text)`: SAME_SURNAME's normalised surname, the twin of surnameKey() in
 *   src/oversight/signals/surname.ts (a test runs both over the same names): the family-name part
 *   (before a comma, else the whole), lower-cased, without diacritics, its last word, so particles
 *   such as "van der" or "de" do not count.
 */
export class Migration20261205002000_oversight_signals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "oversight_finding" ("id" uuid not null, "signal" text not null, "principal_id" text not null, "principal_category" text not null, "person_id" text null, "day" date not null, "window_start" timestamptz not null, "window_end" timestamptz not null, "explanation" jsonb not null, "log_row_ids" uuid[] not null, "dedupe_key" text not null, "created_at" timestamptz not null, "review_case_id" uuid null, constraint "oversight_finding_pkey" primary key ("id"));`);
    this.addSql(`create index "oversight_finding_day_id_index" on "oversight_finding" ("day", "id");`);
    this.addSql(`create index "oversight_finding_principal_id_day_id_index" on "oversight_finding" ("principal_id", "day", "id");`);
    this.addSql(`create index "oversight_finding_review_case_id_index" on "oversight_finding" ("review_case_id");`);
    this.addSql(`alter table "oversight_finding" add constraint "oversight_finding_dedupe_key_unique" unique ("dedupe_key");`);

    this.addSql(`create table "oversight_flagged_person" ("person_id" text not null, "flagged_by" text not null, "flagged_at" timestamptz not null, constraint "oversight_flagged_person_pkey" primary key ("person_id"));`);
    this.addSql(`create table "oversight_daily" ("principal_id" text not null, "day" date not null, "persons" int not null, "consultations" int not null, "probe_denials" int not null, "row_condition_denials" int not null, constraint "oversight_daily_pkey" primary key ("principal_id", "day"));`);
    this.addSql(`create table "oversight_progress" ("name" text not null, "seal_position" bigint not null, "last_tx" xid8 not null, "last_seq" bigint not null, "rows_folded" bigint not null, "updated_at" timestamptz not null, constraint "oversight_progress_pkey" primary key ("name"));`);

    this.addSql(`create or replace function oversight_surname_key(name text) returns text language sql immutable parallel safe as $$
  select coalesce(substring(translate(lower(split_part(name, ',', 1)),
    'àáâãäåāăąçćčďđèéêëēėęěìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿžźżß''’',
    'aaaaaaaaacccddeeeeeeeeiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzzs')
    from '([^[:space:]]+)[[:space:]]*$'), '')
$$;`);

    this.addSql(`grant select, insert, update on oversight_finding, oversight_daily, oversight_progress to ntk_app;`);
    this.addSql(`grant select, insert, delete on oversight_flagged_person to ntk_app;`);
  }
}
