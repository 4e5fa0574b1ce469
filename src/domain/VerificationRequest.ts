import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';

export type VerificationStatus = 'PENDING' | 'ANSWERED' | 'AGREED' | 'UNDER_INVESTIGATION' | 'CLOSED';

/**
 * R1: the automated identity verification made at every new registration. It carries only what
 * art. 2 allows — names, sex, birth date and nationality where known, and the capture device's
 * reference — copied at capture time, and every capture is traceable by time and device.
 */
export class VerificationRequest {
  id: string = randomUUID();
  person!: Person;
  surname!: string;
  givenNames!: string;
  sex?: string | null;
  birthDate?: string | null;
  nationality?: string | null;
  deviceReference!: string;
  capturedAt!: Date;
  capturedBy!: string;
  status: VerificationStatus = 'PENDING';
  /** When the police database answered (R3 clocks run from here). */
  answeredAt?: Date | null;
  decidedAt?: Date | null;
  decidedBy?: string | null;
  decision?: string | null;
}

export const VerificationRequestSchema = new EntitySchema<VerificationRequest>({
  class: VerificationRequest,
  indexes: [{ properties: ['status', 'capturedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    surname: { type: 'text' },
    givenNames: { type: 'text' },
    sex: { type: 'text', nullable: true },
    birthDate: { type: 'date', nullable: true },
    nationality: { type: 'text', nullable: true },
    deviceReference: { type: 'text' },
    capturedAt: { type: 'Date', columnType: 'timestamptz' },
    capturedBy: { type: 'text' },
    status: { type: 'text', default: 'PENDING' },
    answeredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    decidedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    decidedBy: { type: 'text', nullable: true },
    decision: { type: 'text', nullable: true },
  },
});
