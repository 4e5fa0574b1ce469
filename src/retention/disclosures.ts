import type { EntityManager } from '@mikro-orm/postgresql';
import type { DecisionCollector } from '../audit/collector.js';
import { recordEffect } from '../audit/effects.js';
import { Disclosure } from '../domain/Disclosure.js';

/**
 * R14, R18: a disclosure has its own retention. When it ends, the values disclosed are erased; the
 * record that a disclosure took place (to whom, when, which categories) stays, as the log does.
 */
export async function eraseExpiredDisclosures(em: EntityManager, collector: DecisionCollector, now: Date): Promise<number> {
  const due = await em.getConnection().execute<{ id: string }[]>(
    `select id from disclosure where retain_until <= ? and data <> '{}'::jsonb for update skip locked`, [now], 'all', em.getTransactionContext());
  if (due.length === 0) return 0;
  const disclosures = await em.find(Disclosure, { id: { $in: due.map((d) => d.id) } });
  for (const d of disclosures) {
    const fields = Object.keys(d.data);
    d.data = {};
    recordEffect(collector, { action: 'erase', subjectType: 'Disclosure', subjectId: d.id, personId: d.person.id, fields, categories: d.categories });
  }
  return disclosures.length;
}
