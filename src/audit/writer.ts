import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessLogEntry } from './AccessLogEntry.js';

/**
 * Writes a request's rows and their pending-seal marks with one statement, inside the request's
 * transaction: the rows commit with the response's data or not at all (fail-closed), and the commit
 * never waits on the hash chain, which the sealer extends afterwards in commit order.
 */
const INSERT = `with rows as (
  insert into access_log (id, at, request_id, action, outcome, reason, principal_id, principal_category, client,
    recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id,
    person_id, fields, categories, operation_name, operation_id, policy_revision, hash)
  select id, at, request_id, action, outcome, reason, principal_id, principal_category, client,
    recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id,
    person_id, fields, categories, operation_name, operation_id, policy_revision, hash
  from json_populate_recordset(null::access_log, ?::json)
  returning id, seq)
insert into access_log_pending (entry_id, seq) select id, seq from rows`;

export async function writeEntries(em: EntityManager, entries: AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const json = JSON.stringify(entries.map((e) => ({
    id: e.id, at: e.at.toISOString(), request_id: e.requestId, action: e.action, outcome: e.outcome, reason: e.reason,
    principal_id: e.principalId, principal_category: e.principalCategory, client: e.client, recipient_id: e.recipientId,
    recipient_category: e.recipientCategory, purpose: e.purpose, processing_record_version: e.processingRecordVersion,
    justification: e.justification, subject_type: e.subjectType, subject_id: e.subjectId, person_id: e.personId,
    fields: e.fields, categories: e.categories, operation_name: e.operationName, operation_id: e.operationId,
    policy_revision: e.policyRevision, hash: e.hash,
  })));
  // Through knex, so the rows travel as one bound parameter instead of being inlined into the SQL text.
  const query = em.getConnection().getKnex().raw(INSERT, [json]);
  const trx = em.getTransactionContext();
  await (trx ? query.transacting(trx) : query);
}
