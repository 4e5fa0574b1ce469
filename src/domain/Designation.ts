import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { StaffMember } from './StaffMember.js';

/**
 * R6: an individual designation of a staff member for one processing activity. Four eyes: it is
 * proposed by one staff member (`designatedBy`) and counts only once a second one, the
 * director-general, has confirmed it (`confirmedBy`); neither may be the designated staff member.
 */
export class Designation {
  id: string = randomUUID();
  staffMember!: StaffMember;
  processingCode!: string;
  designatedBy!: string;
  /** Null while the designation waits for its confirmation. */
  confirmedBy?: string | null;
  confirmedAt?: Date | null;
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
    confirmedBy: { type: 'text', nullable: true },
    confirmedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    validFrom: { type: 'Date', columnType: 'timestamptz' },
    validUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedBy: { type: 'text', nullable: true },
  },
});

/** Confirmed (four eyes), not revoked, and within its validity. */
export function isDesignationActive(d: Pick<Designation, 'confirmedAt' | 'revokedAt' | 'validFrom' | 'validUntil'>, now: Date): boolean {
  return !!d.confirmedAt && d.confirmedAt <= now && !d.revokedAt && d.validFrom <= now && (!d.validUntil || d.validUntil > now);
}
