// First: tracing patches http, pg and graphql before they load (off unless OTEL_* variables configure it).
import { tracing } from './ops/tracing/register.js';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { checkpointSigner } from './audit/signing.js';
import { startSealer } from './audit/sealer-loop.js';
import { startOversightLoop } from './oversight/job/loop.js';
import { startBreakGlassExpiry } from './emergency/expiry-loop.js';
import { defaultPolicyDir, loadPolicy } from './authz/policy.js';
import { loadConfig } from './config.js';
import { startEmbeddedDatabase } from './db/embedded.js';
import { checkAppSession } from './db/app-session.js';
import { openApiOrms } from './db/orm.js';
import { prepareDatabase } from './db/prepare.js';
import { logger } from './logger.js';
import { metricsServer } from './ops/metrics/index.js';
import { finalSeal } from './ops/shutdown/final-seal.js';

/** npm start: embedded PostgreSQL without DATABASE_URL, migrations, demo data on an empty database, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadPolicy(defaultPolicyDir);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedDatabase(resolve(config.DATA_DIR));
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  const prepared = await prepareDatabase(databaseUrl, { seed: !config.production || process.env.SEED_DEMO === 'true' });
  // PGlite runs one backend shared by all connections, with one user: one pooled connection keeps a
  // transaction from waiting on itself, and the API cannot log in as another role there, so embedded
  // mode does not keep the API from the owner's rights (docs/embedded-mode.md).
  // On a server the API logs in as the application role, never as the owner (src/db/app-session.ts),
  // and reads on sessions that cannot write (src/db/orm.ts).
  const orms = await openApiOrms({
    databaseUrl: embedded ? databaseUrl : config.DATABASE_APP_URL ?? databaseUrl,
    poolMax: embedded ? 1 : config.DB_POOL_MAX,
    appRole: embedded || config.DATABASE_APP_URL ? undefined : config.DB_APP_ROLE || undefined,
    readSessions: !embedded, replicaUrl: config.DATABASE_READ_URL,
  });
  if (!embedded) await checkAppSession(orms.orm, { role: config.DB_APP_ROLE || null, production: config.production });
  const { orm, readOrm, replicaOrm } = orms;
  const app = await createApp({ orm, readOrm, replicaOrm, policy, config });
  const signer = checkpointSigner(config.auditSigningKey);
  const sealer = startSealer(orm, signer, {
    sealEveryMs: config.SEAL_INTERVAL_MS, checkpointEveryMs: config.CHECKPOINT_INTERVAL_MS,
  });
  const oversightEveryMs = config.OVERSIGHT_INTERVAL_MS ?? (config.NODE_ENV === 'test' ? 0 : 300_000);
  const oversight = oversightEveryMs > 0 ? startOversightLoop(orm, oversightEveryMs) : null;
  // Issue 20: the end of each break-glass use is logged shortly after its time limit (the access itself ends at the limit).
  const breakGlassExpiry = startBreakGlassExpiry(orm, policy.revision, 30_000);
  app.server.listen(config.PORT, () => {
    logger.info({
      port: config.PORT, database: embedded ? `embedded (${config.DATA_DIR})` : 'DATABASE_URL',
      migrationsApplied: prepared.migrationsApplied.length, demoDataLoaded: prepared.demoDataLoaded, policyRevision: policy.revision,
    }, 'need-to-know API listening');
  });
  const metrics = metricsServer(config);
  metrics?.listen(config.METRICS_PORT, () => logger.info({ port: config.METRICS_PORT }, 'GET /metrics on its own port'));
  // SIGTERM: /readyz says draining, no new connections, every request received gets its answer and
  // its log rows, then the log, the sealer's last pass and the pools close (docs/metrics.md).
  const shutdown = async (signal: string) => {
    logger.info({ signal, requestsInFlight: app.drain.requestsInFlight }, 'shutting down: draining requests');
    const { forced } = await app.stop(config.SHUTDOWN_TIMEOUT_MS);
    logger.info({ forced, requestsInFlight: app.drain.requestsInFlight }, 'requests drained; access log closed');
    await sealer.stop();
    await oversight?.stop();
    await breakGlassExpiry.stop();
    await finalSeal(orm, signer);
    metrics?.close();
    await tracing?.shutdown();
    await orms.close();
    await embedded?.stop();
    process.exit(forced ? 1 : 0);
  };
  // Not awaited: a signal handler returns nothing. A failed shutdown is an unhandled rejection,
  // which ends the process, as it did when the handler was the async function itself.
  // `on`, not `once`, with a flag: a loader's own handler (tsx) ends the process when it sees itself the only listener.
  let stopping = false;
  const onSignal = (signal: string) => () => {
    if (stopping) return;
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal('SIGINT'));
  process.on('SIGTERM', onSignal('SIGTERM'));
}

main().catch((e: unknown) => {
  // Start-up errors (a bad policy file, bad configuration) name the file and line, never data.
  logger.fatal({ message: e instanceof Error ? e.message : String(e) }, 'could not start');
  process.exit(1);
});
