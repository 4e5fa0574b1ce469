import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { runPrepared } from '../db/prepared-statement.js';
import { type AccessLogEntry, entryFromRow } from './AccessLogEntry.js';

/** Conditions on log rows: SQL with `?` placeholders, and the values they take in that order. */
export interface LogConditions {
  sql: string[];
  values: unknown[];
}

/**
 * Where a row stands in the log's order, newest last: its time in microseconds since 1970 (exact,
 * as PostgreSQL keeps it) and its insert sequence, which breaks ties.
 */
export interface LogKey {
  atMicros: string;
  seq: string;
}

/** One page of a search in (at, seq) order, strictly beyond `beyond` in that order. */
export interface LogPage {
  order: 'asc' | 'desc';
  limit: number;
  beyond?: LogKey;
}

/** A row as searches return it, with its place in the order. */
export type LogRow = AccessLogEntry & { key: LogKey };

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
 * shape. In (at, seq) order, newest first, PostgreSQL reads the yearly partitions one after the
 * other and stops once the page is full (Migration20261123000900). The rows are only read, so they
 * skip the ORM's entities, identity map and change check too.
 */
export async function readLogRows(em: EntityManager, where: LogConditions, page: LogPage): Promise<LogRow[]> {
  const sql = [...where.sql];
  const values = [...where.values];
  const direction = page.order === 'asc' ? 'asc' : 'desc';
  if (page.beyond) {
    sql.push(`(at, seq) ${direction === 'asc' ? '>' : '<'} (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::bigint)`);
    values.push(page.beyond.atMicros, page.beyond.seq);
  }
  const text = `select *, (extract(epoch from at) * 1000000)::bigint as at_micros from access_log${sql.length > 0 ? ` where ${sql.join(' and ')}` : ''} ` +
    `order by at ${direction}, seq ${direction} limit ?::int`;
  values.push(page.limit);
  const rows = await runPrepared(em, statementName(text), text, values);
  return rows.map((r) => Object.assign(entryFromRow(r), { key: { atMicros: String(r.at_micros), seq: String(r.seq) } }));
}

/** A page cursor: the key of the row it stands for, as text. */
export const keyCursor = (k: LogKey): string => `${k.atMicros}_${k.seq}`;

/** The key a cursor stands for, or null when it is not one. */
export function cursorKey(cursor: string): LogKey | null {
  const m = /^(-?\d{1,19})_(\d{1,19})$/.exec(cursor);
  return m ? { atMicros: m[1], seq: m[2] } : null;
}
