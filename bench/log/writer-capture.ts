import type { Knex, MikroORM } from '@mikro-orm/postgresql';
import type { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';
import { writeEntries } from '../../src/audit/writer.js';
import { BenchFailed } from '../lib/runner.js';
import { watchDriverQueries, type DriverQuery } from '../lib/statements.js';

/** The one statement writeEntries sent: SQL with $n placeholders, the values bound, and their types. */
export interface WriterStatement { sql: string; bindings: unknown[]; types: string[] }

/**
 * Runs the real writer (src/audit/writer.ts) once on `entries`, in a transaction rolled back, and
 * returns the statement it sent. The pgbench scripts are built from it, so they follow the writer
 * when its SQL or its encoding of the arrays changes. The parameter types come from PREPARE.
 */
export async function captureWriterStatement(orm: MikroORM, entries: AccessLogEntry[]): Promise<WriterStatement> {
  const seen: DriverQuery[] = [];
  const stop = watchDriverQueries(orm, (q) => {
    // The writer's `set local` timeouts (issue 16, finding 6) are not the INSERT the scripts replay.
    if (!/^\s*(begin|commit|rollback|set local)\b/i.test(q.text)) seen.push(q);
  });
  const em = orm.em.fork();
  let types: string[] = [];
  try {
    await em.begin();
    await writeEntries(em, entries);
    stop();
    const [statement] = seen;
    if (seen.length !== 1 || !/^\s*insert into access_log\b/i.test(statement.text)) {
      throw new BenchFailed(`writeEntries sent ${seen.length} statements for one request's rows; the write-path scripts expect one INSERT into access_log`);
    }
    const conn = em.getConnection();
    const trx = em.getTransactionContext<Knex.Transaction>();
    await conn.execute(`prepare bench_writer as ${statement.text}`, [], 'run', trx);
    const [{ types: t }] = await conn.execute<{ types: string[] }[]>(
      "select parameter_types::text[] as types from pg_prepared_statements where name = 'bench_writer'", [], 'all', trx);
    await conn.execute('deallocate bench_writer', [], 'run', trx);
    types = t;
  } finally {
    stop();
    await em.rollback();
  }
  const [{ text: sql, values: bindings }] = seen;
  if (types.length !== bindings.length) throw new BenchFailed(`the writer's statement has ${types.length} parameters but ${bindings.length} values`);
  return { sql, bindings, types };
}
