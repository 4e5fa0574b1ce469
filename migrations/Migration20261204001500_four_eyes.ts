import { Migration } from '@mikro-orm/migrations';

/**
 * R6, R7, four eyes (issue 16, finding 15): a designation or a confidentiality pledge counts only once
 * a second staff member has confirmed it (`confirmed_by`, `confirmed_at`); until then it is pending.
 * Rows made before this rule keep counting from when they were made, with no confirming person named
 * (`confirmed_by` null): they were made under the rule of their time, and refusing them now would
 * lock designated staff out at the upgrade. The DPO can list and revoke them as any other.
 */
export class Migration20261204001500_four_eyes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "designation" add column "confirmed_by" text null, add column "confirmed_at" timestamptz null;`);
    this.addSql(`alter table "confidentiality_pledge" add column "confirmed_by" text null, add column "confirmed_at" timestamptz null;`);
    this.addSql(`update "designation" set "confirmed_at" = "valid_from";`);
    this.addSql(`update "confidentiality_pledge" set "confirmed_at" = "signed_at";`);
  }
}
