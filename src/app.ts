import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { tokenVerifier } from './auth/tokens.js';
import { auditSettings, useAuditSettings } from './audit/settings.js';
import { AccessCache } from './authz/access-cache.js';
import type { Policy } from './authz/policy.js';
import type { Config } from './config.js';
import { LIMITS, createApollo } from './http/apollo.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { groupCommittedLog, type LogSink } from './audit/log-sink.js';
import { OperationKinds, writingQueryFields } from './http/operation-kind.js';
import { createHttpServer } from './http/server.js';
import { consoleRoute } from './http/console-route.js';
import { graphiqlRoute } from './http/graphiql-route.js';
import { buildSchema } from './schema/index.js';
import { loadManifest, type PersistedOperation } from './persisted/manifest.js';
import { mainPortMetrics, useMetrics, watchPools, watchSealLag } from './ops/metrics/index.js';
import { ServerDrain } from './ops/shutdown/drain.js';
import { principalLimiter } from './limits/principal-limiter.js';
import { ReplicaReads } from './db/replica-reads.js';

export interface App {
  server: Server;
  /** Requests in flight, and whether the server drains for shutdown. */
  drain: ServerDrain;
  /**
   * Drains the server (every request received gets its answer, within `deadlineMs`), then closes the
   * log's session: no answer leaves after it (R10). `forced`: the deadline cut requests still running.
   */
  stop(deadlineMs?: number): Promise<{ forced: boolean }>;
}

export interface AppOptions {
  orm: MikroORM;
  /**
   * An ORM on read-only sessions (`openApiOrms` in src/db/orm.ts): read requests run there, without
   * BEGIN and COMMIT. Without it (the embedded database) they run in a READ ONLY transaction.
   */
  readOrm?: MikroORM;
  /** Read-only sessions on a streaming replica (DATABASE_READ_URL): reads that may run there do (src/db/replica-reads.ts). */
  replicaOrm?: MikroORM;
  policy: Policy;
  config: Config;
  now?: () => Date;
  /** A prebuilt schema; `buildSchema(policy)` when absent. */
  schema?: GraphQLSchema;
  /** The persisted operations integrators may run (schema/operations/manifest.json). */
  manifest?: Map<string, PersistedOperation>;
  /** Where read requests' log rows go (a LogSink); the group commit when absent. */
  readLog?: LogSink;
}

/** Wires the request path of docs/architecture.md: HTTP → authentication → purpose → limits → decisions → log. */
export async function createApp({ orm, readOrm, replicaOrm, policy, config, now, schema = buildSchema(policy), manifest = loadManifest(), readLog }: AppOptions): Promise<App> {
  const apollo = await createApollo(schema, config.production);
  const verifyToken = tokenVerifier({
    secret: config.jwtSecret, jwksUrl: config.JWT_JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE,
    clockSkewSeconds: config.JWT_CLOCK_SKEW_SECONDS, maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  });
  const audit = auditSettings(config.audit);
  useAuditSettings(audit);
  // A session of its own for the group commit where reads have a pool of their own and writes can spare one.
  const writePool = orm.config.get('pool')?.max ?? 1;
  const reads = readLog ?? groupCommittedLog(orm.em.fork(), { ownSession: readOrm !== undefined && writePool >= 2 });
  const limits = principalLimiter(config.limits);
  const graphql = graphqlHandler({
    orm, readOrm, apollo, policy, accessCache: new AccessCache(policy), verifyToken, maxBodyBytes: config.MAX_BODY_BYTES, now, audit, manifest,
    readLog: reads, operationKinds: new OperationKinds(writingQueryFields(schema), LIMITS.tokens), limits,
    replicaReads: replicaOrm ? new ReplicaReads(replicaOrm) : undefined,
  });
  useMetrics(config.METRICS_ENABLED);
  const unwatch = [watchPools({ write: orm, read: readOrm }), watchSealLag(readOrm ?? orm)];
  const drain = new ServerDrain();
  const server = createHttpServer({ routes: [consoleRoute(config), graphiqlRoute(config)], orm, graphql, metrics: mainPortMetrics(config), drain });
  return {
    server, drain,
    async stop(deadlineMs = 10_000) {
      const { forced } = await drain.drain(server, deadlineMs);
      await apollo.stop();
      await reads.close?.();
      for (const u of unwatch) u();
      await limits.close();
      return { forced };
    },
  };
}
