import type pg from 'pg';
import { BenchFailed } from '../lib/runner.js';
import { log } from './env.js';

/**
 * Partitions for the last `years` years, named and bounded as access_log_ensure_partitions makes
 * them (server time zone): yearly ('access_log_2026') or monthly ('access_log_2026_11'), whichever
 * the migrations set up; the ones that exist are kept. Returns the scheme.
 */
export async function createPartitions(c: pg.Client, years: number): Promise<'yearly' | 'monthly'> {
  const { rows: existing } = await c.query<{ relname: string }>(
    "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'access_log'::regclass");
  const yearly = existing.some((p) => /^access_log_\d{4}$/.test(p.relname));
  if (!yearly && !existing.some((p) => /^access_log_\d{4}_\d{2}$/.test(p.relname))) {
    throw new BenchFailed('access_log has neither yearly nor monthly partitions after the migrations: update bench/log/partitions.ts');
  }
  const [unit, format] = yearly ? ['year', 'YYYY'] : ['month', 'YYYY_MM'];
  const { rows } = await c.query<{ name: string; lower: string; upper: string }>(
    `select 'access_log_' || to_char(m, '${format}') as name, m::date::text as lower, (m + interval '1 ${unit}')::date::text as upper
     from generate_series(date_trunc('${unit}', now() - interval '${years} years'), date_trunc('${unit}', now()), interval '1 ${unit}') as m`);
  let created = 0;
  for (const p of rows) {
    if ((await c.query('select 1 from pg_class where relname = $1', [p.name])).rowCount) continue;
    await c.query(`create table ${p.name} partition of access_log for values from ('${p.lower}') to ('${p.upper}')`);
    await c.query('select access_log_guard_partition($1)', [p.name]);
    created++;
  }
  log(`partitions: ${rows.length} ${yearly ? 'yearly' : 'monthly'} ones reach ${years} years back, ${created} created`);
  return yearly ? 'yearly' : 'monthly';
}
