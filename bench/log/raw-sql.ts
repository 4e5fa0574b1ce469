import pg from 'pg';
import { percentiles, seeded, timed, type Percentiles } from '../lib/stats.js';
import { log } from './env.js';
import { SEARCH, shape, type Search } from './search.js';

/** EXPLAIN (ANALYZE) runs per search: the plan times, apart from the round trips. */
const EXPLAINS = 100;

const SELECT = 'select *, (extract(epoch from at) * 1000000)::bigint as at_micros from access_log';

/** The statement the accessLog resolver prepares for each search (src/audit/read.ts). */
const STATEMENTS: Record<string, string> = {
  personId: `${SELECT} where person_id = $1 order by at desc, seq desc limit $2::int`,
  principalId: `${SELECT} where principal_id = $1 order by at desc, seq desc limit $2::int`,
  'personId + one-year from/to': `${SELECT} where person_id = $1 and at >= $2::timestamptz and at < $3::timestamptz ` +
    'order by at desc, seq desc limit $4::int',
};

export interface RawFigures {
  label: string;
  sql: string;
  /** Whether the resolver sent this statement (same shape once values are masked). */
  sameAsResolver: boolean | null;
  roundTrip: Percentiles;
  planning: Percentiles;
  execution: Percentiles;
  plan: string;
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Subplans Removed'?: number; Plans?: PlanNode[] }

/** "Limit → Merge Append; 125 partitions: 125 × Index Scan Backward (..._person_id_seq_idx)". */
function describePlan(root: PlanNode): string {
  const top: string[] = [];
  let node: PlanNode | undefined = root;
  while (node && !node['Relation Name']) {
    top.push(node['Node Type'] + (node['Subplans Removed'] ? ` (${node['Subplans Removed']} partitions pruned)` : ''));
    node = node.Plans?.length === 1 ? node.Plans[0] : undefined;
  }
  const scans = new Map<string, number>();
  const walk = (n: PlanNode) => {
    if (n['Relation Name']) {
      const index = n['Index Name']?.replace(/^access_log_\w+?_(?=[a-z_]+_idx$|pkey$)/, '…_') ?? '';
      const kind = `${n['Node Type']}${index ? ` on ${index}` : ''}`;
      scans.set(kind, (scans.get(kind) ?? 0) + 1);
    }
    n.Plans?.forEach(walk);
  };
  walk(root);
  const total = [...scans.values()].reduce((a, b) => a + b, 0);
  return `${top.join(' → ')}; ${total} partition scans: ${[...scans].map(([k, n]) => `${n} × ${k}`).join(', ')}`;
}

/**
 * The resolver's SQL straight through pg, no API: round trips of the prepared statement (p50/p95 of
 * SEARCH.measured after a warm-up), then EXPLAIN (ANALYZE, FORMAT JSON) of the same text unprepared,
 * to split planning (what preparing saves) from execution. For context: what the database costs
 * inside the end-to-end figures.
 */
export async function measureRawSql(url: string, list: Search[], resolverSql: Map<string, string | null>): Promise<RawFigures[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: RawFigures[] = [];
    for (const [i, s] of list.entries()) {
      log(`raw SQL of the search by ${s.label}`);
      const sql = STATEMENTS[s.label];
      const params = (random: () => number) => {
        const f = s.filter(random);
        return [f.personId ?? f.principalId, ...(f.from ? [f.from, f.to] : []), SEARCH.first + 1];
      };
      const random = seeded(2000 + i);
      // Prepared, as the resolver sends it: parsed once, planned generically after five runs.
      const prepared = (values: unknown[]) => client.query({ name: `raw_search_${i}`, text: sql, values });
      for (let k = 0; k < SEARCH.warmup; k++) await prepared(params(random));
      const roundTrips: number[] = [];
      for (let k = 0; k < SEARCH.measured; k++) roundTrips.push((await timed(() => prepared(params(random)))).ms);
      const planning: number[] = [];
      const execution: number[] = [];
      let plan = '';
      for (let k = 0; k < EXPLAINS; k++) {
        const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }] }>(
          `explain (analyze, format json) ${sql}`, params(random));
        const [p] = rows[0]['QUERY PLAN'];
        planning.push(p['Planning Time']);
        execution.push(p['Execution Time']);
        if (k === 0) plan = describePlan(p.Plan);
      }
      const captured = resolverSql.get(s.label) ?? null;
      out.push({
        label: s.label, sql, sameAsResolver: captured === null ? null : captured === shape(sql),
        roundTrip: percentiles(roundTrips), planning: percentiles(planning), execution: percentiles(execution), plan,
      });
    }
    return out;
  } finally {
    await client.end();
  }
}
