import { Migration } from '@mikro-orm/migrations';

/** R14: legal holds stop retention; anonymisation is recorded. */
export class Migration20261123000600_retention_holds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "person" add column "legal_hold" boolean not null default false, add column "legal_hold_reason" text null, add column "anonymised_at" timestamptz null;`);
  }
}
