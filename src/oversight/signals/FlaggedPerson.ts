import { EntitySchema } from '@mikro-orm/core';

/**
 * A person the DPO marked as high-profile (R10, issue 20): every consultation of them is a
 * RESTRICTED_OR_FLAGGED finding. Kept in the database, not in policies/, so no person id is committed.
 */
export class FlaggedPerson {
  personId!: string;
  flaggedBy!: string;
  flaggedAt!: Date;
}

export const FlaggedPersonSchema = new EntitySchema<FlaggedPerson>({
  class: FlaggedPerson,
  tableName: 'oversight_flagged_person',
  properties: {
    personId: { type: 'text', primary: true },
    flaggedBy: { type: 'text' },
    flaggedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
