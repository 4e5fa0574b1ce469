import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Dossier } from './Dossier.js';

/** One entry of a dossier. originalDossier never changes, so a merge can be undone entry by entry (R4). */
export class DossierEntry {
  id: string = randomUUID();
  dossier!: Dossier;
  originalDossierId!: string;
  kind!: string;
  summary!: string;
  recordedAt: Date = new Date();
}

export const DossierEntrySchema = new EntitySchema<DossierEntry>({
  class: DossierEntry,
  properties: {
    id: { type: 'uuid', primary: true },
    dossier: { kind: 'm:1', entity: 'Dossier', index: true },
    originalDossierId: { type: 'text' },
    kind: { type: 'text' },
    summary: { type: 'text' },
    recordedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
