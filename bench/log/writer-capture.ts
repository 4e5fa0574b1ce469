import type { MikroORM } from '@mikro-orm/postgresql';
import type { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';
import { writeEntries } from '../../src/audit/writer.js';
import { BenchFailed } from './env.js';

/** The one statement writeEntries sent: SQL with $n placeholders, the values bound, and their types. */
export interface WriterStatement { sql: string; bindings: unknown[]; types: string[] }

/**
 * Runs the real writer (src/audit/writer.ts) once on `entries`, in a transaction rolled back, and
 * returns the statement it sent. The pgbench scripts are built from it, so they follow the writer
 * when its SQL or its encoding of the arrays changes. The parameter types come from PREPARE.
 */
export async function captureWriterStatement(orm: MikroORM, entries: AccessLogEntry[]): Promise<WriterStatement> {
  const knex = orm.em.getConnection().getKnex();
  const seen: { sql: string; bindings: unknown[] }[] = [];
  const listen = (q: { sql?: string; bindings?: unknown[] }) => {
    if (q.sql && !/^\s*(begin|commit|rollback)\b/i.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', listen);
  const em = orm.em.fork();
  let types: string[] = [];
  try {
    await em.begin();
    await writeEntries(em, entries);
    const [statement] = seen;
    if (seen.length !== 1 || !/^\s*insert into access_log\b/i.test(statement.sql)) {
      throw new BenchFailed(`writeEntries sent ${seen.length} statements for one request's rows; the write-path scripts expect one INSERT into access_log`);
    }
    const conn = em.getConnection();
    const trx = em.getTransactionContext();
    await conn.execute(`prepare bench_writer as ${statement.sql}`, [], 'run', trx);
    const [{ types: t }] = await conn.execute<{ types: string[] }[]>(
      "select parameter_types::text[] as types from pg_prepared_statements where name = 'bench_writer'", [], 'all', trx);
    await conn.execute('deallocate bench_writer', [], 'run', trx);
    types = t;
  } finally {
    knex.removeListener('query', listen);
    await em.rollback();
  }
  const [{ sql, bindings }] = seen;
  if (types.length !== bindings.length) throw new BenchFailed(`the writer's statement has ${types.length} parameters but ${bindings.length} values`);
  return { sql, bindings, types };
}
