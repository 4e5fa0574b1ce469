import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { loadConfig } from '../src/config.js';
import { auditSettings, useAuditSettings } from '../src/audit/settings.js';
import { openOrm } from '../src/db/orm.js';
import { runRetention } from '../src/retention/run.js';

/**
 * npm run retention [-- --now 2026-12-10T00:00:00Z]: erases what the retention terms say is due,
 * as of the given clock (default: now). Safe to run repeatedly and concurrently.
 */
const i = process.argv.indexOf('--now');
const now = i > 0 ? new Date(process.argv[i + 1]) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error('--now must be an ISO 8601 instant');
  process.exit(2);
}
const config = loadConfig();
// The erase rows carry the API's MAC: the job needs the same audit key (issue 16, finding 9).
useAuditSettings(auditSettings(config.audit));
if (!config.DATABASE_URL) {
  console.error('npm run retention needs DATABASE_URL (the embedded database belongs to the running API)');
  process.exit(2);
}
const orm = await openOrm({ databaseUrl: config.DATABASE_URL, poolMax: 2, appRole: config.DB_APP_ROLE || undefined });
try {
  const report = await runRetention(orm, now, loadPolicy(defaultPolicyDir).revision);
  console.log(JSON.stringify({ now: now.toISOString(), ...report }));
} finally {
  await orm.close();
}
