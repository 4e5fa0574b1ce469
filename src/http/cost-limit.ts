import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError, getNamedType, getNullableType, getVariableValues, isLeafType, isListType,
  type DocumentNode, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The cost of a query, worked out with its variables' values once Apollo knows the operation
 * (docs/limits.md). A validation rule (graphql-armor's costLimit) sees the document only: a page
 * size passed as `$n` counted as 1, so a cheap-looking document could ask for a million rows.
 *
 * The cost counts the objects the server may load: each object (a row, a page, a connection) costs 1,
 * scalars cost nothing, and a field taking `first` or `last` multiplies what it selects by that
 * number, or by the size the resolver uses when it is absent. A list without such an argument is
 * counted as `LIST_SIZE` items; the `edges` of a connection are already counted by its `first`.
 */
export const LIST_SIZE = 10;
/** Page sizes the resolvers use when `first`/`last` is absent (src/schema/pagination.ts: 20). */
const DEFAULT_PAGE = 20;
const DEFAULT_PAGES: Record<string, number> = { 'Query.exportAccessLog': 1_000 };

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  return (own + childComplexity) * size(type.name, field.name, field.args.map((a) => a.name), args, field.type);
};

function size(parent: string, name: string, argNames: string[], args: Record<string, unknown>, type: Parameters<typeof getNullableType>[0]): number {
  const pageArg = argNames.find((a) => a === 'first' || a === 'last');
  if (pageArg) {
    const n = args.first ?? args.last;
    return typeof n === 'number' && Number.isFinite(n) ? Math.max(n, 0) : DEFAULT_PAGES[`${parent}.${name}`] ?? DEFAULT_PAGE;
  }
  if (!isListType(getNullableType(type))) return 1;
  return parent.endsWith('Connection') && (name === 'edges' || name === 'nodes') ? 1 : LIST_SIZE;
}

/** Selections walked at most (fragments spread in fragments multiply them); beyond, the query is refused. */
const MAX_NODES = 10_000;

/**
 * The cost of the operation Apollo resolved; null when its variables do not coerce (execution then
 * refuses them before any resolver runs), Infinity when it cannot be worked out within `MAX_NODES`.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): number | null {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return null;
  try {
    return getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators: [costEstimator], maxQueryNodes: MAX_NODES });
  } catch {
    return Infinity;
  }
}

/** Refuses, before execution, an operation whose cost with its variables exceeds `maxCost`. */
export function costLimitPlugin<C extends BaseContext>(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables);
          if (cost === null || cost <= maxCost) return;
          throw new GraphQLError(
            `The query would cost ${Number.isFinite(cost) ? Math.ceil(cost) : 'more than can be counted'}, over the limit of ${maxCost}: ask for fewer rows (first/last) or fewer aliases, or page through (docs/limits.md).`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: Number.isFinite(cost) ? Math.ceil(cost) : null, maxCost, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
