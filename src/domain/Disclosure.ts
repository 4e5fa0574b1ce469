import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';

/**
 * R17, R18: a disclosure of a person's data to a third party, with its legal basis, recipient,
 * the categories disclosed (R26: only those the processing record allows) and the human author (R20).
 */
export class Disclosure {
  id: string = randomUUID();
  person!: Person;
  processingCode!: string;
  legalBasis!: string;
  /** The receiving client system (its organisation is the recipient). */
  recipientClientId!: string;
  recipientCategory!: string;
  categories: string[] = [];
  /** The values disclosed, as they stood: only fields of the disclosed categories (R13, R26). */
  data: Record<string, unknown> = {};
  /** Why the disclosure is needed, proportionate and minimal (R26). */
  motivation!: string;
  authoredBy!: string;
  disclosedAt!: Date;
  retainUntil!: Date;
}

export const DisclosureSchema = new EntitySchema<Disclosure>({
  class: Disclosure,
  indexes: [{ properties: ['recipientClientId', 'disclosedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    processingCode: { type: 'text' },
    legalBasis: { type: 'text' },
    recipientClientId: { type: 'text' },
    recipientCategory: { type: 'text' },
    categories: { type: 'text[]' },
    data: { type: 'json' },
    motivation: { type: 'text' },
    authoredBy: { type: 'text' },
    disclosedAt: { type: 'Date', columnType: 'timestamptz' },
    retainUntil: { type: 'Date', columnType: 'timestamptz' },
  },
});
