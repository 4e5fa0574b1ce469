import { Migration } from '@mikro-orm/migrations';

/** R1-R3: verification requests and answers; R17, R18: disclosures to third parties. */
export class Migration20261123000300_identification_and_disclosures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "disclosure" ("id" uuid not null, "person_id" text not null, "processing_code" text not null, "legal_basis" text not null, "recipient_client_id" text not null, "recipient_category" text not null, "categories" text[] not null, "data" jsonb not null, "motivation" text not null, "authored_by" text not null, "disclosed_at" timestamptz not null, "retain_until" timestamptz not null, constraint "disclosure_pkey" primary key ("id"));`);
    this.addSql(`create index "disclosure_person_id_index" on "disclosure" ("person_id");`);
    this.addSql(`create index "disclosure_recipient_client_id_disclosed_at_index" on "disclosure" ("recipient_client_id", "disclosed_at");`);
    this.addSql(`create table "verification_request" ("id" uuid not null, "person_id" text not null, "surname" text not null, "given_names" text not null, "sex" text null, "birth_date" date null, "nationality" text null, "device_reference" text not null, "captured_at" timestamptz not null, "captured_by" text not null, "status" text not null default 'PENDING', "answered_at" timestamptz null, "decided_at" timestamptz null, "decided_by" text null, "decision" text null, constraint "verification_request_pkey" primary key ("id"));`);
    this.addSql(`create index "verification_request_person_id_index" on "verification_request" ("person_id");`);
    this.addSql(`create index "verification_request_status_captured_at_index" on "verification_request" ("status", "captured_at");`);
    this.addSql(`create table "verification_answer" ("id" uuid not null, "request_id" uuid not null, "match" boolean not null, "pv_references" text[] not null, "identities" jsonb not null, "fingerprint_reference" text not null, "received_at" timestamptz not null, "erased_at" timestamptz null, constraint "verification_answer_pkey" primary key ("id"));`);
    this.addSql(`alter table "verification_answer" add constraint "verification_answer_request_id_unique" unique ("request_id");`);
    this.addSql(`alter table "disclosure" add constraint "disclosure_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "verification_request" add constraint "verification_request_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "verification_answer" add constraint "verification_answer_request_id_foreign" foreign key ("request_id") references "verification_request" ("id") on update cascade;`);
    this.addSql(`grant select, insert, update, delete on verification_request, verification_answer, disclosure to ntk_app;`);
  }
}
