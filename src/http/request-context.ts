import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessCache } from '../authz/access-cache.js';
import { FieldDecisions } from '../authz/field-decisions.js';
import type { Policy } from '../authz/policy.js';
import type { Principal, RegisterEntry } from '../authz/principal.js';
import { loadRegisterEntry } from '../authz/register-entry.js';
import { DecisionCollector } from '../audit/collector.js';
import type { RequestMeta } from '../audit/entries.js';
import type { GraphQLContext } from '../schema/context.js';
import type { OperationKind } from './operation-kind.js';

/** What the request path established before the operation runs. */
export interface Established {
  requestId: string;
  at: Date;
  principal: Principal;
  purpose: string | null;
  justification: string | null;
  record: RegisterEntry | null;
  operation: OperationKind;
}

export interface ContextDeps {
  policy: Policy;
  accessCache: AccessCache;
  audit: GraphQLContext['audit'];
}

/** The GraphQL context of one request, on `em`, with a fresh collector for its decisions. */
export function requestContext(deps: ContextDeps, r: Established, em: EntityManager): GraphQLContext {
  const { principal } = r;
  return {
    requestId: r.requestId, em, principal, purpose: r.purpose, justification: r.justification, record: r.record,
    policy: deps.policy, now: r.at, audit: deps.audit,
    authz: {
      access: deps.accessCache.get(principal, r.purpose, r.record),
      // R10, R17: a client system's read is a disclosure to its organisation; staff consult.
      collector: new DecisionCollector(principal.kind === 'client' ? 'disclose' : 'consult'),
      fieldDecisions: new FieldDecisions(),
    },
    accessFor: async (p) => deps.accessCache.get(principal, p, await loadRegisterEntry(em, p)),
  };
}

/** What each of the request's log rows says of the request (R10). */
export function requestMeta(r: Established, policyRevision: string): RequestMeta {
  return {
    requestId: r.requestId, at: r.at, principal: r.principal, purpose: r.purpose, justification: r.justification,
    processingRecordVersion: r.record?.version ?? null, operationName: r.operation.name, operationId: r.operation.id, policyRevision,
  };
}
