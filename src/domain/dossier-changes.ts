import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from './Dossier.js';
import { DossierChange, type DossierChangeKind, type DossierSnapshot } from './DossierChange.js';
import { DossierEntry } from './DossierEntry.js';
import type { Person } from './Person.js';

/** R4: the state of some dossiers and all their entries, taken before a change. */
export async function snapshotOf(em: EntityManager, dossierIds: string[]): Promise<DossierSnapshot> {
  const dossiers = await em.find(Dossier, { id: { $in: dossierIds } }, { orderBy: { id: 'asc' } });
  const entries = await em.find(DossierEntry, { dossier: { $in: dossierIds } }, { orderBy: { id: 'asc' } });
  return {
    dossiers: dossiers.map((d) => ({ id: d.id, status: d.status, mergedIntoId: d.mergedInto?.id ?? null, splitFromId: d.splitFrom?.id ?? null })),
    entries: entries.map((e) => ({ id: e.id, dossierId: e.dossier.id })),
  };
}

/** Puts dossiers and entries back as a snapshot had them; dossiers made since, now empty, are closed. */
export async function restore(em: EntityManager, snapshot: DossierSnapshot, madeSince: string[]): Promise<void> {
  for (const d of snapshot.dossiers) {
    await em.nativeUpdate(Dossier, { id: d.id }, { status: d.status as Dossier['status'], mergedInto: d.mergedIntoId, splitFrom: d.splitFromId });
  }
  for (const e of snapshot.entries) await em.nativeUpdate(DossierEntry, { id: e.id }, { dossier: e.dossierId });
  for (const id of madeSince) {
    if ((await em.count(DossierEntry, { dossier: id })) === 0) await em.nativeUpdate(Dossier, { id }, { status: 'CLOSED' });
  }
}

export async function recordChange(em: EntityManager, kind: DossierChangeKind, dossierIds: string[], snapshot: DossierSnapshot,
  reason: string, decidedBy: string, now: Date, undoes: string | null = null): Promise<DossierChange> {
  const change = Object.assign(new DossierChange(), { kind, dossierIds, snapshot, reason, decidedBy, decidedAt: now, undoes });
  em.persist(change);
  await em.flush();
  return change;
}

/** R4 merge: every entry of `source` moves to `target`; `source` is marked merged into it. */
export async function mergeInto(em: EntityManager, source: Dossier, target: Dossier): Promise<void> {
  await em.nativeUpdate(DossierEntry, { dossier: source.id }, { dossier: target.id });
  await em.nativeUpdate(Dossier, { id: source.id }, { status: 'MERGED', mergedInto: target.id });
}

/**
 * R4 split: the chosen entries leave `from` — back into a dossier that had been merged into it, or
 * into a new dossier of `person` (an identity that turned out to carry a second fingerprint reference).
 */
export async function splitOff(em: EntityManager, from: Dossier, entryIds: string[], into: Dossier | null, person: Person, now: Date): Promise<Dossier> {
  let target = into;
  if (target) {
    await em.nativeUpdate(Dossier, { id: target.id }, { status: 'ACTIVE', mergedInto: null });
  } else {
    target = Object.assign(new Dossier(), { id: `dossier-${randomUUID()}`, person, status: 'ACTIVE', splitFrom: from, createdAt: now });
    em.persist(target);
    await em.flush();
  }
  await em.nativeUpdate(DossierEntry, { id: { $in: entryIds }, dossier: from.id }, { dossier: target.id });
  return target;
}
