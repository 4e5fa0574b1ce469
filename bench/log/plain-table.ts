import type pg from 'pg';
import { BenchFailed } from '../lib/runner.js';
import { ROW_HASH_FUNCTION } from './canonical-sql.js';

/**
 * `access_log_plain`: the log with no tamper evidence, the baseline of the write path. Same columns
 * (copied with LIKE, so they cannot drift), the same partitions (copied bound for bound from
 * access_log's, whether monthly or yearly), same indexes, but no `tx` column, no (tx, seq) index and
 * no triggers. Its own sequence, so it does not share access_log's.
 */
const PLAIN = [
  'create sequence access_log_plain_seq',
  'create table access_log_plain (like access_log including defaults) partition by range (at)',
  'alter table access_log_plain drop column tx',
  "alter table access_log_plain alter column seq set default nextval('access_log_plain_seq')",
  'alter sequence access_log_plain_seq owned by access_log_plain.seq',
  'alter table access_log_plain add constraint access_log_plain_pkey primary key (id, at)',
  // The same partitions as access_log, bound for bound (monthly or yearly, and those catching other times).
  `do $$ declare p record; begin
     for p in select c.relname, pg_get_expr(c.relpartbound, c.oid) as bound from pg_inherits i join pg_class c on c.oid = i.inhrelid
              where i.inhparent = 'access_log'::regclass loop
       execute format('create table %I partition of access_log_plain %s', replace(p.relname, 'access_log', 'access_log_plain'), p.bound);
     end loop;
   end $$`,
  'create index access_log_plain_person_id_at_seq_index on access_log_plain (person_id, at, seq)',
  'create index access_log_plain_principal_id_at_seq_index on access_log_plain (principal_id, at, seq)',
  'create index access_log_plain_at_seq_index on access_log_plain (at, seq)',
];

/** The naive design the issue warns against: one chain head every writer locks until it commits. */
const CHAIN_HEAD = [
  'create table chain_head (hash text not null)',
  "insert into chain_head values (repeat('0', 64))",
];

/** "btree (person_id, seq)": an index's method and key, whatever its name and table. */
async function indexShapes(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ indexdef: string }>('select indexdef from pg_indexes where tablename = $1', [table]);
  return rows.map((r) => r.indexdef.replace(/^.* USING /, '')).sort();
}

/**
 * Creates the baseline tables and the row-hash function in the write-path database and checks that the baseline's indexes are
 * exactly access_log's but (tx, seq): otherwise the comparison would not be like for like.
 */
export async function createBaselineTables(c: pg.Client): Promise<void> {
  for (const sql of [...PLAIN, ...CHAIN_HEAD, ROW_HASH_FUNCTION]) await c.query(sql);
  const ours = (await indexShapes(c, 'access_log')).filter((s) => s !== 'btree (tx, seq)');
  const plain = await indexShapes(c, 'access_log_plain');
  if (JSON.stringify(ours) !== JSON.stringify(plain)) {
    throw new BenchFailed(`access_log_plain's indexes (${plain.join('; ')}) differ from access_log's without (tx, seq) (${ours.join('; ')})`);
  }
  const { rows } = await c.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns where table_name = 'access_log' and column_name <> 'tx'
     and column_name not in (select column_name from information_schema.columns where table_name = 'access_log_plain')`);
  if (rows[0].n !== 0) throw new BenchFailed('access_log_plain lacks columns access_log has');
  const partitions = (t: string) => c.query(`select 1 from pg_inherits where inhparent = '${t}'::regclass`).then((r) => r.rowCount);
  if ((await partitions('access_log')) !== (await partitions('access_log_plain'))) throw new BenchFailed('access_log_plain has other partitions than access_log');
}
