import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfidentialityPledge } from '../domain/ConfidentialityPledge.js';
import { badUserInput } from '../schema/errors.js';
import type { Actor } from './designations.js';
import { checkConfirmable, checkNotSubject } from './four-eyes.js';
import { checkReference, staffMember, uuid } from './lookup.js';

/** R7: records a written pledge; it counts once a second staff member has confirmed it (`confirmPledge`). */
export async function recordPledge(
  em: EntityManager, args: { staffMemberId: string; signedAt: Date; documentReference: string }, actor: Actor,
): Promise<ConfidentialityPledge> {
  checkNotSubject(actor.id, args.staffMemberId, 'staffMemberId');
  const member = await staffMember(em, args.staffMemberId);
  if (args.signedAt > actor.now) throw badUserInput('signedAt', 'cannot be in the future');
  checkReference('documentReference', args.documentReference);
  const p = Object.assign(new ConfidentialityPledge(), {
    staffMember: member, signedAt: args.signedAt, documentReference: args.documentReference, recordedBy: actor.id,
    confirmedBy: null, confirmedAt: null,
  });
  em.persist(p);
  return p;
}

/** R7: the second person, having seen the signed document, confirms the pledge. */
export async function confirmPledge(em: EntityManager, id: string, actor: Actor): Promise<ConfidentialityPledge> {
  const p = await em.findOne(ConfidentialityPledge, { id: uuid('id', id) });
  if (!p) throw badUserInput('id', 'no pledge with this id');
  checkConfirmable(p, p.recordedBy, actor.id);
  Object.assign(p, { confirmedBy: actor.id, confirmedAt: actor.now });
  return p;
}

/** R7: withdraws a pledge (or a pending one); one person suffices to take access away. */
export async function revokePledge(em: EntityManager, id: string, actor: Actor): Promise<ConfidentialityPledge> {
  const p = await em.findOne(ConfidentialityPledge, { id: uuid('id', id) });
  if (!p) throw badUserInput('id', 'no pledge with this id');
  if (p.revokedAt) throw badUserInput('id', 'is already revoked');
  p.revokedAt = actor.now;
  return p;
}
