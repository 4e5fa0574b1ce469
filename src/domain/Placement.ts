import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';

/** One stay of a person in an institution; the open one (no releasedAt) is the current placement. */
export class Placement {
  id: string = randomUUID();
  person!: Person;
  institution!: string;
  admittedAt!: Date;
  releasedAt?: Date | null;
  detentionTitle?: string | null;
}

export const PlacementSchema = new EntitySchema<Placement>({
  class: Placement,
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    institution: { type: 'text' },
    admittedAt: { type: 'Date', columnType: 'timestamptz' },
    releasedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    detentionTitle: { type: 'text', nullable: true },
  },
});
