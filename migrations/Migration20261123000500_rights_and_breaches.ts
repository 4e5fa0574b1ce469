import { Migration } from '@mikro-orm/migrations';

/** R21-R25: data-subject rights requests, notices to recipients, the restriction history and the breach register. */
export class Migration20261123000500_rights_and_breaches extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "breach" ("id" uuid not null, "description" text not null, "discovered_at" timestamptz not null, "occurred_at" timestamptz null, "data_categories" text[] not null, "persons_affected_count" int not null, "person_ids" text[] not null, "measures" text not null, "reported_to_authority" boolean not null, "not_reported_reason" text null, "reported_at" timestamptz null, "recorded_by" text not null, "recorded_at" timestamptz not null, constraint "breach_pkey" primary key ("id"), constraint breach_report_check check ((reported_to_authority and reported_at is not null and not_reported_reason is null) or (not reported_to_authority and reported_at is null and not_reported_reason is not null)), constraint breach_persons_check check (persons_affected_count >= cardinality(person_ids)));`);
    this.addSql(`create index "breach_recorded_at_id_index" on "breach" ("recorded_at", "id");`);
    this.addSql(`create table "restriction_change" ("id" uuid not null, "person_id" text not null, "action" text check ("action" in ('RESTRICT', 'LIFT')) not null, "reason" text not null, "decided_by" text not null, "decided_at" timestamptz not null, "rights_request_id" uuid null, constraint "restriction_change_pkey" primary key ("id"));`);
    this.addSql(`create index "restriction_change_person_id_index" on "restriction_change" ("person_id");`);
    this.addSql(`create table "rights_request" ("id" uuid not null, "person_id" text not null, "kind" text check ("kind" in ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY')) not null, "status" text check ("status" in ('OPEN', 'EXTENDED', 'RESOLVED', 'REFUSED')) not null default 'OPEN', "received_at" timestamptz not null, "due_at" timestamptz not null, "details" text null, "verification_method" text not null, "verification_reference" text not null, "verified_by" text not null, "verified_at" timestamptz not null, "extensions" jsonb not null, "opened_by" text not null, "opened_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by" text null, "answer" text null, "refusal_reason" text null, "refusal_legal_basis" text null, "rectification" jsonb null, "report" jsonb null, "withheld_categories" text[] not null, constraint "rights_request_pkey" primary key ("id"));`);
    this.addSql(`create index "rights_request_person_id_index" on "rights_request" ("person_id");`);
    this.addSql(`create index "rights_request_status_due_at_index" on "rights_request" ("status", "due_at");`);
    this.addSql(`create table "rights_notification" ("id" uuid not null, "request_id" uuid not null, "person_id" text not null, "recipient_id" text not null, "recipient_category" text not null, "channel" text check ("channel" in ('CLIENT_SYSTEM', 'LETTER')) not null, "categories_disclosed" text[] not null, "first_disclosed_at" timestamptz not null, "last_disclosed_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'SENT')) not null default 'PENDING', "created_at" timestamptz not null, "sent_at" timestamptz null, "sent_by" text null, constraint "rights_notification_pkey" primary key ("id"));`);
    this.addSql(`create index "rights_notification_request_id_index" on "rights_notification" ("request_id");`);
    this.addSql(`create index "rights_notification_person_id_index" on "rights_notification" ("person_id");`);
    this.addSql(`alter table "rights_notification" add constraint "rights_notification_request_id_recipient_id_unique" unique ("request_id", "recipient_id");`);
    this.addSql(`alter table "restriction_change" add constraint "restriction_change_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "rights_request" add constraint "rights_request_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "rights_notification" add constraint "rights_notification_request_id_foreign" foreign key ("request_id") references "rights_request" ("id") on update cascade;`);
    this.addSql(`alter table "rights_notification" add constraint "rights_notification_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`grant select, insert, update, delete on rights_request, rights_notification to ntk_app;`);
    // R22, R25: the restriction history and the breach register are only ever added to by the API.
    this.addSql(`grant select, insert on restriction_change, breach to ntk_app;`);
  }
}
