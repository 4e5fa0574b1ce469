import type { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';

/**
 * The columns rowHash() covers, in its order (HASHED in src/audit/canonical.ts, which is not
 * exported). A mismatch is caught before any data are generated (generate.ts) and by
 * verifyAccessLog after the write path.
 */
const HASHED = [
  'id', 'requestId', 'action', 'outcome', 'reason', 'principalId', 'principalCategory', 'client',
  'recipientId', 'recipientCategory', 'purpose', 'processingRecordVersion', 'justification', 'subjectType',
  'subjectId', 'personId', 'fields', 'categories', 'operationName', 'operationId', 'policyRevision',
] as const satisfies readonly (keyof AccessLogEntry)[];

/**
 * A SQL expression per hashed column; a NULL must carry its type (`null::text`) for to_json. `at` is
 * no longer hashed (the database sets it; seals of format 2 chain it, Migration20261205000100).
 */
export type HashedSql = Record<(typeof HASHED)[number], string> & { at?: string };

/**
 * SQL computing rowHash() of a row in the database: sha256, hex, of the canonical JSON array
 * '[' || elements joined by ',' || ']', with to_json(x)::text for strings, ints and arrays, 'null' for
 * NULL and the time as ISO 8601 UTC with milliseconds, like Date#toISOString. `at` must have
 * millisecond precision (as a JavaScript Date has), else the database and the API disagree.
 * The format's colons are written \x3a: pgbench would take `:MI` for a variable.
 */
export function rowHashSql(c: HashedSql): string {
  const json = (k: (typeof HASHED)[number]) => `coalesce(to_json(${c[k]})::text, 'null')`;
  return `encode(sha256(convert_to('[' || ${HASHED.map(json).join(" || ',' || ")} || ']', 'UTF8')), 'hex')`;
}

/** SQL types of the hashed columns, as access_log declares them. */
const TYPES: HashedSql = {
  id: 'uuid', at: 'timestamptz', requestId: 'text', action: 'text', outcome: 'text', reason: 'text', principalId: 'text',
  principalCategory: 'text', client: 'text', recipientId: 'text', recipientCategory: 'text', purpose: 'text',
  processingRecordVersion: 'int', justification: 'text', subjectType: 'text', subjectId: 'text', personId: 'text',
  fields: 'text[]', categories: 'text[]', operationName: 'text', operationId: 'text', policyRevision: 'text',
};

/**
 * `bench_row_hash(...)`: rowHashSql() as a PL/pgSQL function of the hashed columns in HASHED order.
 * PL/pgSQL is not inlined, so a statement calling it is planned as cheaply as the writer's, whose
 * hashes arrive as parameters; the expression itself is planned once per connection.
 */
export const ROW_HASH_FUNCTION = `create function bench_row_hash(${HASHED.map((k) => TYPES[k]).join(', ')}) returns text
  language plpgsql stable parallel safe as $$ begin
    return ${rowHashSql(Object.fromEntries(HASHED.map((k, i) => [k, `$${i + 1}`])) as HashedSql)};
  end $$`;

/** A call of bench_row_hash with the columns' SQL expressions. */
export const rowHashCall = (c: HashedSql) => `bench_row_hash(${HASHED.map((k) => c[k]).join(', ')})`;
