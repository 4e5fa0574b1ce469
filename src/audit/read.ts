import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { runPrepared } from '../db/prepared-statement.js';
import { AccessLogEntry, entryFromRow } from './AccessLogEntry.js';

/** Conditions on log rows: SQL with `?` placeholders, and the values they take in that order. */
export interface LogConditions {
  sql: string[];
  values: unknown[];
}

/** One page of a search, in `seq` order, strictly beyond the cursors given. */
export interface LogPage {
  order: 'asc' | 'desc';
  limit: number;
  seqAbove?: string;
  seqBelow?: string;
}

/** Equality filters of the auditor resolvers and their columns. */
const COLUMNS = {
  personId: 'person_id', principalId: 'principal_id', purpose: 'purpose', recipientId: 'recipient_id', action: 'action', outcome: 'outcome',
} as const;

export interface LogFilter {
  equal: Partial<Record<keyof typeof COLUMNS, string>>;
  /** Rows touching any of these categories. */
  categories?: string[];
  from?: Date;
  to?: Date;
}

/** A filter as conditions; the values travel as parameters, never in the text. */
export function filterConditions(f: LogFilter): LogConditions {
  const sql: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const v = f.equal[key];
    if (v !== undefined) {
      sql.push(`${column} = ?`);
      values.push(v);
    }
  }
  if (f.categories) {
    sql.push('categories && ?::text[]');
    values.push(pgArray(f.categories));
  }
  if (f.from) {
    sql.push('at >= ?::timestamptz');
    values.push(f.from.toISOString());
  }
  if (f.to) {
    sql.push('at < ?::timestamptz');
    values.push(f.to.toISOString());
  }
  return { sql, values };
}

/** Statement names by text: the same search shape is parsed and planned once per connection. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `access_log_search_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Log rows for the auditor resolvers, as plain objects, with one prepared statement per search
 * shape. A search by person scans the person index of every yearly partition: planning that for
 * each request cost as much as running it (bench/log-results.md). The rows are only read, so they
 * skip the ORM's entities, identity map and change check too.
 */
export async function readLogRows(em: EntityManager, where: LogConditions, page: LogPage): Promise<AccessLogEntry[]> {
  const sql = [...where.sql];
  const values = [...where.values];
  if (page.seqAbove !== undefined) {
    sql.push('seq > ?::bigint');
    values.push(page.seqAbove);
  }
  if (page.seqBelow !== undefined) {
    sql.push('seq < ?::bigint');
    values.push(page.seqBelow);
  }
  const text = `select * from access_log${sql.length > 0 ? ` where ${sql.join(' and ')}` : ''} ` +
    `order by seq ${page.order === 'asc' ? 'asc' : 'desc'} limit ?::int`;
  values.push(page.limit);
  return (await runPrepared(em, statementName(text), text, values)).map(entryFromRow);
}
