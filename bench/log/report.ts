import { f0, f1, f2, mb, minutes, table, targetsSection, verdict } from '../lib/markdown.js';
import type { Percentiles } from '../lib/stats.js';
import { describeActivity, type ForeignActivity } from './activity.js';
import { LOG_DATABASE } from './generate.js';
import type { LogDatabase } from './log-database.js';
import type { PageCache } from './page-cache.js';
import type { RawFigures } from './raw-sql.js';
import type { SearchFigures } from './search.js';
import type { VerifySpeed } from './verify-speed.js';
import type { WritePathFigures } from './write-path.js';

export interface LogReport {
  date: Date;
  machine: string;
  server: string;
  write: WritePathFigures;
  database: LogDatabase;
  pageCache: PageCache;
  searches: SearchFigures[];
  searchActivity: ForeignActivity;
  raw: RawFigures[];
  verify: VerifySpeed;
  /** Seconds per part, for the reader planning a run. */
  timings: { label: string; seconds: number }[];
}

export const TARGETS = { oursVsPlain: 0.85, personSearchP95Ms: 10 } as const;

const ms = (p: Percentiles) => [f1(p.p50), f1(p.p95), f1(p.p99), f1(p.max)];

const tps = (r: LogReport, name: string) => r.write.variants.find((v) => v.name === name)?.tps ?? NaN;

/** Each target and correctness check with "met" or "MISSED" first. */
export function targetNotes(r: LogReport): string[] {
  const ratio = tps(r, 'ours') / tps(r, 'plain');
  const withSealer = tps(r, 'ours + sealer') / tps(r, 'plain');
  const person = r.searches.find((s) => s.label === 'personId');
  const notes = [
    `${verdict(ratio >= TARGETS.oursVsPlain)}: write path ours/plain = ${f2(ratio)} (target ≥ ${TARGETS.oursVsPlain}); ` +
      `with the sealer running: ${f2(withSealer)}`,
    `${verdict(!!person && person.ms.p95 <= TARGETS.personSearchP95Ms)}: accessLog(first: 20, filter: { personId }) p95 = ` +
      `${person ? f1(person.ms.p95) : '?'} ms end to end at ${r.database.meta.rows} rows (target ≤ ${TARGETS.personSearchP95Ms} ms)`,
    `${verdict(r.write.sealer.verify.ok)}: verifyAccessLog over the write path's log is ok` +
      (r.write.sealer.verify.ok ? '' : ` (${r.write.sealer.verify.problem})`),
    `${verdict(r.verify.year.ok)}: verifyAccessLog over a year of the generated log is ok` + (r.verify.year.ok ? '' : ` (${r.verify.year.problem})`),
  ];
  if ('ok' in r.verify.whole) {
    notes.push(`${verdict(r.verify.whole.ok)}: verifyAccessLog over the whole generated log is ok` + (r.verify.whole.ok ? '' : ` (${r.verify.whole.problem})`));
  }
  return notes;
}

/** p50, p95, p99 and max of a series of searches, and the rows they returned. */
const latencyTable = (first: string, rows: (string | number)[][]) =>
  table([first, 'p50 ms:', 'p95 ms:', 'p99 ms:', 'max ms:', 'rows returned (mean):'], rows);

