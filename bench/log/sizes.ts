import { withClient } from '../lib/pg.js';

export interface Sizes {
  partitions: number;
  /** "11 yearly, 1 monthly, default". */
  partitionKinds: string;
  tableBytes: number;
  indexBytes: number;
  indexes: { name: string; bytes: number }[];
  sealBytes: number;
  seals: number;
  /** Every row before this run's searches, the auditor's own rows of earlier runs included. */
  logRows: number;
}

/** What the log takes on disk, per index too; the partitions by kind; rows and seals now. */
export async function sizes(url: string): Promise<Sizes> {
  return withClient(url, async (c) => {
    const num = async (sql: string, params: unknown[] = []) => Number((await c.query<{ n: string }>(sql, params)).rows[0].n);
    const leaves = `from pg_partition_tree($1::regclass) t where t.isleaf`;
    const indexNames = (await c.query<{ indexname: string }>(
      "select indexname from pg_indexes where tablename = 'access_log' order by indexname")).rows.map((r) => r.indexname);
    const indexes = [];
    for (const name of indexNames) indexes.push({ name, bytes: await num(`select sum(pg_relation_size(t.relid)) as n ${leaves}`, [name]) });
    const names = (await c.query<{ name: string }>(`select t.relid::regclass::text as name ${leaves}`, ['access_log'])).rows.map((r) => r.name);
    const kinds = [[/^access_log_\d{4}$/, 'yearly'], [/^access_log_\d{4}_\d{2}$/, 'monthly'], [/^access_log_default$/, 'default'],
      [/^access_log_before$/, 'before'], [/^access_log_after$/, 'after']] as const;
    return {
      partitions: names.length,
      partitionKinds: kinds.map(([re, kind]) => [names.filter((n) => re.test(n)).length, kind] as const).filter(([n]) => n > 0)
        .map(([n, kind]) => (n === 1 && !/ly$/.test(kind) ? kind : `${n} ${kind}`)).join(', '),
      tableBytes: await num(`select sum(pg_table_size(t.relid)) as n ${leaves}`, ['access_log']),
      indexBytes: await num(`select sum(pg_indexes_size(t.relid)) as n ${leaves}`, ['access_log']),
      indexes,
      sealBytes: await num("select pg_total_relation_size('access_log_seal') as n"),
      seals: await num('select count(*) as n from access_log_seal'),
      logRows: await num('select count(*) as n from access_log'),
    };
  });
}
