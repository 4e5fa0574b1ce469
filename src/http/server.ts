import { createServer, type Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pendingMigrations } from '../db/orm.js';
import { logger } from '../logger.js';
import { sendError, sendJson } from './respond.js';

export interface HttpDeps {
  orm: MikroORM;
  graphql: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
}

/** Routes: POST /graphql, GET /healthz (process up), GET /readyz (database reachable, migrations applied). */
export function createHttpServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = async () => {
      if (path === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz' && req.method === 'GET') return readiness(deps.orm, res);
      if (path === '/graphql') {
        if (req.method === 'POST') return deps.graphql(req, res);
        return sendError(res, 405, 'BAD_REQUEST', 'Use POST /graphql', {});
      }
      return sendJson(res, 404, { error: 'not found' });
    };
    route().catch((e: unknown) => {
      logger.error({ kind: e instanceof Error ? e.name : typeof e }, 'unhandled error in request');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
}

async function readiness(orm: MikroORM, res: import('node:http').ServerResponse): Promise<void> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    const pending = await pendingMigrations(orm);
    if (pending > 0) return sendJson(res, 503, { status: 'migrations pending', pending });
    return sendJson(res, 200, { status: 'ready' });
  } catch {
    return sendJson(res, 503, { status: 'database unreachable' });
  }
}
