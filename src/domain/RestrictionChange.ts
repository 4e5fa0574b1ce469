import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';

export type RestrictionAction = 'RESTRICT' | 'LIFT';

/**
 * R22: one placing or lifting of the restriction marking, with why and by whom. The marking itself
 * lives on the person (restrictionActive, restrictionReason, restrictedSince); this is its history.
 */
export class RestrictionChange {
  id: string = randomUUID();
  person!: Person;
  action!: RestrictionAction;
  reason!: string;
  decidedBy!: string;
  decidedAt!: Date;
  /** The rights request it answers, when it came from one (R21 RESTRICTION). */
  rightsRequestId?: string | null;
}

export const RestrictionChangeSchema = new EntitySchema<RestrictionChange>({
  class: RestrictionChange,
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    action: { enum: true, items: () => ['RESTRICT', 'LIFT'] },
    reason: { type: 'text' },
    decidedBy: { type: 'text' },
    decidedAt: { type: 'Date', columnType: 'timestamptz' },
    rightsRequestId: { type: 'uuid', nullable: true },
  },
});
