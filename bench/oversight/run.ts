import { loadConfig } from '../../src/config.js';
import { openApiOrms } from '../../src/db/orm.js';
import { f0, f1, f2, machine, row, table } from '../lib/markdown.js';
import { progress, publish, runBench } from '../lib/runner.js';
import { serverUrl } from '../log/env.js';
import { LOG_ROWS } from '../log/generate.js';
import { logDatabase } from '../log/log-database.js';
import { measureLatency, LATENCY } from './latency.js';
import { measurePass } from './pass.js';

/** `npm run bench:oversight` (and the end of `npm run bench`); its report is bench/oversight-results.md. */
const RESULTS = new URL('../oversight-results.md', import.meta.url);
const log = progress('bench:oversight');
const TARGETS = { rowsPerSecond: 250_000, daySeconds: 1, p95Ms: 20 };

async function main(): Promise<void> {
  if (process.argv.includes('--when-server') && !process.env.DATABASE_URL) {
    log('skipped: the oversight benchmark needs DATABASE_URL (the generated log of bench/log)');
    return;
  }
  const database = await logDatabase(serverUrl());
  const config = loadConfig({ NODE_ENV: 'test' });
  const orms = await openApiOrms({ databaseUrl: database.url, poolMax: config.DB_POOL_MAX, appRole: config.DB_APP_ROLE || undefined, readSessions: true });
  try {
    const pass = await measurePass(database.url, orms.orm, log);
    log(`latency: ${LATENCY.warmup} + ${LATENCY.measured} requests per query`);
    const latency = await measureLatency(orms, config);
    const rate = pass.firstPass.rows / pass.firstPass.seconds;
    const anchorRate = database.sizes.logRows / pass.anchorSeconds;
    const notes = [
      `${rate >= TARGETS.rowsPerSecond ? 'MET' : 'MISSED'}: full pass ${f0(rate)} rows/s (target >= ${TARGETS.rowsPerSecond})`,
      `${pass.incrementalDay.seconds <= TARGETS.daySeconds ? 'MET' : 'MISSED'}: incremental day ${f2(pass.incrementalDay.seconds)} s (target <= ${TARGETS.daySeconds} s)`,
      ...latency.map((l) => `${l.p95 <= TARGETS.p95Ms ? 'MET' : 'MISSED'}: ${l.label} p95 ${f1(l.p95)} ms (target <= ${TARGETS.p95Ms} ms)`),
    ];
    const markdown = [
      `# Oversight benchmark (${LOG_ROWS.toLocaleString('en')} generated log rows)`, '',
      `${new Date().toISOString()}; ${machine()}; database ${database.reused ? 'reused' : 'generated'} by bench/log.`, '',
      ...table(['step', 'rows:', 'seconds:', 'rows/s:', 'ratio to anchor:', 'findings:'], [
        ['raw-SQL anchor: GROUP BY principal, day, count(distinct person)', database.sizes.logRows, f2(pass.anchorSeconds), f0(anchorRate), '1.00', '-'],
        ['oversight full pass, every signal (npm run oversight from nothing)', pass.firstPass.rows, f2(pass.firstPass.seconds), f0(rate), f2(rate / anchorRate), pass.firstPass.findings],
        ['of which the last day alone, incremental', pass.incrementalDay.rows, f2(pass.incrementalDay.seconds), f0(pass.incrementalDay.rows / Math.max(pass.incrementalDay.seconds, 1e-6)), '-', pass.incrementalDay.findings],
      ]), '',
      `Review cases opened: ${pass.cases}; anchor groups (principal-days): ${pass.anchorGroups}.`, '',
      ...table(['query, end to end over HTTP (auditor)', 'p50 ms:', 'p95 ms:', 'edges:'], latency.map((l) => [l.label, f1(l.p50), f1(l.p95), l.edges])), '',
      '## Targets', '', ...notes.map((n) => `- ${n}`), '',
      row(['command', `BENCH_LOG_ROWS=${LOG_ROWS} npm run bench:oversight`]), '',
    ].join('\n');
    publish(RESULTS, markdown, notes, log);
  } finally {
    await orms.close();
  }
}

runBench('bench:oversight', main, { watchdogMinutes: 180 });
