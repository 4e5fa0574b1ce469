import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { StaffMember } from './StaffMember.js';

/** R6: an individual designation of a staff member for one processing activity. */
export class Designation {
  id: string = randomUUID();
  staffMember!: StaffMember;
  processingCode!: string;
  designatedBy!: string;
  validFrom: Date = new Date();
  validUntil?: Date | null;
  revokedAt?: Date | null;
  revokedBy?: string | null;
}

export const DesignationSchema = new EntitySchema<Designation>({
  class: Designation,
  properties: {
    id: { type: 'uuid', primary: true },
    staffMember: { kind: 'm:1', entity: 'StaffMember', index: true },
    processingCode: { type: 'text' },
    designatedBy: { type: 'text' },
    validFrom: { type: 'Date', columnType: 'timestamptz' },
    validUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedBy: { type: 'text', nullable: true },
  },
});

export function isDesignationActive(d: Pick<Designation, 'revokedAt' | 'validFrom' | 'validUntil'>, now: Date): boolean {
  return !d.revokedAt && d.validFrom <= now && (!d.validUntil || d.validUntil > now);
}
