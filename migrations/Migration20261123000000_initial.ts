import { Migration } from '@mikro-orm/migrations';

/** The domain tables and the access log table, as generated from the entities and reviewed. */
export class Migration20261123000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "access_log" ("id" uuid not null, "seq" bigserial, "at" timestamptz not null, "request_id" text not null, "action" text not null, "outcome" text not null, "reason" text null, "principal_id" text not null, "principal_category" text not null, "client" text null, "recipient_id" text not null, "recipient_category" text not null, "purpose" text null, "processing_record_version" int null, "justification" text null, "subject_type" text not null, "subject_id" text null, "person_id" text null, "fields" text[] not null, "categories" text[] not null, "operation_name" text null, "operation_id" text null, "policy_revision" text not null, "hash" text not null, constraint "access_log_pkey" primary key ("id"));`);
    this.addSql(`alter table "access_log" add constraint "access_log_seq_unique" unique ("seq");`);
    this.addSql(`create index "access_log_person_id_seq_index" on "access_log" ("person_id", "seq");`);
    this.addSql(`create index "access_log_principal_id_seq_index" on "access_log" ("principal_id", "seq");`);
    this.addSql(`create index "access_log_at_index" on "access_log" ("at");`);
    this.addSql(`create table "client_system" ("id" text not null, "organisation" text not null, "recipient_category" text not null, "roles" text[] not null, "active" boolean not null default true, "revoked_at" timestamptz null, "revoked_reason" text null, constraint "client_system_pkey" primary key ("id"));`);
    this.addSql(`create table "person" ("id" text not null, "surname" text not null, "given_names" text not null, "aliases" text[] not null default '{}', "sex" text null, "birth_date" date null, "birth_place" text null, "nationality" text null, "national_register_number" text null, "fingerprint_reference" text null, "current_institution" text null, "address" text null, "medical_notes" text null, "risk_assessment" text null, "restriction_active" boolean not null default false, "restriction_reason" text null, "restricted_since" timestamptz null, "created_at" timestamptz not null default now(), constraint "person_pkey" primary key ("id"));`);
    this.addSql(`create index "person_fingerprint_reference_index" on "person" ("fingerprint_reference");`);
    this.addSql(`create index "person_current_institution_index" on "person" ("current_institution");`);
    this.addSql(`create table "dossier" ("id" text not null, "person_id" text not null, "status" text not null default 'ACTIVE', "merged_into_id" text null, "split_from_id" text null, "created_at" timestamptz not null default now(), constraint "dossier_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_person_id_index" on "dossier" ("person_id");`);
    this.addSql(`create table "dossier_entry" ("id" uuid not null, "dossier_id" text not null, "original_dossier_id" text not null, "kind" text not null, "summary" text not null, "recorded_at" timestamptz not null, constraint "dossier_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_entry_dossier_id_index" on "dossier_entry" ("dossier_id");`);
    this.addSql(`create table "placement" ("id" uuid not null, "person_id" text not null, "institution" text not null, "admitted_at" timestamptz not null, "released_at" timestamptz null, "detention_title" text null, constraint "placement_pkey" primary key ("id"));`);
    this.addSql(`create index "placement_person_id_index" on "placement" ("person_id");`);
    this.addSql(`create table "processing_record" ("code" text not null, "name" text not null, "purpose" text not null, "legal_basis" text not null, "data_subject_categories" text[] not null, "data_categories" text[] not null, "recipient_categories" text[] not null, "retention" text not null, "requires_designation" boolean not null default false, "requires_pledge" boolean not null default false, "allowed_under_restriction" boolean not null default false, "active" boolean not null default true, "version" int not null default 1, "updated_at" timestamptz not null default now(), constraint "processing_record_pkey" primary key ("code"));`);
    this.addSql(`create table "processing_record_version" ("id" uuid not null, "code" text not null, "version" int not null, "snapshot" jsonb not null, "changed_by" text not null, "change" text not null, "changed_at" timestamptz not null, constraint "processing_record_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "processing_record_version" add constraint "processing_record_version_code_version_unique" unique ("code", "version");`);
    this.addSql(`create table "staff_member" ("id" text not null, "display_name" text not null, "roles" text[] not null, "institution" text null, "unit" text not null, "active" boolean not null default true, constraint "staff_member_pkey" primary key ("id"));`);
    this.addSql(`create table "designation" ("id" uuid not null, "staff_member_id" text not null, "processing_code" text not null, "designated_by" text not null, "valid_from" timestamptz not null, "valid_until" timestamptz null, "revoked_at" timestamptz null, "revoked_by" text null, constraint "designation_pkey" primary key ("id"));`);
    this.addSql(`create index "designation_staff_member_id_index" on "designation" ("staff_member_id");`);
    this.addSql(`create table "confidentiality_pledge" ("id" uuid not null, "staff_member_id" text not null, "signed_at" timestamptz not null, "document_reference" text not null, "recorded_by" text not null, "revoked_at" timestamptz null, constraint "confidentiality_pledge_pkey" primary key ("id"));`);
    this.addSql(`create index "confidentiality_pledge_staff_member_id_index" on "confidentiality_pledge" ("staff_member_id");`);
    this.addSql(`alter table "dossier" add constraint "dossier_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_merged_into_id_foreign" foreign key ("merged_into_id") references "dossier" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "dossier" add constraint "dossier_split_from_id_foreign" foreign key ("split_from_id") references "dossier" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "dossier_entry" add constraint "dossier_entry_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade;`);
    this.addSql(`alter table "placement" add constraint "placement_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "designation" add constraint "designation_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);
    this.addSql(`alter table "confidentiality_pledge" add constraint "confidentiality_pledge_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);
  }
}
