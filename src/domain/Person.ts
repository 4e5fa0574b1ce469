import { Collection, EntitySchema } from '@mikro-orm/core';
import type { Placement } from './Placement.js';
import type { Dossier } from './Dossier.js';

/** A data subject: a detainee known to the administration. Knows nothing of permissions. */
export class Person {
  id!: string;
  surname!: string;
  givenNames!: string;
  aliases: string[] = [];
  sex?: string | null;
  birthDate?: string | null;
  birthPlace?: string | null;
  nationality?: string | null;
  nationalRegisterNumber?: string | null;
  fingerprintReference?: string | null;
  /** Institution of the current placement, kept beside the history so row conditions are one column. */
  currentInstitution?: string | null;
  address?: string | null;
  medicalNotes?: string | null;
  riskAssessment?: string | null;
  restrictionActive = false;
  restrictionReason?: string | null;
  restrictedSince?: Date | null;
  /** R14: data under a legal hold are never erased by retention, whatever the term. */
  legalHold = false;
  legalHoldReason?: string | null;
  /** R14: set when retention anonymised the person's data. */
  anonymisedAt?: Date | null;
  createdAt: Date = new Date();
  placements = new Collection<Placement>(this);
  dossiers = new Collection<Dossier>(this);
}

export const PersonSchema = new EntitySchema<Person>({
  class: Person,
  indexes: [{ properties: ['currentInstitution'] }],
  properties: {
    id: { type: 'text', primary: true },
    surname: { type: 'text' },
    givenNames: { type: 'text' },
    aliases: { type: 'text[]', default: '{}' },
    sex: { type: 'text', nullable: true },
    birthDate: { type: 'date', nullable: true },
    birthPlace: { type: 'text', nullable: true },
    nationality: { type: 'text', nullable: true },
    nationalRegisterNumber: { type: 'text', nullable: true },
    fingerprintReference: { type: 'text', nullable: true, index: true },
    currentInstitution: { type: 'text', nullable: true },
    address: { type: 'text', nullable: true },
    medicalNotes: { type: 'text', nullable: true },
    riskAssessment: { type: 'text', nullable: true },
    restrictionActive: { type: 'boolean', default: false },
    restrictionReason: { type: 'text', nullable: true },
    restrictedSince: { type: 'Date', columnType: 'timestamptz', nullable: true },
    legalHold: { type: 'boolean', default: false },
    legalHoldReason: { type: 'text', nullable: true },
    anonymisedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
    placements: { kind: '1:m', entity: 'Placement', mappedBy: 'person' },
    dossiers: { kind: '1:m', entity: 'Dossier', mappedBy: 'person' },
  },
});
