import { Migration } from '@mikro-orm/migrations';

/**
 * R10 (internal control), issue 20: the review queue. One open case per principal (a partial unique
 * index, so concurrent oversight runs join it rather than open two); its history only ever grows.
 * A finding points at the case it joined: oversight_finding.review_case_id, when that table exists.
 */
export class Migration20261205003000_review_cases extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "review_case" ("id" uuid not null, "principal_id" text not null, "principal_category" text not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "source" text check ("source" in ('FINDING', 'BREAK_GLASS')) not null, "opened_at" timestamptz not null, "due_at" timestamptz not null, "assignee_id" text null, "verdict" text check ("verdict" in ('JUSTIFIED', 'UNJUSTIFIED', 'INCONCLUSIVE')) null, "note" text null, "closed_at" timestamptz null, "closed_by" text null, constraint "review_case_pkey" primary key ("id"), constraint review_case_closed_check check ((status = 'CLOSED') = (verdict is not null and closed_at is not null and closed_by is not null)));`);
    this.addSql(`create index "review_case_due_at_id_index" on "review_case" ("due_at", "id");`);
    this.addSql(`create index "review_case_status_due_at_index" on "review_case" ("status", "due_at");`);
    this.addSql(`create unique index "review_case_one_open_per_principal" on "review_case" ("principal_id") where status = 'OPEN';`);
    this.addSql(`create table "review_case_event" ("id" uuid not null, "seq" bigserial, "case_id" uuid not null, "kind" text check ("kind" in ('OPENED', 'FINDING_JOINED', 'BREAK_GLASS_JOINED', 'ASSIGNED', 'COMMENTED', 'CLOSED')) not null, "actor_id" text not null, "at" timestamptz not null, "text" text null, "finding_id" uuid null, "break_glass_id" uuid null, constraint "review_case_event_pkey" primary key ("id"));`);
    this.addSql(`create index "review_case_event_case_id_seq_index" on "review_case_event" ("case_id", "seq");`);
    this.addSql(`alter table "review_case_event" add constraint "review_case_event_case_id_foreign" foreign key ("case_id") references "review_case" ("id") on update cascade;`);
    this.addSql(`do $$ begin
      if to_regclass('oversight_finding') is not null then
        alter table "oversight_finding" add constraint "oversight_finding_review_case_id_foreign" foreign key ("review_case_id") references "review_case" ("id") on update cascade on delete set null;
      end if;
    end $$;`);
    this.addSql(`grant select, insert, update on review_case to ntk_app;`);
    // A case's history is only ever added to.
    this.addSql(`grant select, insert on review_case_event to ntk_app;`);
    this.addSql(`grant usage on sequence review_case_event_seq_seq to ntk_app;`);
  }
}
