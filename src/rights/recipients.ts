import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { NotificationChannel } from '../domain/RightsNotification.js';

/** The requester, as the recipient of the answers and notices of their own request (R21, R23). */
export const REQUESTER = { id: 'requester', category: 'data subject' } as const;

/** A third party that received the person's data, and what and when. */
export interface DisclosedTo {
  recipientId: string;
  recipientCategory: string;
  categories: string[];
  firstAt: Date;
  lastAt: Date;
  channel: NotificationChannel;
}

interface Row {
  recipient_id: string;
  recipient_category: string;
  first_at: Date;
  last_at: Date;
  categories: string[] | null;
}

// Every granted disclosure the log recorded for the person (client reads, art. 18b disclosures,
// notices to the police), but not the answers to the data subject themself.
const FROM_LOG = `select l.recipient_id, l.recipient_category, min(l.at) as first_at, max(l.at) as last_at,
    array_agg(distinct c order by c) filter (where c is not null) as categories
  from access_log l left join lateral unnest(l.categories) c on true
  where l.person_id = ? and l.action = 'disclose' and l.outcome = 'GRANTED' and l.recipient_category <> ?
  group by l.recipient_id, l.recipient_category`;

// The disclosure table names the receiving client system; the log names its organisation.
const FROM_DISCLOSURES = `select coalesce(cs.organisation, d.recipient_client_id) as recipient_id, d.recipient_category,
    min(d.disclosed_at) as first_at, max(d.disclosed_at) as last_at,
    array_agg(distinct c order by c) filter (where c is not null) as categories
  from disclosure d left join client_system cs on cs.id = d.recipient_client_id
    left join lateral unnest(d.categories) c on true
  where d.person_id = ?
  group by 1, 2`;

/**
 * R21: everyone the person's data were disclosed to, from the access log and the disclosure
 * records, one entry per recipient with the categories received and the first and last time.
 */
export async function disclosedTo(em: EntityManager, personId: string): Promise<DisclosedTo[]> {
  const conn = em.getConnection();
  const tx = em.getTransactionContext<Knex.Transaction>();
  // One after the other: a transaction is one connection, which runs one statement at a time.
  const logged = await conn.execute<Row[]>(FROM_LOG, [personId, REQUESTER.category], 'all', tx);
  const recorded = await conn.execute<Row[]>(FROM_DISCLOSURES, [personId], 'all', tx);
  const byRecipient = new Map<string, Omit<DisclosedTo, 'channel'>>();
  for (const r of [...logged, ...recorded]) {
    const first = new Date(r.first_at);
    const last = new Date(r.last_at);
    const seen = byRecipient.get(r.recipient_id);
    if (!seen) {
      byRecipient.set(r.recipient_id, { recipientId: r.recipient_id, recipientCategory: r.recipient_category,
        categories: r.categories ?? [], firstAt: first, lastAt: last });
      continue;
    }
    seen.categories = [...new Set([...seen.categories, ...(r.categories ?? [])])].sort();
    if (first < seen.firstAt) seen.firstAt = first;
    if (last > seen.lastAt) Object.assign(seen, { lastAt: last, recipientCategory: r.recipient_category });
  }
  const ids = [...byRecipient.keys()];
  const clients = ids.length === 0 ? [] : await conn.execute<{ organisation: string }[]>(
    `select distinct organisation from client_system where active and organisation in (select value from json_array_elements_text(?::json))`,
    [JSON.stringify(ids)], 'all', tx);
  const reachable = new Set(clients.map((c) => c.organisation));
  return [...byRecipient.values()]
    .map((r): DisclosedTo => ({ ...r, channel: reachable.has(r.recipientId) ? 'CLIENT_SYSTEM' : 'LETTER' }))
    .sort((a, b) => a.recipientId.localeCompare(b.recipientId));
}
