import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { AccessLogEntry } from './AccessLogEntry.js';

/**
 * Writes a request's rows with one statement, inside the request's transaction: the rows commit
 * with the response's data or not at all (fail-closed), and the commit never waits on the hash
 * chain: the row's `tx` column (default: the writing transaction) is all the sealer needs.
 * What the request shares is bound once; what differs per row travels as parallel arrays.
 */
const INSERT = `insert into access_log (id, at, request_id, action, outcome, reason, principal_id, principal_category, client,
    recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id,
    person_id, fields, categories, operation_name, operation_id, policy_revision, hash)
  select u.id, ?, ?, u.action, u.outcome, u.reason, ?, ?, ?, u.recipient_id, u.recipient_category, ?, ?, ?,
    u.subject_type, u.subject_id, u.person_id, string_to_array(u.fields, E'\\x1f'), string_to_array(u.categories, E'\\x1f'), ?, ?, ?, u.hash
  from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
    as u(id, action, outcome, reason, recipient_id, recipient_category, subject_type, subject_id, person_id, fields, categories, hash)`;

/** Field and category names, one string per row (names never hold the unit separator). */
const SEPARATOR = '\x1f';
function joinNames(names: readonly string[]): string {
  if (names.some((n) => n.includes(SEPARATOR))) throw new Error('access log: a field or category name holds a control character');
  return names.join(SEPARATOR);
}

/** Do two rows share the columns that are bound once (always so for the rows of one request)? */
const sameRequest = (a: AccessLogEntry, b: AccessLogEntry) => a.at.getTime() === b.at.getTime() && a.requestId === b.requestId &&
  a.principalId === b.principalId && a.principalCategory === b.principalCategory && a.client === b.client && a.purpose === b.purpose &&
  a.processingRecordVersion === b.processingRecordVersion && a.justification === b.justification &&
  a.operationName === b.operationName && a.operationId === b.operationId && a.policyRevision === b.policyRevision;

export async function writeEntries(em: EntityManager, entries: AccessLogEntry[]): Promise<void> {
  const groups: AccessLogEntry[][] = [];
  for (const e of entries) {
    const group = groups.find((g) => sameRequest(g[0], e));
    if (group) group.push(e);
    else groups.push([e]);
  }
  const knex = em.getConnection().getKnex();
  const trx = em.getTransactionContext();
  for (const rows of groups) {
    const [r] = rows;
    const column = (f: (e: AccessLogEntry) => string | null | undefined) => pgArray(rows.map(f));
    const query = knex.raw(INSERT, [
      r.at, r.requestId, r.principalId, r.principalCategory, r.client ?? null, r.purpose ?? null, r.processingRecordVersion ?? null,
      r.justification ?? null, r.operationName ?? null, r.operationId ?? null, r.policyRevision,
      column((e) => e.id), column((e) => e.action), column((e) => e.outcome), column((e) => e.reason), column((e) => e.recipientId),
      column((e) => e.recipientCategory), column((e) => e.subjectType), column((e) => e.subjectId), column((e) => e.personId),
      column((e) => joinNames(e.fields)), column((e) => joinNames(e.categories)), column((e) => e.hash),
    ]);
    await (trx ? query.transacting(trx) : query);
  }
}
