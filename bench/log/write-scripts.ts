import { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';
import { BenchFailed } from '../lib/runner.js';
import { rowHashCall, type HashedSql } from './canonical-sql.js';
import type { WriterStatement } from './writer-capture.js';

/**
 * pgbench scripts of the write path: one transaction = BEGIN; the writer's INSERT of one request's
 * 5 log rows; COMMIT, as src/audit/writer.ts writes them inside the request's transaction. The
 * INSERT is the writer's own statement (captured by writer-capture.ts from these template rows),
 * each bound value replaced by a constant, or, where it must differ per transaction, by an
 * expression: gen_random_uuid() ids, `at` = now() in milliseconds, pgbench's random persons, and the
 * row hashes, which the API computes before the insert and bench_row_hash() computes here (the
 * same cost for every variant), so that verifyAccessLog can check the rows written.
 * Run with `-M extended`, so values travel as parameters, as they do with pg.
 */

export const CLIENTS = 16;
export const THREADS = 2;
export const ROWS_PER_TRANSACTION = 5;
/** Synthetic persons the rows name ('person-g000001' ...). */
export const PERSONS = 100_000;

/** Marker values in the template rows, replaced per transaction. */
const AT = new Date('2001-02-03T04:05:06.789Z');
const REQUEST = 'bench-request-marker';
const id = (k: number) => `00000000-0000-7000-8000-00000000000${k}`;
const personMarker = (k: number) => `~p${k}~`;
const hashMarker = (k: number) => `bench-hash-marker-${k}`;

/** A consultation of case files, as the collector folds it: one row per (object, action, outcome, reason), 5 random persons. */
const SHAPES = [
  { outcome: 'GRANTED', reason: null, subject: 'Person', fields: ['givenNames', 'surname'], categories: ['identity.name'] },
  { outcome: 'GRANTED', reason: null, subject: 'Person', fields: ['birthDate', 'nationality'], categories: ['identity.birth', 'identity.nationality'] },
  { outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', subject: 'Person', fields: ['medicalNotes'], categories: ['health'] },
  { outcome: 'GRANTED', reason: null, subject: 'Placement', fields: ['admittedAt', 'institution'], categories: ['detention.placement'] },
  { outcome: 'GRANTED', reason: null, subject: 'Dossier', fields: ['entries', 'status'], categories: ['detention.dossier'] },
] as const;

/** The rows the writer is run on: what a request of case-manager-a writes, with markers where transactions differ. */
export function templateRows(): AccessLogEntry[] {
  return SHAPES.map((s, i) => {
    const k = i + 1;
    const person = `person-g${personMarker(k)}`;
    return Object.assign(new AccessLogEntry(), {
      id: id(k), at: AT, requestId: REQUEST, action: 'consult', outcome: s.outcome, reason: s.reason,
      principalId: 'case-manager-a', principalCategory: 'staff:case_manager@institution-A', client: null,
      recipientId: 'case-manager-a', recipientCategory: 'internal:institution-A', purpose: 'DETENTION_MANAGEMENT',
      processingRecordVersion: 1, justification: null, subjectType: s.subject,
      subjectId: s.subject === 'Person' ? person : `${s.subject.toLowerCase()}-g${personMarker(k)}`, personId: person,
      fields: [...s.fields], categories: [...s.categories], operationName: 'CaseFile', operationId: null,
      policyRevision: 'bench-policy-revision', hash: hashMarker(k),
    });
  });
}

/**
 * A string constant. pgbench takes any `:word`, even inside quotes, for a variable, so colons are
 * written \x3a in an E'' string, as are control characters (the writer's separators).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped here
const str = (s: string) => `E'${s.replace(/[\\']/g, '\\$&').replace(/[\x00-\x1f:]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
/** A string holding person markers, with pgbench's random person numbers put in. */
const withPersons = (s: string) => SHAPES.reduce((e, _s, i) =>
  s.includes(personMarker(i + 1)) ? `replace(${e}, ${str(personMarker(i + 1))}, lpad(:p${i + 1}::text, 6, '0'))` : e, str(s));

/** A value the writer bound, as SQL. */
function constant(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return withPersons(v);
  throw new BenchFailed(`the writer bound a ${typeof v} the write-path scripts cannot render`);
}

/** The hashed columns of template row `k` as SQL over the per-transaction values of `r`. */
function hashedSql(e: AccessLogEntry, k: number): HashedSql {
  const text = (v: string | null | undefined) => (v == null ? 'null::text' : `${withPersons(v)}::text`);
  const list = (xs: string[]) => `${str(`{${xs.join(',')}}`)}::text[]`;
  return {
    id: `r.ids[${k}]::uuid`, at: 'r.at', requestId: 'r.request_id', action: text(e.action), outcome: text(e.outcome), reason: text(e.reason),
    principalId: text(e.principalId), principalCategory: text(e.principalCategory), client: text(e.client), recipientId: text(e.recipientId),
    recipientCategory: text(e.recipientCategory), purpose: text(e.purpose),
    processingRecordVersion: e.processingRecordVersion == null ? 'null::int' : String(e.processingRecordVersion),
    justification: text(e.justification), subjectType: text(e.subjectType), subjectId: text(e.subjectId), personId: text(e.personId),
    fields: list(e.fields), categories: list(e.categories), operationName: text(e.operationName), operationId: text(e.operationId),
    policyRevision: text(e.policyRevision),
  };
}

/**
 * The writer's statement with every parameter replaced: by what varies per transaction (from the
 * CTE `r`, computed once per statement) or by the constant the writer bound, cast to the type the
 * database inferred for the parameter.
 */
function insertSql(w: WriterStatement, rows: AccessLogEntry[]): string {
  const isAt = (v: unknown) => v instanceof Date ? v.getTime() === AT.getTime() : typeof v === 'string' && v.includes('2001') && new Date(v).getTime() === AT.getTime();
  const value = (v: unknown): string => {
    if (isAt(v)) return '(select at from r)';
    if (v === REQUEST) return '(select request_id from r)';
    // What the writer binds once per request, as an array of one (the rows' request number picks it).
    if (v === `{"${AT.toISOString()}"}`) return '(select array[at] from r)';
    if (v === `{"${REQUEST}"}`) return '(select array[request_id] from r)';
    if (typeof v === 'string' && v.includes(id(1))) return '(select ids from r)';
    if (typeof v === 'string' && v.includes(hashMarker(1))) {
      return `(select array[${rows.map((e, i) => rowHashCall(hashedSql(e, i + 1))).join(',\n      ')}] from r)`;
    }
    if (v instanceof Date) throw new BenchFailed('the writer bound a time other than the rows\' `at`');
    return constant(v);
  };
  // A placeholder the writer casts itself keeps its cast; the others get the inferred type.
  const sql = w.sql.replace(/\$(\d+)\b(::)?/g, (_m, n: string, cast?: string) =>
    `${value(w.bindings[Number(n) - 1])}::${cast ? '' : w.types[Number(n) - 1]}`);
  const r = `r as (select array[${rows.map(() => 'gen_random_uuid()').join(', ')}]::text[] as ids, date_trunc('milliseconds', now()) as at,
    'req-' || :client_id::text || '-' || :rq::text as request_id)`;
  return `with ${r}\n${sql}`;
}

export interface Scripts { plain: string; ours: string; naive: string }

export function buildScripts(w: WriterStatement): Scripts {
  const rows = templateRows();
  const ours = insertSql(w, rows);
  const plain = ours.replace(/\binsert into access_log\b/i, 'insert into access_log_plain');
  if (plain === ours) throw new BenchFailed('could not point the writer\'s INSERT at access_log_plain');
  const variables = [...rows.map((_r, i) => `\\set p${i + 1} random(1, ${PERSONS})`), '\\set rq random(1, 1000000000)'];
  const transaction = (...statements: string[]) => [...variables, 'BEGIN;', ...statements.map((s) => `${s};`), 'COMMIT;', ''].join('\n');
  // The naive chain: every writer takes the one head and holds it until it commits, so the log
  // serialises on it. Rows go to the plain table; the head becomes sha256(previous head || the rows' ids).
  const naive = transaction(
    'select hash from chain_head for update',
    `${plain.replace(/\ninsert into access_log_plain/i, ', written as (insert into access_log_plain')} returning id)
  update chain_head set hash = encode(sha256(convert_to(hash || (select string_agg(id::text, '' order by id) from written), 'UTF8')), 'hex')`,
  );
  return { plain: transaction(plain), ours: transaction(ours), naive };
}
