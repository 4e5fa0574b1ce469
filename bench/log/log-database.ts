import { migrationsList } from '../../migrations/index.js';
import { databaseUrl, withClient } from '../lib/pg.js';
import { log } from './env.js';
import { GENERATOR, LOG_DATABASE, LOG_ROWS, rebuild, type Meta } from './generate.js';
import { sizes, type Sizes } from './sizes.js';

export interface LogDatabase {
  url: string;
  reused: boolean;
  meta: Meta;
  sizes: Sizes;
}

/**
 * Part 2's database, `ntk_bench_log` on the DATABASE_URL server: reused when it holds the LOG_ROWS
 * generated rows and exactly the migrations of migrations/index.ts, else dropped and rebuilt
 * (generate.ts). Generating ten million rows takes most of a first run; later runs take minutes.
 */
export async function logDatabase(server: string): Promise<LogDatabase> {
  const url = databaseUrl(server, LOG_DATABASE);
  let meta = await reusable(server, url);
  const reused = meta !== null;
  if (meta) {
    log(`reusing ${LOG_DATABASE}: ${meta.rows} rows generated ${meta.generated_at.toISOString()}`);
    // As prepareDatabase does at every start: the coming months' partitions, for the auditor's own rows.
    await withClient(url, (c) => c.query('select access_log_ensure_partitions(3)'));
  } else {
    meta = await rebuild(server, url);
  }
  return { url, reused, meta, sizes: await sizes(url) };
}

async function reusable(server: string, url: string): Promise<Meta | null> {
  const exists = await withClient(server, async (c) =>
    (await c.query('select 1 from pg_database where datname = $1', [LOG_DATABASE])).rowCount === 1);
  if (!exists) return null;
  return withClient(url, async (c) => {
    if (!(await c.query<{ t: string | null }>("select to_regclass('bench_log_meta')::text as t")).rows[0].t) return null;
    const [meta] = (await c.query<Meta>('select * from bench_log_meta')).rows;
    if (!meta || Number(meta.rows) !== LOG_ROWS || meta.generator !== GENERATOR) {
      log(`${LOG_DATABASE} holds ${meta?.rows ?? 'no'} rows of generator ${meta?.generator ?? 1}, not ${LOG_ROWS} of generator ${GENERATOR}: rebuilding`);
      return null;
    }
    const applied = new Set((await c.query<{ name: string }>('select name from mikro_orm_migrations')).rows.map((r) => r.name.replace(/\.[jt]s$/, '')));
    const missing = migrationsList.filter((m) => !applied.has(m.name));
    if (missing.length > 0 || applied.size !== migrationsList.length) {
      log(`${LOG_DATABASE} lacks migrations (${missing.map((m) => m.name).join(', ') || 'different set'}): rebuilding`);
      return null;
    }
    const { rows } = await c.query<{ n: string }>('select count(*) as n from access_log where seq between $1 and $2', [meta.first_seq, meta.last_seq]);
    if (Number(rows[0].n) !== LOG_ROWS) {
      log(`${LOG_DATABASE} holds ${rows[0].n} of the ${LOG_ROWS} generated rows: rebuilding`);
      return null;
    }
    return { ...meta, rows: Number(meta.rows), transactions: Number(meta.transactions) };
  });
}
