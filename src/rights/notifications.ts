import type { EntityManager } from '@mikro-orm/postgresql';
import { RightsNotification } from '../domain/RightsNotification.js';
import type { RightsRequest } from '../domain/RightsRequest.js';
import { disclosedTo } from './recipients.js';

/**
 * R21 (school regulation §8.3.2 in docs/requirements.md; GDPR art. 19): after a rectification,
 * erasure or restriction, every recipient the data were disclosed to is told. One pending
 * notification per recipient, from the access log and the disclosure records; the DPO marks each
 * sent when the notice went out.
 */
export async function notifyRecipients(em: EntityManager, request: RightsRequest, now: Date): Promise<RightsNotification[]> {
  const recipients = await disclosedTo(em, request.person.id);
  const made = recipients.map((r) => Object.assign(new RightsNotification(), {
    request, person: request.person, recipientId: r.recipientId, recipientCategory: r.recipientCategory, channel: r.channel,
    categoriesDisclosed: r.categories, firstDisclosedAt: r.firstAt, lastDisclosedAt: r.lastAt, status: 'PENDING', createdAt: now,
  }));
  em.persist(made);
  return made;
}
