import { EntitySchema } from '@mikro-orm/core';

/**
 * Issue 20, break the glass: one time-boxed emergency access of a principal to one person, under a
 * purpose whose register entry allows it. Never deleted; `endedAt` is set when its end is logged
 * (src/emergency/expiry.ts). Read and written by src/emergency with plain SQL; declared here so the
 * schema and its migration stay checked against each other.
 */
export class BreakGlass {
  id!: string;
  principalId!: string;
  personId!: string;
  purpose!: string;
  reasonCode!: string;
  justification!: string;
  categories: string[] = [];
  startedAt!: Date;
  endsAt!: Date;
  endedAt?: Date | null;
  /** The review case its use opened or joined (src/oversight/cases/open-case.ts). */
  reviewCase?: { id: string } | null;
}

export const BreakGlassSchema = new EntitySchema<BreakGlass>({
  class: BreakGlass,
  tableName: 'break_glass',
  indexes: [
    // Every request loads its principal's live grants; the expiry job looks for ended ones not yet closed.
    { name: 'break_glass_live_index', expression: `create index "break_glass_live_index" on "break_glass" ("principal_id", "ends_at") where ended_at is null` },
    { name: 'break_glass_expiry_index', expression: `create index "break_glass_expiry_index" on "break_glass" ("ends_at") where ended_at is null` },
  ],
  checks: [{ name: 'break_glass_term_check', expression: 'ends_at > started_at' }],
  properties: {
    id: { type: 'uuid', primary: true },
    principalId: { type: 'text' },
    personId: { type: 'text' },
    purpose: { type: 'text' },
    reasonCode: { type: 'text' },
    justification: { type: 'text' },
    categories: { type: 'text[]' },
    startedAt: { type: 'Date', columnType: 'timestamptz' },
    endsAt: { type: 'Date', columnType: 'timestamptz' },
    endedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reviewCase: { kind: 'm:1', entity: 'ReviewCase', nullable: true },
  },
});
