import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DecisionCollector } from '../audit/collector.js';
import { buildEntries } from '../audit/entries.js';
import { writeEntries } from '../audit/writer.js';
import { eraseExpiredAnswers } from './identification.js';
import { eraseExpiredDisclosures } from './disclosures.js';
import { anonymiseExpiredPersons } from './persons.js';
import { RETENTION_PRINCIPAL } from './system-principal.js';

export interface RetentionReport {
  answersErased: number;
  disclosuresErased: number;
  personsAnonymised: number;
}

/**
 * `npm run retention`: one transaction that erases what is due (R3 answers, R14 terms of the register)
 * and writes the `erase` rows of the
 * access log with it (fail-closed like any request). Never touches the access log's own rows (R5).
 */
export async function runRetention(orm: MikroORM, now: Date, policyRevision: string): Promise<RetentionReport> {
  return orm.em.fork().transactional(async (em) => {
    const collector = new DecisionCollector();
    const answersErased = await eraseExpiredAnswers(em, collector, now);
    const disclosuresErased = await eraseExpiredDisclosures(em, collector, now);
    const personsAnonymised = await anonymiseExpiredPersons(em, collector, now);
    await em.flush();
    await writeEntries(em, buildEntries(collector.rows(), {
      requestId: randomUUID(), at: now, principal: RETENTION_PRINCIPAL, purpose: null,
      processingRecordVersion: null, justification: 'retention term reached (R3, R14)', operationName: 'retention',
      operationId: null, policyRevision,
    }));
    return { answersErased, disclosuresErased, personsAnonymised };
  });
}
