import type { Dossier } from '../domain/Dossier.js';
import type { DossierChange } from '../domain/DossierChange.js';
import { badUserInput } from '../schema/errors.js';

type MergeSide = Pick<Dossier, 'id' | 'status'> & { person: { fingerprintReference?: string | null } };

/** R4: two dossiers merge only when both are active and their identities share one fingerprint reference. */
export function checkMergeable(source: MergeSide, target: MergeSide): void {
  if (source.id === target.id) throw badUserInput('input.sourceDossierId', 'must differ from the target');
  if (source.status !== 'ACTIVE' || target.status !== 'ACTIVE') throw badUserInput('input.sourceDossierId', 'both dossiers must be active');
  const ref = source.person.fingerprintReference;
  if (!ref || ref !== target.person.fingerprintReference) {
    throw badUserInput('input.sourceDossierId', 'the identities do not share a fingerprint reference');
  }
}

/** The entries a split names, each once; at least one. */
export function splitEntryIds(entryIds: readonly (string | number)[]): string[] {
  const ids = [...new Set(entryIds.map(String))];
  if (ids.length === 0) throw badUserInput('input.entryIds', 'name at least one entry');
  return ids;
}

/** Every entry named must be one of the split dossier's (`found` of them are). */
export function checkEntriesBelong(found: number, entryIds: readonly string[]): void {
  if (found !== entryIds.length) throw badUserInput('input.entryIds', 'every entry must belong to the dossier');
}

/** R4: a split gives entries back only to a dossier that had been merged into the one it splits. */
export function checkSplitInto(into: Pick<Dossier, 'status' | 'mergedInto'>, from: Pick<Dossier, 'id'>): void {
  if (into.status !== 'MERGED' || into.mergedInto?.id !== from.id) throw badUserInput('input.intoDossierId', 'must be a dossier merged into this one');
}

/** R4: a change is undone once, and only after every later change to the same dossiers. */
export function checkUndoable(change: Pick<DossierChange, 'undoneBy'>, laterChanges: number): void {
  if (change.undoneBy) throw badUserInput('changeId', 'was already undone');
  if (laterChanges > 0) throw badUserInput('changeId', 'later changes to these dossiers must be undone first');
}

/** The dossiers a change made (a split's new dossier): absent from the snapshot taken before it. */
export const dossiersMadeBy = (change: Pick<DossierChange, 'dossierIds' | 'snapshot'>): string[] =>
  change.dossierIds.filter((id) => !change.snapshot.dossiers.some((d) => d.id === id));
