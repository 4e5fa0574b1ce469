import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AccessCache } from '../authz/access-cache.js';
import type { Policy } from '../authz/policy.js';
import { loadRegisterEntry } from '../authz/register-entry.js';
import type { LogSink } from '../audit/log-sink.js';
import type { PrincipalLimiter } from '../limits/principal-limiter.js';
import type { ReplicaReads } from '../db/replica-reads.js';
import { nameOperation } from '../ops/metrics/index.js';
import { annotateRequestSpan } from '../ops/tracing/request-span.js';
import { persistedGate } from '../persisted/gate.js';
import type { PersistedOperation } from '../persisted/manifest.js';
import type { GraphQLContext } from '../schema/context.js';
import type { RequestContext } from './apollo.js';
import { authenticate } from './authenticate.js';
import { declarePurpose } from './declare-purpose.js';
import { runOperation, sendFailedClosed } from './run-operation.js';
import { readGraphQLBody } from './graphql-body.js';
import type { OperationKinds } from './operation-kind.js';
import { refusal, sendRefusal } from './refusal.js';

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
  /** Where read requests' rows go: the group commit. */
  readLog: LogSink;
  operationKinds: OperationKinds;
  /** Rate and in-flight limits per principal (src/limits): after authentication, before anything is read for the operation. */
  limits?: PrincipalLimiter;
  /** DATABASE_READ_URL: which reads the replica serves (src/db/replica-reads.ts); the caller and the register stay on the primary. */
  replicaReads?: ReplicaReads;
  /** The clock; tests move it. */
  now?: () => Date;
}

/**
 * POST /graphql, top to bottom: body, caller, persisted-operation gate, purpose, then the operation
 * with its log rows, and only then the answer (fail-closed, R10). Each step answers with a value or
 * a refusal; nothing is parked in the context to be read back later.
 */
export function graphqlHandler(deps: GraphQLHandlerDeps) {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    // Personal data: no browser, proxy or gateway may keep a copy.
    res.setHeader('cache-control', 'no-store');
    const at = now();
    const body = await readGraphQLBody(req, deps.maxBodyBytes);
    if (!body.ok) return sendRefusal(res, body);
    // The caller and the register are only read: on read-only sessions where there are some.
    const em = (deps.readOrm ?? deps.orm).em.fork();
    try {
      const principal = await authenticate(req.headers, em, deps.verifyToken, at);
      if (!principal.ok) return sendRefusal(res, principal);
      const limited = await deps.limits?.admit(principal.value, requestId, res);
      if (limited) return sendRefusal(res, limited);
      const gate = persistedGate(deps.manifest, principal.value, body.value);
      if (!gate.ok) return sendRefusal(res, refusal(gate.code === 'PERSISTED_QUERY_REQUIRED' ? 400 : 404, gate.code, gate.message));
      const declared = declarePurpose(req.headers, gate.operation);
      if (!declared.ok) return sendRefusal(res, declared);
      const kind = deps.operationKinds.describe(gate.body);
      const operation = gate.operation ? { ...kind, name: gate.operation.name, id: gate.operation.id } : kind;
      nameOperation(res, operation.name, deps.manifest);
      annotateRequestSpan(requestId, operation);
      const established = {
        requestId, at, principal: principal.value, ...declared.value, record: await loadRegisterEntry(em, declared.value.purpose), operation,
      };
      await runOperation(deps, established, gate.body, req, res, deps.replicaReads && !kind.writes ? await deps.replicaReads.sessionFor(gate.body, em) : em);
    } catch (e) {
      sendFailedClosed(res, requestId, e);
    }
  };
}