export function renderReport(r: LogReport): string {
  const plain = tps(r, 'plain');
  const { meta, sizes } = r.database;
  const s = r.write.sealer;
  return [
    `# Benchmark: the access log (write path, search at ${meta.rows === 10_000_000 ? '10 million' : meta.rows} rows, verification)`,
    '',
    `- Run: ${r.date.toISOString()}, ${minutes(r.timings.reduce((a, t) => a + t.seconds, 0))}; ${r.machine}`,
    `- Server: ${r.server}`,
    `- Time per part: ${r.timings.map((t) => `${t.label} ${minutes(t.seconds)}`).join(', ')}`,
    '',
    '## 1. Write path: transactions per second',
    '',
    `${r.write.settings}. Each transaction is the writer's own INSERT (captured from \`writeEntries\` of src/audit/writer.ts ` +
      'on five template rows, values replaced per transaction: `gen_random_uuid()` ids, `at` = now(), 5 random of 100,000 persons). ' +
      'The row hashes, computed by the API before the insert, are computed in the statement by `bench_row_hash()` ' +
      '(PL/pgSQL, the same for every variant) so that the rows verify.',
    '',
    ...table(['variant', 'what', 'tps (mean):', 'each run:', 'ratio to plain:', 'mean latency ms:', 'failed:'],
      r.write.variants.map((v) => [v.name, v.about, f0(v.tps), v.runs.map((x) => f0(x.tps)).join(', '), f2(v.tps / plain),
      v.runs.map((x) => f1(x.latencyMs)).join(', '), v.runs.reduce((a, x) => a + x.failed, 0)])),
    '',
    `- ours + sealer: ${s.rowsWritten} rows written over its runs; the sealer loop sealed ${s.sealedDuringRuns} of them while pgbench ran, ` +
      `sealAll the remaining ${s.sealedAfter} once the loop stopped.`,
    `- verifyAccessLog over the whole log written (${r.write.logRows} rows in ${s.seals} seals, ours and ours + sealer): ` +
      `${s.verify.ok ? 'ok' : `NOT ok: ${s.verify.problem}`}, ${s.verify.checked} rows checked in ${f1(s.verifySeconds)} s.`,
    `- Background: ${describeActivity(r.write.activity)}.`,
    '',
    `## 2. Search at ${meta.rows} rows over ten years`,
    '',
    `- Database \`${LOG_DATABASE}\`: ${r.database.reused ? `**reused**, generated ${meta.generated_at.toISOString()}` : '**freshly generated** by this run'}; ` +
      `demo data, ${sizes.partitions} partitions of access_log (${sizes.partitionKinds}; as the migrations partition it, ten years back and the months ahead).`,
    `- Generation: ${meta.rows} rows in ${minutes(meta.generate_seconds)} (${f0(meta.rows / meta.generate_seconds)} rows/s, ` +
      '`insert ... select ... from generate_series` in chunks of 500,000, hash computed in SQL and checked against rowHash() on a sample first); ' +
      `sealAll ${minutes(meta.seal_seconds)} (${f0(meta.rows / meta.seal_seconds)} rows/s); VACUUM (ANALYZE) ${minutes(meta.vacuum_analyze_seconds)}.`,
    `- Data: 100,000 synthetic persons, 2,000 synthetic staff, four rows per request, rows in time order (so seals follow time), ` +
      `${meta.transactions} past transaction ids (\`tx\`) rising with time, about ${f0(meta.rows / meta.transactions)} rows each; ` +
      `${sizes.logRows} rows and ${sizes.seals} seals before this run's searches (the auditor's own rows of earlier runs included).`,
    `- Size: table ${mb(sizes.tableBytes)}, indexes ${mb(sizes.indexBytes)} ` +
      `(${sizes.indexes.map((i) => `${i.name.replace(/^access_log_/, '')} ${mb(i.bytes)}`).join(', ')}); access_log_seal ${mb(sizes.sealBytes)}.`,
    '',
    '### Through the API: `accessLog(first: 20, filter)` over HTTP, end to end',
    '',
    'As the demo `auditor` with `x-purpose: SUPERVISION_AUDIT`, one request at a time on one kept-alive connection (node:http) from a client process of its own (bench/log/search-client.ts), ' +
      '50 warm-up requests then 300 measured, ' +
      'each for a different random person / staff member / year (seeded). Each request also writes the auditor\'s own log row and commits.',
    r.pageCache.prepared
      ? `Before these searches the log's partitions and indexes (${mb(r.pageCache.bytes)}) were read once into the operating system's page cache ` +
        `with \`pg_prewarm(…, 'read')\` in ${f0(r.pageCache.seconds)} s, as on a server that keeps its log in memory; PostgreSQL's own ` +
        'shared_buffers stay as configured. The breakdown below shows the same search before that, with the page cache as earlier work left it.'
      : 'The server lacks pg_prewarm: the searches read what the page cache held.',
    '',
    ...latencyTable('filter', r.searches.filter((x) => !x.breakdown).map((x) => [x.label, ...ms(x.ms), f1(x.meanEdges)])),
    '',
    'Where the time of the search by personId goes: the same requests (same persons), varied.',
    '',
    ...latencyTable('request', r.searches.filter((x) => x.breakdown || x.label === 'personId').map((x) =>
      [x.label === 'personId' ? 'personId, first: 20 (as above)' : x.label, ...ms(x.ms), f1(x.meanEdges)])),
    '',
    `Background: ${describeActivity(r.searchActivity)}.`,
    '',
    '### The resolver\'s SQL alone, through pg',
    '',
    ...table(['filter', 'round trip p50 ms:', 'p95 ms:', 'planning (unprepared) p50 ms:', 'p95 ms:', 'execution p50 ms:', 'p95 ms:', 'plan'],
      r.raw.map((x) => [x.label, f2(x.roundTrip.p50), f2(x.roundTrip.p95), f2(x.planning.p50), f2(x.planning.p95),
      f2(x.execution.p50), f2(x.execution.p95), x.plan])),
    '',
    'Round trips: the prepared statement, as the resolver sends it, 300 times after a warm-up of 50; planning and execution: ' +
      '`EXPLAIN (ANALYZE, FORMAT JSON)` of the same text unprepared, 100 times (planning is what preparing saves). The statements:',
    '',
    ...r.raw.map((x) => `- ${x.label}: \`${x.sql}\` — ${x.sameAsResolver === null ? 'not compared' : x.sameAsResolver
      ? 'the resolver\'s statement' : 'differs from what the resolver sent'}`),
    '',
    '### Verification: verifyAccessLog',
    '',
    ...table(['range', 'rows checked:', 'seconds:', 'rows/s:', 'result'],
      [r.verify.year, r.verify.whole].map((v) => ('skipped' in v
        ? ['the whole log', '', '', '', v.skipped]
        : [v.label, v.checked, f1(v.seconds), f0(v.rowsPerSecond), v.ok ? 'ok' : `NOT ok: ${v.problem}`]))),
    '',
    `Before verifying, sealAll sealed the ${r.verify.sealTick.rows} rows the searches logged in ${f0(r.verify.sealTick.ms)} ms: ` +
      'the sealer loop\'s tick on the full table.',
    '',
    ...targetsSection(targetNotes(r)),
  ].join('\n');
}
