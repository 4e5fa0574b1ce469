import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { RightsNotification } from '../../domain/RightsNotification.js';
import { RightsRequest } from '../../domain/RightsRequest.js';
import { isClosed } from '../../domain/rights-deadlines.js';
import { badUserInput } from '../errors.js';
import { isUuid } from '../validate.js';
import { onlyColumns, withPerson } from '../../db/columns.js';


/** A rights request with its person as decisions need it, or null (also for a malformed id). */
export async function findRequest(em: EntityManager, id: string): Promise<RightsRequest | null> {
  if (!isUuid(id)) return null;
  return em.findOne(RightsRequest, { id }, { ...withPerson<RightsRequest>(), refresh: true });
}

/**
 * The same, for a request about to change, locked for the rest of the transaction so two answers
 * or extensions cannot both pass the checks (R23: never beyond 12 weeks). Unknown or closed ids
 * are the argument's fault.
 */
export async function openRequest(em: EntityManager, field: string, id: string): Promise<RightsRequest> {
  if (isUuid(id)) await em.findOne(RightsRequest, { id }, { ...onlyColumns<RightsRequest>(['id']), lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const r = await findRequest(em, id);
  if (!r) throw badUserInput(field, 'no rights request with this id');
  if (isClosed(r)) throw badUserInput(field, `is already ${r.status}`);
  return r;
}

export async function findNotification(em: EntityManager, id: string, lock = false): Promise<RightsNotification | null> {
  if (!isUuid(id)) return null;
  if (lock) await em.findOne(RightsNotification, { id }, { ...onlyColumns<RightsNotification>(['id']), lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return em.findOne(RightsNotification, { id }, { ...withPerson<RightsNotification>(), refresh: true });
}
