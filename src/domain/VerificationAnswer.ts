import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { VerificationRequest } from './VerificationRequest.js';

export interface RegisteredIdentity {
  surname: string;
  givenNames: string;
  birthDate?: string | null;
}

/**
 * R2: the police database's answer, limited to whether there is a match, the PV references, the
 * identities registered for the fingerprints and the fingerprint (AFIS) reference. The answer data
 * are erased on the R3 clocks; `erasedAt` records when, the fingerprint reference stays with the person.
 */
export class VerificationAnswer {
  id: string = randomUUID();
  request!: VerificationRequest;
  match!: boolean;
  pvReferences: string[] = [];
  identities: RegisteredIdentity[] = [];
  fingerprintReference!: string;
  receivedAt!: Date;
  erasedAt?: Date | null;
}

export const VerificationAnswerSchema = new EntitySchema<VerificationAnswer>({
  class: VerificationAnswer,
  properties: {
    id: { type: 'uuid', primary: true },
    request: { kind: 'm:1', entity: 'VerificationRequest', unique: true },
    match: { type: 'boolean' },
    pvReferences: { type: 'text[]' },
    identities: { type: 'json' },
    fingerprintReference: { type: 'text' },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    erasedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
