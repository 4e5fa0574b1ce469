import { Kind, OperationTypeNode, parse, print, type OperationDefinitionNode } from 'graphql';
import type { PersistedOperation } from '../manifest.js';
import { sha256 } from './ids.js';
import type { ImportedOperation } from './imported.js';

/** Apollo's persisted-query manifest (@apollo/generate-persisted-query-manifest, GraphOS PQ lists). */
export interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

export const APOLLO_FORMAT = 'apollo-persisted-query-manifest';

export function isApolloManifest(json: unknown): json is { format: unknown } {
  return typeof json === 'object' && json !== null && 'format' in json;
}

/**
 * The operations of an Apollo manifest, each checked as Apollo's tools write it: the id is the
 * sha256 of the body, and the body is as graphql's print() writes it (so the id this server
 * computes from the reviewed file is the same one, and no comment can hide in it).
 */
export function readApolloManifest(json: unknown): ImportedOperation[] {
  const m = json as Partial<ApolloManifest>;
  if (m.format !== APOLLO_FORMAT || m.version !== 1 || !Array.isArray(m.operations)) {
    throw new Error(`not an Apollo persisted-query manifest: expected format "${APOLLO_FORMAT}", version 1 and operations`);
  }
  return m.operations.map((op, i) => {
    const where = `operations[${i}]${typeof op?.name === 'string' ? ` (${op.name})` : ''}`;
    if (typeof op?.id !== 'string' || typeof op.body !== 'string' || typeof op.name !== 'string') throw new Error(`${where}: needs id, name and body`);
    if (op.id !== sha256(op.body)) throw new Error(`${where}: the id is not the sha256 of the body (a custom operation id?); only Apollo's default ids are supported`);
    if (print(parse(op.body)) !== op.body) throw new Error(`${where}: the body is not as graphql's print() writes it (edited by hand?); generate the manifest again`);
    return { name: op.name, type: op.type, body: op.body, id: op.id, format: APOLLO_FORMAT };
  });
}

const operationOf = (document: string): OperationDefinitionNode => {
  const op = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('a persisted operation without an operation');
  return op;
};

/** The operations as Apollo's manifest lists them: the body is the printed document, the id its sha256. */
export function apolloManifest(operations: PersistedOperation[]): ApolloManifest {
  return {
    format: APOLLO_FORMAT,
    version: 1,
    operations: operations.map((op) => {
      const type = operationOf(op.document).operation;
      return { id: sha256(op.document), name: op.name, type: type === OperationTypeNode.QUERY ? 'query' : type === OperationTypeNode.MUTATION ? 'mutation' : 'subscription', body: op.document };
    }),
  };
}
