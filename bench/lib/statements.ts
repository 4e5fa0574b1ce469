import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';

/** Statements by kind: select, insert, begin, commit, ... (the first word of the SQL). */
export type StatementCounts = Record<string, number>;

const total = (c: StatementCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/** The first word of a statement; for a CTE, the statement it wraps: `insert (with)`. */
function statementKind(sql: string): string {
  const first = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
  if (first !== 'with') return first;
  return `${/\b(insert|update|delete)\b/i.exec(sql)?.[1]?.toLowerCase() ?? 'select'} (with)`;
}

/**
 * Counts the statements the ORM reports to its logger. MikroORM 6 calls `Logger.logQuery` for
 * every statement it runs, BEGIN and COMMIT included (`AbstractSqlConnection.begin/commit`), and the
 * default logger drops them unless `debug` is on. This logger only counts: it never writes the SQL,
 * which can hold parameters and so personal data.
 */
export class StatementCounter {
  readonly counts: StatementCounts = {};

  loggerFactory = (options: LoggerOptions): DefaultLogger => {
    const counts = this.counts;
    return new (class extends DefaultLogger {
      override logQuery(context: LogContext): void {
        const kind = statementKind(context.query ?? '') + (context.level === 'error' ? ' (failed)' : '');
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
    })(options);
  };

  snapshot(): StatementCounts {
    return { ...this.counts };
  }
}

/**
 * Waits until the ORM has run no statement for `quietMs`: requests a load run left in flight
 * (autocannon stops without waiting for answers) finish before anything is counted or closed.
 */
export async function settle(counter: StatementCounter, quietMs = 300, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = total(counter.counts);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = total(counter.counts);
    if (now === last || Date.now() > deadline) return;
    last = now;
  }
}

/** What one call of `fn` sent: per kind as the ORM reports it, and the count seen by the pg driver. */
export interface Measured {
  orm: StatementCounts;
  ormTotal: number;
  wire: number;
}

/** A statement as the pg driver received it: text with $n placeholders, and its values. */
export interface DriverQuery { text: string; values: unknown[] }

/** pg's Query: each statement a client sends, submitted to the connection when its turn comes. */
interface PgQuery { text?: string; values?: unknown[]; submit(...a: unknown[]): unknown }

/**
 * Calls `onQuery` for every statement the pg driver the ORM uses sends on the wire, whether through
 * knex or straight to a pooled connection; returns the undo. It watches `Query#submit`, not
 * `Client#query`: each pooled connection queues its queries behind a wrapper of its own
 * (src/db/one-query-at-a-time.ts), which a patch of the client's prototype would not see.
 */
export function watchDriverQueries(orm: MikroORM, onQuery: (q: DriverQuery) => void): () => void {
  const driver = (orm.em.getConnection().getKnex().client as { driver: { Query: { prototype: PgQuery } } }).driver;
  const proto = driver.Query.prototype;
  // Called back with the query as `this`, as pg calls it.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = proto.submit;
  proto.submit = function (this: PgQuery, ...args: unknown[]) {
    onQuery({ text: this.text ?? '', values: this.values ?? [] });
    return original.apply(this, args);
  };
  return () => { proto.submit = original; };
}

/**
 * Runs `fn` alone (nothing else may use the ORM meanwhile) and reads the counter difference. As a
 * cross-check it also counts the statements the pg driver knex uses sends, i.e. what goes on the wire.
 */
export async function measureStatements(orm: MikroORM, counter: StatementCounter, fn: () => Promise<unknown>): Promise<Measured> {
  let wire = 0;
  const stop = watchDriverQueries(orm, () => wire++);
  const before = counter.snapshot();
  try {
    await fn();
  } finally {
    stop();
  }
  const after = counter.snapshot();
  const diff: StatementCounts = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) diff[k] = v - (before[k] ?? 0);
  return { orm: diff, ormTotal: total(diff), wire };
}

/**
 * measureStatements of `times` identical calls, the one that sent the fewest: a connection the
 * pool happens to open during a call adds its setup statement, which is not the call's.
 */
export async function fewestStatements(orm: MikroORM, counter: StatementCounter, fn: () => Promise<unknown>, times = 3): Promise<Measured> {
  let fewest = await measureStatements(orm, counter, fn);
  for (let i = 1; i < times; i++) {
    const m = await measureStatements(orm, counter, fn);
    if (m.wire < fewest.wire) fewest = m;
  }
  return fewest;
}

/** "7 (1 begin, 1 commit, 4 select, 1 insert (with))". */
export function describeCounts(m: Measured): string {
  const parts = Object.entries(m.orm).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${v} ${k}`);
  return `${m.ormTotal} (${parts.join(', ')})`;
}
