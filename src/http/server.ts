import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { MikroORM, Knex } from '@mikro-orm/postgresql';
import { pendingMigrations } from '../db/orm.js';
import { logHealth } from '../audit/health.js';
import { logSettings } from '../audit/settings.js';
import { logger } from '../logger.js';
import { observeGraphQLRequest, type MetricsRoute } from '../ops/metrics/index.js';
import { ServerDrain } from '../ops/shutdown/drain.js';
import { sendError, sendJson } from './respond.js';
import type { Route } from './console-route.js';

export interface HttpDeps {
  orm: MikroORM;
  graphql: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Browser clients (GET /console, /graphiql): each answers its paths, tried in order before the 404. */
  routes?: Route[];
  /** GET /metrics on this port (src/ops/metrics/route.ts); absent when off or on a port of its own. */
  metrics?: MetricsRoute;
  /** Requests in flight, and the drain on shutdown (src/ops/shutdown/drain.ts). */
  drain?: ServerDrain;
}

/** Routes: POST /graphql, GET /healthz (process up), GET /readyz (database reachable, migrations applied, access log writable, not draining), GET /metrics. */
export function createHttpServer(deps: HttpDeps): Server {
  const drain = deps.drain ?? new ServerDrain();
  return createServer((req, res) => {
    drain.track(res);
    const path = (req.url ?? '/').split('?')[0];
    const route = async () => {
      if (path === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
      // Draining for shutdown: load balancers send no more requests; those in flight still finish.
      if (path === '/readyz' && req.method === 'GET') return drain.draining ? sendJson(res, 503, { status: 'draining' }) : readiness(deps.orm, res);
      if (path === '/metrics' && req.method === 'GET' && deps.metrics) return deps.metrics(req, res);
      if (path === '/graphql') {
        if (req.method === 'POST') observeGraphQLRequest(res);
        if (req.method === 'POST') return deps.graphql(req, res);
        return sendError(res, 405, 'BAD_REQUEST', 'Use POST /graphql', {});
      }
      for (const r of deps.routes ?? []) if (await r(req, res, path)) return;
      return sendJson(res, 404, { error: 'not found' });
    };
    route().catch((e: unknown) => {
      logger.error({ kind: e instanceof Error ? e.name : typeof e }, 'unhandled error in request');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
}

async function readiness(orm: MikroORM, res: ServerResponse): Promise<void> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    const pending = await pendingMigrations(orm);
    if (pending > 0) return sendJson(res, 503, { status: 'migrations pending', pending });
  } catch {
    return sendJson(res, 503, { status: 'database unreachable' });
  }
  // No log, no data (R10): a process that cannot write the log is not ready (issue 16, finding 6).
  if (!(await logWritable(orm))) return sendJson(res, 503, { status: 'access log unavailable' });
  return sendJson(res, 200, { status: 'ready' });
}

/** A failed log write in the last moments, and otherwise a probe that writes nothing. */
const RECENT_FAILURE_MS = 10_000;

/**
 * Whether the access log can be written: no log write failed for a cause of the log's own in the
 * last RECENT_FAILURE_MS (src/audit/health.ts), the INSERT privilege is there, and the lock an INSERT
 * needs can be had within a second (a table locked by another session makes it wait). The probe
 * takes ACCESS SHARE, which only ACCESS EXCLUSIVE blocks (LOCK TABLE's default): a weaker lock that
 * still blocks INSERTs (SHARE, EXCLUSIVE) shows as the next write's failure.
 */
async function logWritable(orm: MikroORM): Promise<boolean> {
  const failure = logHealth.failure;
  if (failure && Date.now() - failure.at.getTime() < RECENT_FAILURE_MS) return false;
  try {
    return await orm.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const trx = em.getTransactionContext<Knex.Transaction>();
      await conn.execute(`set local lock_timeout = ${Math.min(1000, logSettings().writeTimeoutMs)}`, [], 'run', trx);
      await conn.execute('lock table access_log in access share mode', [], 'run', trx);
      const [{ insert }] = await conn.execute<{ insert: boolean }[]>(
        `select has_any_column_privilege('access_log', 'INSERT') as insert`, [], 'all', trx);
      return insert;
    });
  } catch {
    return false;
  }
}
