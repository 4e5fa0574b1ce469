import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { loadPrincipal } from '../auth/principal-loader.js';
import { loadRegisterEntry } from '../authz/register-entry.js';
import type { AccessCache } from '../authz/access-cache.js';
import type { Policy } from '../authz/policy.js';
import type { Principal } from '../authz/principal.js';
import { DecisionCollector } from '../audit/collector.js';
import { buildEntries } from '../audit/entries.js';
import { FieldDecisions } from '../authz/field-decisions.js';
import { writeEntries } from '../audit/writer.js';
import type { ReadLog } from '../audit/read-log.js';
import type { OperationKinds } from './operation-kind.js';
import { logger } from '../logger.js';
import type { RequestContext } from './apollo.js';
import type { GraphQLContext } from '../schema/context.js';
import { BodyTooLarge, readBody } from './body.js';
import { HeaderError, bearerToken, justificationHeader, purposeHeader } from './request-headers.js';
import { sendError } from './respond.js';
import { persistedGate, type GraphQLBody } from '../persisted/gate.js';
import type { PersistedOperation } from '../persisted/manifest.js';

export interface GraphQLHandlerDeps {
  orm: MikroORM;
  /** Read-only sessions (src/db/orm.ts): read requests run there without a transaction. */
  readOrm?: MikroORM;
  apollo: ApolloServer<RequestContext>;
  policy: Policy;
  accessCache: AccessCache;
  verifyToken: (token: string) => Promise<string>;
  maxBodyBytes: number;
  manifest: Map<string, PersistedOperation>;
  audit: GraphQLContext['audit'];
  readLog: ReadLog;
  operationKinds: OperationKinds;
  /** The clock; tests move it. */
  now?: () => Date;
}

class LogWriteFailed extends Error {
  constructor(readonly code: string) {
    super(`access log write failed (${code})`);
  }
}

/** The log write, its failure told apart from the request's own. */
const logged = (write: Promise<void>) => write.catch((e: unknown) => { throw new LogWriteFailed(dbErrorCode(e)); });

const dbErrorCode = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? (e instanceof Error ? e.name : 'unknown'));

/**
 * POST /graphql: authenticate, read the purpose, execute, log, and only then answer (fail-closed).
 * A request that writes runs in one transaction with its access-log rows; a read runs on read-only
 * sessions and its rows are group-committed (src/audit/read-log.ts).
 */
export function graphqlHandler(deps: GraphQLHandlerDeps) {
  const now = deps.now ?? (() => new Date());

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    // Personal data: no browser, proxy or gateway may keep a copy.
    res.setHeader('cache-control', 'no-store');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, 'BAD_REQUEST', 'POST /graphql takes application/json');
    }
    let text: string;
    try {
      text = await readBody(req, deps.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendError(res, 413, 'BAD_REQUEST', `The request body exceeds ${deps.maxBodyBytes} bytes`);
      throw e;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
    if (Array.isArray(body)) return sendError(res, 400, 'BAD_REQUEST', 'Batched requests are not supported');

    const at = now();
    const token = bearerToken(req.headers);
    if (!token) return sendError(res, 401, 'UNAUTHENTICATED', 'A bearer token is required');
    let principal: Principal | null;
    // The principal and the register entry are only read.
    const em = (deps.readOrm ?? deps.orm).em.fork();
    // The purpose's processing record is read while the principal is (a persisted operation's purpose
    // is known only after the gate, and read then).
    // A malformed header is answered after authentication, below.
    let headerPurpose: string | null = null;
    let headerError: unknown = null;
    try {
      headerPurpose = purposeHeader(req.headers);
    } catch (e) {
      headerError = e;
    }
    const headerRecord = loadRegisterEntry(em, headerPurpose);
    headerRecord.catch(() => undefined);
    try {
      const subject = await deps.verifyToken(token);
      principal = await loadPrincipal(em, subject, at);
    } catch {
      principal = null;
    }
    if (!principal) return sendError(res, 401, 'UNAUTHENTICATED', 'The token is invalid, expired or names no active principal');

    const gate = persistedGate(deps.manifest, principal, body as GraphQLBody);
    if (!gate.ok) return sendError(res, gate.code === 'PERSISTED_QUERY_REQUIRED' ? 400 : 404, gate.code, gate.message);
    body = gate.body;
    const persisted = gate.operation;

    let purpose: string | null;
    let justification: string | null;
    try {
      // A persisted operation serves the purpose it was reviewed for, whatever a header says.
      if (!persisted && headerError) throw headerError;
      purpose = persisted ? persisted.purpose : headerPurpose;
      justification = justificationHeader(req.headers);
    } catch (e) {
      if (e instanceof HeaderError) return sendError(res, 400, 'BAD_USER_INPUT', e.message, { field: e.header });
      throw e;
    }
    const record = purpose === headerPurpose ? await headerRecord : await loadRegisterEntry(em, purpose);
    const access = deps.accessCache.get(principal, purpose, record);
    const collector = new DecisionCollector(principal.kind === 'client' ? 'disclose' : 'consult');

    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);

    // A read cannot write (its transaction is read-only): its rows join the next group commit. The
    // rows of a request that writes commit in its own transaction, with what it changed.
    const { query, operationName, extensions } = body as GraphQLBody;
    const readOnly = deps.operationKinds.readOnly(query, operationName, extensions?.persistedQuery?.sha256Hash);

    try {
      let readRows: Promise<void> = Promise.resolve();
      const execute = async (tem: EntityManager) => {
        const ctx: RequestContext = {
          requestId, em: tem, principal: principal!, purpose, justification, record, policy: deps.policy, now: at, audit: deps.audit,
          authz: { access, collector, fieldDecisions: new FieldDecisions() },
          operation: { name: persisted?.name ?? null, id: persisted?.id ?? null },
          accessFor: async (p) => deps.accessCache.get(principal!, p, await loadRegisterEntry(tem, p)),
        };
        const result = await deps.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body },
          context: async () => ctx,
        });
        const meta = {
          requestId, at, principal: principal!, purpose, justification,
          processingRecordVersion: record?.version ?? null,
          operationName: ctx.operation.name, operationId: ctx.operation.id, policyRevision: deps.policy.revision,
        };
        if (readOnly) {
          // A read's rows leave for the group commit now (on the embedded database, their INSERT
          // travels while the read-only transaction commits). The answer waits for them, below.
          readRows = logged(deps.readLog.write(collector, meta));
          // Awaited below; should the read fail first, the rejection must not go unhandled.
          readRows.catch(() => undefined);
        } else {
          await logged(writeEntries(tem, buildEntries(collector.rows(), meta)));
        }
        return result;
      };
      // A read on read-only sessions needs no transaction: they cannot write, and each statement
      // reads a snapshot of its own, as under READ COMMITTED inside one.
      const response = readOnly && deps.readOrm ? await execute(em) : await deps.orm.em.fork().transactional(execute, { readOnly });
      await readRows;
      if (response.body.kind !== 'complete') throw new Error('incremental delivery is not enabled');
      for (const [k, v] of response.headers) res.setHeader(k, v);
      res.statusCode = response.status ?? 200;
      res.end(response.body.string);
    } catch (e) {
      // Fail-closed (R10): whatever went wrong, the transaction is rolled back and no data leave.
      // Database messages can quote parameters (personal data): log only the error's code.
      logger.error({ requestId, stage: e instanceof LogWriteFailed ? 'access-log' : 'transaction', code: dbErrorCode(e) }, 'request failed closed');
      sendError(res, 503, 'AUDIT_LOG_UNAVAILABLE', 'The access log could not be written, so no data were returned.');
    }
  };
}
