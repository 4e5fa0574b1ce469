import type { EntityManager } from '@mikro-orm/postgresql';
import type { DecisionCollector } from '../audit/collector.js';
import { recordEffect } from '../audit/effects.js';
import { Person } from '../domain/Person.js';
import { ProcessingRecord } from '../domain/ProcessingRecord.js';
import { retentionEnd } from '../domain/retention.js';
import { erasePersonData } from '../domain/person-erasure.js';

/** The processing whose retention term governs a person's record once released. */
const GOVERNING = 'DETENTION_MANAGEMENT';
const ANONYMISED = 'ANONYMISED';

/**
 * R14: a released person's data are anonymised once the governing record's term has run from the
 * release ("P10Y after release"), unless a legal hold applies. An unreadable term erases nothing.
 */
export async function anonymiseExpiredPersons(em: EntityManager, collector: DecisionCollector, now: Date): Promise<number> {
  const record = await em.findOne(ProcessingRecord, { code: GOVERNING });
  if (!record || !/after release/i.test(record.retention)) return 0;
  const released = await em.getConnection().execute<{ id: string; released: Date }[]>(
    `select p.id, max(pl.released_at) as released from person p join placement pl on pl.person_id = p.id
     where p.anonymised_at is null and not p.legal_hold
     group by p.id having bool_and(pl.released_at is not null)`, [], 'all', em.getTransactionContext());
  const due = released.filter((r) => {
    const end = retentionEnd(record.retention, new Date(r.released));
    return end !== null && end <= now;
  });
  if (due.length === 0) return 0;
  const locked = await em.getConnection().execute<{ id: string }[]>(
    `select id from person where id in (select value from json_array_elements_text(?::json)) and anonymised_at is null and not legal_hold
     for update skip locked`, [JSON.stringify(due.map((d) => d.id))], 'all', em.getTransactionContext());
  const persons = await em.find(Person, { id: { $in: locked.map((l) => l.id) } });
  for (const person of persons) {
    const { fields, categories } = erasePersonData(person, now, ANONYMISED);
    recordEffect(collector, { action: 'erase', subjectType: 'Person', subjectId: person.id, personId: person.id, fields, categories });
  }
  return persons.length;
}
