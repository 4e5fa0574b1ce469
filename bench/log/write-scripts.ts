import { pgArray } from '../../src/db/pg-array.js';
import { rowHashCall } from './canonical-sql.js';

/**
 * pgbench scripts of the write path: one transaction = BEGIN; one INSERT of a request's 5 log rows;
 * COMMIT, as src/audit/writer.ts writes them inside the request's transaction. The INSERT mirrors the
 * writer's: request-level values once as scalars, per-row values as parallel arrays through unnest.
 * Ids come from gen_random_uuid() and `at` from now(). Run with `-M extended`, so values travel as
 * parameters as with pg.
 */

export const CLIENTS = 16;
export const THREADS = 2;
export const ROWS_PER_TRANSACTION = 5;
/** Synthetic persons the rows name ('person-g000001' ...). */
export const PERSONS = 100_000;

/** A consultation of a case file, as the collector folds it: one row per (object, action, outcome, reason). */
const ROWS = [
  { outcome: 'GRANTED', reason: null, subject: 'Person', fields: ['givenNames', 'surname'], categories: ['identity.name'] },
  { outcome: 'GRANTED', reason: null, subject: 'Person', fields: ['birthDate', 'nationality'], categories: ['identity.birth', 'identity.nationality'] },
  { outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', subject: 'Person', fields: ['medicalNotes'], categories: ['health'] },
  { outcome: 'GRANTED', reason: null, subject: 'Placement', fields: ['admittedAt', 'institution'], categories: ['detention.placement'] },
  { outcome: 'GRANTED', reason: null, subject: 'Dossier', fields: ['entries', 'status'], categories: ['detention.dossier'] },
] as const;

const person = (k: number) => `'person-g' || lpad(:p${k}::text, 6, '0')`;
const subjectId = (k: number, subject: string) =>
  subject === 'Person' ? person(k) : `'${subject.toLowerCase()}-g' || :p${k}::text`;
/**
 * A string constant. pgbench takes any `:word`, even inside quotes, for a variable, so colons
 * ('internal:institution-A') are written as the escape \x3a of an E'' string.
 */
const str = (s: string) => `E'${s.replace(/[\\']/g, '\\$&').replace(/:/g, '\\x3a')}'`;
/** The array literal the writer binds (pgArray), as a constant. */
const literal = (xs: readonly (string | null)[]) => str(pgArray(xs));
const column = (f: (r: (typeof ROWS)[number], k: number) => string | null) => literal(ROWS.map((r, i) => f(r, i + 1)));
const expressions = (f: (r: (typeof ROWS)[number], k: number) => string) => `array[${ROWS.map((r, i) => f(r, i + 1)).join(', ')}]`;

/** What one request shares, bound once by the writer, typed (to_json needs types); `at` in milliseconds, as a JavaScript Date. */
const REQUEST = {
  at: "date_trunc('milliseconds', now())",
  requestId: "'req-' || :client_id::text || '-' || :rq::text",
  principalId: "'case-manager-a'::text",
  principalCategory: `${str('staff:case_manager@institution-A')}::text`,
  client: 'null::text',
  purpose: "'DETENTION_MANAGEMENT'::text",
  processingRecordVersion: '1',
  justification: 'null::text',
  operationName: "'CaseFile'::text",
  operationId: 'null::text',
  policyRevision: "'bench-policy-revision'::text",
};

/**
 * The row hash the API computes before the insert, here computed in the statement by
 * bench_row_hash() (canonical-sql.ts; the same cost for every variant), so that verifyAccessLog can
 * check the rows written.
 */
const HASH = rowHashCall({
  ...REQUEST, id: 'u.id', action: 'u.action', outcome: 'u.outcome', reason: 'u.reason', recipientId: 'u.recipient_id',
  recipientCategory: 'u.recipient_category', subjectType: 'u.subject_type', subjectId: 'u.subject_id', personId: 'u.person_id',
  fields: 'u.fields::text[]', categories: 'u.categories::text[]',
});

/** The writer's statement (src/audit/writer.ts) with this benchmark's values, into `table`. */
export function writerInsert(table: string): string {
  const r = REQUEST;
  return `insert into ${table} (id, at, request_id, action, outcome, reason, principal_id, principal_category, client,
    recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id,
    person_id, fields, categories, operation_name, operation_id, policy_revision, hash)
  select u.id, ${r.at}, ${r.requestId}, u.action, u.outcome, u.reason, ${r.principalId}, ${r.principalCategory}, ${r.client},
    u.recipient_id, u.recipient_category, ${r.purpose}, ${r.processingRecordVersion}, ${r.justification}, u.subject_type, u.subject_id, u.person_id,
    u.fields::text[], u.categories::text[], ${r.operationName}, ${r.operationId}, ${r.policyRevision},
    ${HASH}
  from unnest(array[${ROWS.map(() => 'gen_random_uuid()').join(', ')}]::uuid[],
    ${column(() => 'consult')}::text[], ${column((r) => r.outcome)}::text[], ${column((r) => r.reason)}::text[],
    ${column(() => 'case-manager-a')}::text[], ${column(() => 'internal:institution-A')}::text[],
    ${column((r) => r.subject)}::text[], ${expressions((r, k) => subjectId(k, r.subject))}::text[],
    ${expressions((_r, k) => person(k))}::text[],
    ${column((r) => pgArray(r.fields))}::text[], ${column((r) => pgArray(r.categories))}::text[])
    as u(id, action, outcome, reason, recipient_id, recipient_category, subject_type, subject_id, person_id, fields, categories)`;
}

const variables = [
  ...ROWS.map((_r, i) => `\\set p${i + 1} random(1, ${PERSONS})`),
  '\\set rq random(1, 1000000000)',
];

const transaction = (...statements: string[]) => [...variables, 'BEGIN;', ...statements.map((s) => `${s};`), 'COMMIT;', ''].join('\n');

export const SCRIPTS = {
  plain: transaction(writerInsert('access_log_plain')),
  ours: transaction(writerInsert('access_log')),
  /**
   * Every writer takes the one chain head and holds it until it commits: the log serialises on it.
   * The rows go to the plain table; the head becomes sha256(previous head || the rows' ids).
   */
  naive: transaction(
    'select hash from chain_head for update',
    `with written as (${writerInsert('access_log_plain')} returning id)
  update chain_head set hash = encode(sha256(convert_to(hash || (select string_agg(id::text, '' order by id) from written), 'UTF8')), 'hex')`,
  ),
};
