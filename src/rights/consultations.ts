import type { EntityManager } from '@mikro-orm/postgresql';

/** Who processed the person's data, how, for what purpose, first and last time (R10, R21). */
export interface Consultation {
  /** Null for the controller's own staff: their unit is in recipientCategory. */
  recipientId: string | null;
  recipientCategory: string;
  purpose: string | null;
  action: string;
  firstAt: string;
  lastAt: string;
  times: number;
  categories: string[];
}

interface Row {
  recipient_id: string | null;
  recipient_category: string;
  purpose: string | null;
  action: string;
  first_at: Date;
  last_at: Date;
  times: number;
  categories: string[] | null;
}

// CJEU C-579/21 (Pankki S): the data subject is owed the dates and purposes of every consultation,
// but not, as a rule, the identity of the controller's employees — so internal reads are grouped
// by unit. CJEU C-154/21 (Österreichische Post): recipients outside the controller are named.
const QUERY = `select case when l.recipient_category like 'internal:%' then null else l.recipient_id end as recipient_id,
    l.recipient_category, l.purpose, l.action, min(l.at) as first_at, max(l.at) as last_at, count(distinct l.id)::int as times,
    array_agg(distinct c order by c) filter (where c is not null) as categories
  from access_log l left join lateral unnest(l.categories) c on true
  where l.person_id = ? and l.outcome = 'GRANTED'
  group by 1, 2, 3, 4
  order by min(l.at), 2, 1`;

/** R21: every granted processing of the person's data the access log holds, grouped for the report. */
export async function consultationsOf(em: EntityManager, personId: string): Promise<Consultation[]> {
  const rows = await em.getConnection().execute<Row[]>(QUERY, [personId], 'all', em.getTransactionContext());
  return rows.map((r) => ({
    recipientId: r.recipient_id, recipientCategory: r.recipient_category, purpose: r.purpose, action: r.action,
    firstAt: new Date(r.first_at).toISOString(), lastAt: new Date(r.last_at).toISOString(), times: r.times, categories: r.categories ?? [],
  }));
}
