import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { StaffMember } from './StaffMember.js';

/**
 * R7: a written confidentiality pledge, referenced to the document in the personnel file. Four eyes:
 * recorded by one staff member, it counts only once a second one has confirmed it; neither may be
 * the staff member who signed it.
 */
export class ConfidentialityPledge {
  id: string = randomUUID();
  staffMember!: StaffMember;
  signedAt!: Date;
  documentReference!: string;
  recordedBy!: string;
  /** Null while the pledge waits for its confirmation. */
  confirmedBy?: string | null;
  confirmedAt?: Date | null;
  revokedAt?: Date | null;
}

export const ConfidentialityPledgeSchema = new EntitySchema<ConfidentialityPledge>({
  class: ConfidentialityPledge,
  properties: {
    id: { type: 'uuid', primary: true },
    staffMember: { kind: 'm:1', entity: 'StaffMember', index: true },
    signedAt: { type: 'Date', columnType: 'timestamptz' },
    documentReference: { type: 'text' },
    recordedBy: { type: 'text' },
    confirmedBy: { type: 'text', nullable: true },
    confirmedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** Confirmed (four eyes), signed, and not revoked. */
export function isPledgeActive(p: Pick<ConfidentialityPledge, 'confirmedAt' | 'revokedAt' | 'signedAt'>, now: Date): boolean {
  return !!p.confirmedAt && p.confirmedAt <= now && !p.revokedAt && p.signedAt <= now;
}
