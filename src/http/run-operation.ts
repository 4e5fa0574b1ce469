import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { transactionLog, type LogSink } from '../audit/log-sink.js';
import { errorCode } from '../db/error-code.js';
import { logger } from '../logger.js';
import type { GraphQLBody } from '../persisted/gate.js';
import type { RequestContext } from './apollo.js';
import { requestContext, requestMeta, type ContextDeps, type Established } from './request-context.js';
import { sendError } from './respond.js';
import { countLogUnavailable } from '../ops/metrics/index.js';
import { statusForMediaType } from './status-by-media-type.js';

export interface RunDeps extends ContextDeps {
  orm: MikroORM;
  readOrm?: MikroORM;
  apollo: ApolloServer<RequestContext>;
  readLog: LogSink;
}

class LogWriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('access log write failed');
  }
}

/** The log write, its failure told apart from the operation's own. */
const logged = (write: Promise<void>) => write.catch((e: unknown) => { throw new LogWriteFailed(e); });

/**
 * Runs the operation and logs its decisions before anything is sent (fail-closed, R10). A request
 * that writes runs in one transaction with its log rows. A read runs on read-only sessions without a
 * transaction (on the embedded database, in a read-only one) and its rows join the group commit,
 * which the answer waits for. Any failure: rolled back, AUDIT_LOG_UNAVAILABLE, no data.
 */
export async function runOperation(
  deps: RunDeps, r: Established, body: GraphQLBody, req: IncomingMessage, res: ServerResponse, readEm: EntityManager,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const meta = requestMeta(r, deps.policy.revision);
  const execute = async (em: EntityManager) => {
    const ctx = requestContext(deps, r, em);
    const response = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: async () => ctx,
    });
    return { response, rows: ctx.authz.collector.rows() };
  };
  let response: HTTPGraphQLResponse;
  try {
    if (r.operation.writes) {
      response = await deps.orm.em.fork().transactional(async (em) => {
        const done = await execute(em);
        await logged(transactionLog(em).write(done.rows, meta));
        return done.response;
      });
    } else {
      // Read-only sessions cannot write and need no transaction; the embedded database has one backend, so
      // there a read-only transaction ends before its rows are written on another connection.
      const done = deps.readOrm ? await execute(readEm) : await inReadOnlyTransaction(deps.orm.em.fork(), execute);
      await logged(deps.readLog.write(done.rows, meta));
      response = done.response;
    }
  } catch (e) {
    // Database messages can quote parameters (personal data): log only the error's code.
    const failed = e instanceof LogWriteFailed;
    logger.error({ requestId: r.requestId, stage: failed ? 'access-log' : 'transaction', code: failureCode(failed ? e.cause : e) }, 'request failed closed');
    countLogUnavailable();
    return sendError(res, 503, 'AUDIT_LOG_UNAVAILABLE', 'The access log could not be written, so no data were returned.');
  }
  if (response.body.kind !== 'complete') throw new Error('incremental delivery is not enabled');
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.statusCode = statusForMediaType(response.status ?? 200, response.headers.get('content-type'), response.body.string);
  res.end(response.body.string);
}

/**
 * A read in a READ ONLY transaction that ends in a rollback: a read commits nothing, and the ORM's
 * flush at commit must not try to write what loading merged into its identity map (25006).
 */
async function inReadOnlyTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  await em.begin({ readOnly: true });
  try {
    return await work(em);
  } finally {
    await em.rollback();
  }
}

const failureCode = (e: unknown): string => errorCode(e) ?? (e instanceof Error ? e.name : 'unknown');

/** Before the operation ran, the database could not be read (the caller, the register): unavailable, not unauthorised. */
export function sendFailedClosed(res: ServerResponse, requestId: string, e: unknown): void {
  logger.error({ requestId, stage: 'request', code: failureCode(e) }, 'request failed before it ran');
  if (!res.headersSent) sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The service cannot read its database; try again.');
}
