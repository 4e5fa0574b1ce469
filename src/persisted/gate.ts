import type { Principal } from '../authz/principal.js';
import { FIRST_PARTY_CLIENT, type PersistedOperation } from './manifest.js';

export interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

export type GateResult =
  | { ok: true; body: GraphQLBody; operation: PersistedOperation | null }
  | { ok: false; code: 'PERSISTED_QUERY_REQUIRED' | 'PERSISTED_QUERY_NOT_FOUND'; message: string };

function requestedId(body: GraphQLBody): string | null {
  const id = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
  if (typeof id !== 'string') return null;
  return id.replace(/^sha256:/, '');
}

/**
 * Integrators run only reviewed operations (docs/architecture.md "Persisted operations"): a client system
 * sends the id of a manifest operation it is allowed, never a document. The operation's purpose
 * replaces any x-purpose header. Staff may send documents, or ids of manifest operations.
 */
export function persistedGate(manifest: Map<string, PersistedOperation>, principal: Principal, body: GraphQLBody): GateResult {
  const id = requestedId(body);
  const found = id === null ? undefined : manifest.get(id);
  if (principal.kind === 'client') {
    if (body.query !== undefined || id === null) {
      return { ok: false, code: 'PERSISTED_QUERY_REQUIRED', message: 'Client systems may run persisted operations only: send its id, not a document' };
    }
    if (!found || principal.id === FIRST_PARTY_CLIENT || !found.clients.includes(principal.id)) return notFound();
    return run(found, body);
  }
  if (body.documentId !== undefined) return found ? run(found, body) : notFound();
  // Staff: a manifest id runs that operation; any other hash is Apollo's automatic persisted queries.
  if (found && body.query === undefined) return run(found, body);
  return { ok: true, body, operation: null };
}

function notFound(): GateResult {
  return { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND', message: 'No persisted operation with this id is available to this client' };
}

function run(operation: PersistedOperation, body: GraphQLBody): GateResult {
  const { persistedQuery: _apq, ...extensions } = body.extensions ?? {};
  const run: GraphQLBody = { query: operation.document, operationName: operation.name, extensions };
  if (body.variables !== undefined) run.variables = body.variables;
  return { ok: true, operation, body: run };
}
