import type { EntityManager } from '@mikro-orm/postgresql';
import { Designation, isDesignationActive } from '../domain/Designation.js';
import { ProcessingRecord } from '../domain/ProcessingRecord.js';
import { badUserInput } from '../schema/errors.js';
import { checkConfirmable, checkNotSubject } from './four-eyes.js';
import { staffMember, uuid } from './lookup.js';

/** Who acts, and when (the request's principal and clock). */
export interface Actor {
  id: string;
  now: Date;
}

const pendingOrActive = (d: Designation, now: Date) => !d.revokedAt && (!d.confirmedAt || isDesignationActive(d, now));

/**
 * R6: proposes an individual designation; it counts once confirmed by a second staff member
 * (`confirmDesignation`). One proposal or designation per staff member and processing at a time.
 */
export async function proposeDesignation(
  em: EntityManager, args: { staffMemberId: string; processing: string; validUntil?: Date | null }, actor: Actor,
): Promise<Designation> {
  checkNotSubject(actor.id, args.staffMemberId, 'staffMemberId');
  const member = await staffMember(em, args.staffMemberId);
  if (!(await em.findOne(ProcessingRecord, { code: args.processing, active: true }))) {
    throw badUserInput('processing', 'no active processing record with this code');
  }
  if (args.validUntil && args.validUntil <= actor.now) throw badUserInput('validUntil', 'must be in the future');
  const existing = await em.find(Designation, { staffMember: member, processingCode: args.processing, revokedAt: null });
  if (existing.some((d) => pendingOrActive(d, actor.now))) {
    throw badUserInput('staffMemberId', 'is already designated, or proposed, for this processing');
  }
  const d = Object.assign(new Designation(), {
    staffMember: member, processingCode: args.processing, designatedBy: actor.id, validFrom: actor.now, validUntil: args.validUntil ?? null,
    confirmedBy: null, confirmedAt: null,
  });
  em.persist(d);
  return d;
}

/** R6: the second person confirms a pending designation: from now on it counts. */
export async function confirmDesignation(em: EntityManager, id: string, actor: Actor): Promise<Designation> {
  const d = await em.findOne(Designation, { id: uuid('id', id) });
  if (!d) throw badUserInput('id', 'no designation with this id');
  checkConfirmable(d, d.designatedBy, actor.id);
  if (d.validUntil && d.validUntil <= actor.now) throw badUserInput('id', 'has expired before its confirmation');
  Object.assign(d, { confirmedBy: actor.id, confirmedAt: actor.now });
  // Valid from its confirmation: until then it gave nothing.
  if (d.validFrom < actor.now) d.validFrom = actor.now;
  return d;
}

/** R6: ends a designation, or withdraws a proposal; one person suffices to take access away. */
export async function revokeDesignation(em: EntityManager, id: string, actor: Actor): Promise<Designation> {
  const d = await em.findOne(Designation, { id: uuid('id', id) });
  if (!d) throw badUserInput('id', 'no designation with this id');
  if (d.revokedAt) throw badUserInput('id', 'is already revoked');
  Object.assign(d, { revokedAt: actor.now, revokedBy: actor.id });
  return d;
}
