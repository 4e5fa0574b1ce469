import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 20, break the glass: time-boxed emergency access of one principal to one person. The register
 * says which processing allows it (`allows_break_glass`, kept by the DPO like any other term, R19);
 * each use is a row here, tied to the review case it opened. Rows are never deleted: ending one sets
 * `ended_at` (at its time limit, by the expiry job), so the history of every use stays.
 */
export class Migration20261205003500_break_glass extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "processing_record" add column "allows_break_glass" boolean not null default false;`);
    this.addSql(`create table "break_glass" ("id" uuid not null, "principal_id" text not null, "person_id" text not null, "purpose" text not null,
      "reason_code" text not null, "justification" text not null, "categories" text[] not null, "started_at" timestamptz not null,
      "ends_at" timestamptz not null, "ended_at" timestamptz null, "review_case_id" uuid null,
      constraint "break_glass_pkey" primary key ("id"), constraint break_glass_term_check check (ends_at > started_at));`);
    // Every request loads its principal's live grants; the expiry job looks for ended ones not yet closed.
    this.addSql(`create index "break_glass_live_index" on "break_glass" ("principal_id", "ends_at") where ended_at is null;`);
    this.addSql(`create index "break_glass_expiry_index" on "break_glass" ("ends_at") where ended_at is null;`);
    this.addSql(`alter table "break_glass" add constraint "break_glass_review_case_id_foreign" foreign key ("review_case_id") references "review_case" ("id") on update cascade on delete set null;`);
    this.addSql(`grant select, insert, update on break_glass to ntk_app;`);
  }
}
