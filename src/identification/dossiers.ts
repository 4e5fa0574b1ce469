import type { EntityManager } from '@mikro-orm/postgresql';
import type { Effect } from '../audit/effects.js';
import { Dossier } from '../domain/Dossier.js';
import { DossierChange } from '../domain/DossierChange.js';
import { DossierEntry } from '../domain/DossierEntry.js';
import type { Person } from '../domain/Person.js';
import { mergeInto, recordChange, restore, snapshotOf, splitOff } from '../domain/dossier-changes.js';
import { checkText, isUuid } from '../schema/validate.js';
import type { Actor } from './actor.js';
import { checkEntriesBelong, checkMergeable, checkSplitInto, checkUndoable, dossiersMadeBy, splitEntryIds } from './dossier-rules.js';
import type { Done } from './done.js';

/** What a split was decided on: the dossier it splits, and the one it gives entries back to or the person of a new dossier. */
export type SplitTargets = [Dossier] | [Dossier, Dossier | { person: Person }];

/** R4: merges `source` into `target` (both decided by the caller), keeping the state before it so it can be undone. */
export async function mergeDossiers(em: EntityManager, [target, source]: [Dossier, Dossier], reason: string, actor: Actor): Promise<DossierChange> {
  checkText('input.reason', reason, 2000);
  checkMergeable(source, target);
  const snapshot = await snapshotOf(em, [source.id, target.id]);
  await mergeInto(em, source, target);
  return recordChange(em, 'MERGE', [source.id, target.id], snapshot, reason, actor.id, actor.now);
}

/**
 * R4: moves entries out of a dossier: back into one merged into it, or into a new dossier (of the
 * same person unless another was decided). A dossier it makes is returned as an effect for the log;
 * the ones it touched, each with its own person, were logged by the decision point.
 */
export async function splitDossier(
  em: EntityManager, [from, other]: SplitTargets, input: { entryIds: readonly (string | number)[]; reason: string }, actor: Actor,
): Promise<Done<DossierChange>> {
  checkText('input.reason', input.reason, 2000);
  const entryIds = splitEntryIds(input.entryIds);
  const found = await em.count(DossierEntry, { id: { $in: entryIds.filter(isUuid) }, dossier: from.id });
  checkEntriesBelong(found, entryIds);
  const into = other instanceof Dossier ? other : null;
  if (into) checkSplitInto(into, from);
  const person = other && !into ? other.person : from.person;
  const snapshot = await snapshotOf(em, [from.id, ...(into ? [into.id] : [])]);
  const target = await splitOff(em, from, entryIds, into, person, actor.now);
  const effects: Effect[] = into ? [] : [{
    action: 'combine', subjectType: 'Dossier', subjectId: target.id, personId: target.person.id,
    fields: ['status', 'entries'], categories: ['detention.dossier'],
  }];
  const change = await recordChange(em, 'SPLIT', [from.id, target.id], snapshot, input.reason, actor.id, actor.now);
  return { result: change, effects };
}

/** R4: reverses a merge or split from its snapshot, so no entry is lost; the undo is itself a change that can be undone. */
export async function undoDossierChange(em: EntityManager, changeId: string, reason: string, actor: Actor): Promise<DossierChange> {
  checkText('reason', reason, 2000);
  const change = await em.findOneOrFail(DossierChange, { id: changeId });
  const later = await em.count(DossierChange, {
    decidedAt: { $gt: change.decidedAt }, dossierIds: { $overlap: change.dossierIds }, undoneBy: null, id: { $ne: change.id },
  });
  checkUndoable(change, later);
  const before = await snapshotOf(em, change.dossierIds);
  await restore(em, change.snapshot, dossiersMadeBy(change));
  const undo = await recordChange(em, 'UNDO', change.dossierIds, before, reason, actor.id, actor.now, change.id);
  change.undoneBy = undo.id;
  return undo;
}
