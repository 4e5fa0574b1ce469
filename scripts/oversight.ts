import { loadConfig } from '../src/config.js';
import { openOrm } from '../src/db/orm.js';
import { runOversight } from '../src/oversight/job/run.js';

/**
 * npm run oversight: folds the access log's newly sealed rows into the daily aggregates and the
 * misuse findings (issue 20, R10), and joins each new finding to its principal's review case. Safe
 * to run repeatedly (it starts where the last run committed) and concurrently (one folds, the others
 * return). Acts as the application role, like the API's own interval (OVERSIGHT_INTERVAL_MS).
 */
const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('npm run oversight needs DATABASE_URL (the embedded database belongs to the running API, which runs it on OVERSIGHT_INTERVAL_MS)');
  process.exit(2);
}
const orm = await openOrm({ databaseUrl: config.DATABASE_URL, poolMax: 2, appRole: config.DB_APP_ROLE || undefined });
try {
  const started = Date.now();
  const result = await runOversight(orm.em.fork());
  console.log(JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }));
} finally {
  await orm.close();
}
