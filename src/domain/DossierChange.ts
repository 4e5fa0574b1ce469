import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export type DossierChangeKind = 'MERGE' | 'SPLIT' | 'UNDO';

/** Where things stood before a change: enough to put every dossier and entry back (R4). */
export interface DossierSnapshot {
  dossiers: { id: string; status: string; mergedIntoId: string | null; splitFromId: string | null }[];
  entries: { id: string; dossierId: string }[];
}

/**
 * R4: a merge or split of dossiers (a "combination"), decided by a designated officer, with the
 * state before it, so a later decision can undo it without losing anything.
 */
export class DossierChange {
  id: string = randomUUID();
  kind!: DossierChangeKind;
  dossierIds: string[] = [];
  snapshot!: DossierSnapshot;
  reason!: string;
  decidedBy!: string;
  decidedAt!: Date;
  /** For an UNDO: the change it reverses. */
  undoes?: string | null;
  /** Set on a change once reversed. */
  undoneBy?: string | null;
}

export const DossierChangeSchema = new EntitySchema<DossierChange>({
  class: DossierChange,
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'text' },
    dossierIds: { type: 'text[]' },
    snapshot: { type: 'json' },
    reason: { type: 'text' },
    decidedBy: { type: 'text' },
    decidedAt: { type: 'Date', columnType: 'timestamptz' },
    undoes: { type: 'uuid', nullable: true },
    undoneBy: { type: 'uuid', nullable: true },
  },
});
