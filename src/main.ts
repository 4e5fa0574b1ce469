import { resolve } from 'node:path';
import { createApp } from './app.js';
import { defaultPolicyDir, loadPolicy } from './authz/policy.js';
import { loadConfig } from './config.js';
import { startEmbeddedDatabase } from './db/embedded.js';
import { migrate, openOrm } from './db/orm.js';
import { logger } from './logger.js';
import { seedDemo } from './seed/demo.js';

/** npm start: embedded PostgreSQL without DATABASE_URL, migrations, demo data on an empty database, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadPolicy(defaultPolicyDir);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedDatabase(resolve(config.DATA_DIR));
  // PGlite runs one backend: one pooled connection keeps a transaction from waiting on itself.
  const orm = await openOrm({ databaseUrl: config.DATABASE_URL ?? embedded!.url, poolMax: embedded ? 1 : config.DB_POOL_MAX });
  const applied = await migrate(orm);
  const seeded = await seedDemo(orm.em.fork());
  const app = await createApp({ orm, policy, config });
  app.server.listen(config.PORT, () => {
    logger.info({
      port: config.PORT, database: embedded ? `embedded (${config.DATA_DIR})` : 'DATABASE_URL',
      migrationsApplied: applied.length, demoDataLoaded: seeded, policyRevision: policy.revision,
    }, 'need-to-know API listening');
  });
  const shutdown = async () => {
    await app.stop();
    await orm.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  // Start-up errors (a bad policy file, bad configuration) name the file and line, never data.
  logger.fatal({ message: e instanceof Error ? e.message : String(e) }, 'could not start');
  process.exit(1);
});
