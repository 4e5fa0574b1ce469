import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { RightsNotification } from '../../domain/RightsNotification.js';
import { RightsRequest } from '../../domain/RightsRequest.js';
import { isClosed } from '../../domain/rights-deadlines.js';
import { badUserInput } from '../errors.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What decisions need of the person concerned: the id, the row-condition column and the restriction flag (R22). */
export const WITH_PERSON = { populate: ['person'], fields: ['*', 'person.id', 'person.currentInstitution', 'person.restrictionActive'] } as never;

/** A rights request with its person as decisions need it, or null (also for a malformed id). */
export async function findRequest(em: EntityManager, id: string): Promise<RightsRequest | null> {
  if (!UUID.test(id)) return null;
  return em.findOne(RightsRequest, { id }, { ...(WITH_PERSON as object), refresh: true }) as Promise<RightsRequest | null>;
}

/**
 * The same, for a request about to change, locked for the rest of the transaction so two answers
 * or extensions cannot both pass the checks (R23: never beyond 12 weeks). Unknown or closed ids
 * are the argument's fault.
 */
export async function openRequest(em: EntityManager, field: string, id: string): Promise<RightsRequest> {
  if (UUID.test(id)) await em.findOne(RightsRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] as never, refresh: true });
  const r = await findRequest(em, id);
  if (!r) throw badUserInput(field, 'no rights request with this id');
  if (isClosed(r)) throw badUserInput(field, `is already ${r.status}`);
  return r;
}

export async function findNotification(em: EntityManager, id: string, lock = false): Promise<RightsNotification | null> {
  if (!UUID.test(id)) return null;
  if (lock) await em.findOne(RightsNotification, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] as never, refresh: true });
  return em.findOne(RightsNotification, { id }, { ...(WITH_PERSON as object), refresh: true }) as Promise<RightsNotification | null>;
}
