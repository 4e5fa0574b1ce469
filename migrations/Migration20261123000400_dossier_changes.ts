import { Migration } from '@mikro-orm/migrations';

/** R4: merges and splits of dossiers with the state before them, so they can be undone. */
export class Migration20261123000400_dossier_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "dossier_change" ("id" uuid not null, "kind" text not null, "dossier_ids" text[] not null, "snapshot" jsonb not null, "reason" text not null, "decided_by" text not null, "decided_at" timestamptz not null, "undoes" uuid null, "undone_by" uuid null, constraint "dossier_change_pkey" primary key ("id"));`);
    this.addSql(`grant select, insert, update on dossier_change to ntk_app;`);
  }
}
