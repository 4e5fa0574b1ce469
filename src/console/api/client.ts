import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { operationIds } from '../gql/operation-ids';
import type { Declaration } from '../session';

/** One error of a GraphQL answer; a denial carries its reason and the data category (docs/api.md). */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; category?: string; field?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
  /** The server's x-request-id: the log rows of this request carry it. */
  requestId: string | null;
}

export interface Caller {
  token: string;
  declaration: Declaration | null;
}

/**
 * Header values are byte strings in fetch: the server reads x-justification's bytes as UTF-8
 * (src/http/request-headers.ts), so "é" is sent as its two UTF-8 bytes.
 */
function byteString(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
}

function operationName<R, V>(doc: TypedDocumentNode<R, V>): string {
  // A string, not graphql's Kind enum: the console does not bundle graphql-js for one constant.
  const def = doc.definitions.find((d) => (d.kind as string) === 'OperationDefinition');
  const name = def && 'name' in def ? def.name?.value : undefined;
  if (!name) throw new Error('A console operation must be named');
  return name;
}

/**
 * Runs one of the console's persisted operations: the body carries its id (documentId), never the
 * document, so the console runs only what is in the reviewed manifest (schema/operations/console).
 */
export async function runOperation<R, V>(caller: Caller, doc: TypedDocumentNode<R, V>, variables?: V): Promise<ApiResult<R>> {
  const name = operationName(doc);
  const documentId = operationIds[name];
  if (!documentId) throw new Error(`Operation ${name} is not in the manifest: run npm run console:codegen`);
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${caller.token}` };
  if (caller.declaration) {
    headers['x-purpose'] = caller.declaration.purpose;
    headers['x-justification'] = byteString(caller.declaration.justification);
  }
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ documentId, operationName: name, variables }) });
  const requestId = res.headers.get('x-request-id');
  let body: { data?: R | null; errors?: ApiError[] };
  try {
    body = await res.json() as typeof body;
  } catch {
    body = { errors: [{ message: `HTTP ${res.status}`, extensions: { code: 'HTTP_ERROR' } }] };
  }
  return { data: body.data ?? null, errors: body.errors ?? [], requestId };
}
