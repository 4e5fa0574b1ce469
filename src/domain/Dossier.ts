import { Collection, EntitySchema } from '@mikro-orm/core';
import type { Person } from './Person.js';
import type { DossierEntry } from './DossierEntry.js';

export type DossierStatus = 'ACTIVE' | 'MERGED' | 'CLOSED';

/** The detention dossier; R4 wants one per person, so lineage fields record merges and splits. */
export class Dossier {
  id!: string;
  person!: Person;
  status: DossierStatus = 'ACTIVE';
  mergedInto?: Dossier | null;
  splitFrom?: Dossier | null;
  createdAt: Date = new Date();
  entries = new Collection<DossierEntry>(this);
}

export const DossierSchema = new EntitySchema<Dossier>({
  class: Dossier,
  properties: {
    id: { type: 'text', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    status: { type: 'text', default: 'ACTIVE' },
    mergedInto: { kind: 'm:1', entity: 'Dossier', nullable: true },
    splitFrom: { kind: 'm:1', entity: 'Dossier', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
    entries: { kind: '1:m', entity: 'DossierEntry', mappedBy: 'dossier' },
  },
});
