import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { StaffMember } from './StaffMember.js';

/** R7: a written confidentiality pledge, referenced to the document in the personnel file. */
export class ConfidentialityPledge {
  id: string = randomUUID();
  staffMember!: StaffMember;
  signedAt!: Date;
  documentReference!: string;
  recordedBy!: string;
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
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

export function isPledgeActive(p: Pick<ConfidentialityPledge, 'revokedAt' | 'signedAt'>, now: Date): boolean {
  return !p.revokedAt && p.signedAt <= now;
}
