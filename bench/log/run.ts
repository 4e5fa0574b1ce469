import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { loadConfig } from '../../src/config.js';
import { openApiOrms } from '../../src/db/orm.js';
import { machine } from '../lib/markdown.js';
import { withClient } from '../lib/pg.js';
import { publish, runBench, secondsSince } from '../lib/runner.js';
import { watchForeignActivity } from './activity.js';
import { log, pgbenchBinary, serverUrl } from './env.js';
import { LOG_DATABASE } from './generate.js';
import { logDatabase } from './log-database.js';
import { preparePageCache } from './page-cache.js';
import { measureRawSql } from './raw-sql.js';
import { renderReport, targetNotes, type LogReport } from './report.js';
import { breakdownSearches, measureSearches, searches } from './search.js';
import { measureVerify } from './verify-speed.js';
import { measureWritePath } from './write-path.js';

/** `npm run bench:log`; its report is bench/log-results.md (docs/bench.md explains it). */
const RESULTS = new URL('../log-results.md', import.meta.url);

/** Part 1, the write path; part 2, search and verification on ten years of log. */
async function main(): Promise<void> {
  // `npm run bench` on the embedded database: the API benchmark ran; this one needs a server.
  if (process.argv.includes('--when-server') && !process.env.DATABASE_URL) {
    log('skipped: the access-log benchmark needs DATABASE_URL (a PostgreSQL server for pgbench)');
    return;
  }
  const server = serverUrl();
  const pgbench = pgbenchBinary();
  const policy = loadPolicy(defaultPolicyDir);
  const config = loadConfig({ NODE_ENV: 'test' });
  const timings: LogReport['timings'] = [];
  const part = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await fn();
    timings.push({ label, seconds: secondsSince(started) });
    return value;
  };

  const write = await part('write path', () => measureWritePath(server, pgbench, config));
  const database = await part('log database (reuse check or generation)', () => logDatabase(server));
  // The API as npm start runs it: acting as the application role, a pool of DB_POOL_MAX for writes and
  // the log, and one of read-only sessions for reads.
  const orms = await openApiOrms({ databaseUrl: database.url, poolMax: config.DB_POOL_MAX, appRole: config.DB_APP_ROLE || undefined, readSessions: true });
  try {
    const span = { startMs: Number(database.meta.start_ms), endMs: Number(database.meta.end_ms) };
    const list = searches(span);
    const watch = await watchForeignActivity(server, [LOG_DATABASE]);
    // The same persons as the search by personId, before the log's pages are read into memory.
    const asFound = await part('search, page cache as found', () => measureSearches(orms, policy, config,
      [{ ...list[0], label: 'personId, page cache as found (before it is prepared)', breakdown: {} }]));
    const pageCache = await part('page cache', () => preparePageCache(database.url));
    const found = [...asFound, ...await part('searches', () => measureSearches(orms, policy, config, [...list, ...breakdownSearches()]))];
    const raw = await part('raw SQL', () => measureRawSql(database.url, list, new Map(found.map((f) => [f.label, f.resolverSql]))));
    const searchActivity = await watch.stop();
    const verify = await part('verification', () => measureVerify(orms.orm, span.endMs, database.sizes.logRows));
    const report: LogReport = {
      date: new Date(),
      machine: `${machine()}; pgbench, the API and PostgreSQL on the same machine`,
      server: await withClient(server, async (c) => {
        const setting = async (name: string) => (await c.query<{ s: string }>(`select current_setting('${name}') as s`)).rows[0].s;
        return `PostgreSQL ${await setting('server_version')} (DATABASE_URL), shared_buffers ${await setting('shared_buffers')}, ` +
          `synchronous_commit ${await setting('synchronous_commit')}, max_parallel_workers_per_gather ${await setting('max_parallel_workers_per_gather')}`;
      }),
      write, database, pageCache, searches: found, searchActivity, raw, verify, timings,
    };
    publish(RESULTS, renderReport(report), targetNotes(report), log);
  } finally {
    await orms.close();
  }
}

// Stop by ourselves even if something hangs; generating ten million rows is most of a first run.
runBench('bench:log', main, { watchdogMinutes: 180 });
