import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { purposeRequired, selectedCategories } from '../authz/purpose-required.js';
import { Reason } from '../authz/reasons.js';
import type { GraphQLContext } from '../schema/context.js';
import { logger } from '../logger.js';
import { costLimitPlugin } from './cost-limit.js';
import { hideSchemaHints } from './schema-hints.js';

/**
 * Query limits before execution (depth, aliases, cost, tokens, directives): the numbers and why
 * each is what it is are in docs/limits.md. The cost is worked out with the variables' values
 * (src/http/cost-limit.ts), once Apollo knows the operation.
 */
export const LIMITS = { depth: 12, aliases: 15, cost: 20_000, tokens: 2_000, directives: 20 } as const;

/** The context Apollo hands resolvers; the request path builds it (src/http/request-context.ts). */
export type RequestContext = GraphQLContext;

/** Refuses personal data without a declared purpose, before anything runs (R12). */
const purposePlugin = (schema: GraphQLSchema): ApolloServerPlugin<RequestContext> => {
  // What an operation selects follows from its document, which Apollo parses once per query text
  // and hands out again: worked out once per document, not on every request.
  const known = new WeakMap<DocumentNode, Map<OperationDefinitionNode, string[]>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: ctx, document, operation, operationName }) {
          if (!operation || ctx.purpose) return;
          let byOperation = known.get(document);
          if (!byOperation) known.set(document, (byOperation = new Map<OperationDefinitionNode, string[]>()));
          let categories = byOperation.get(operation);
          if (!categories) byOperation.set(operation, (categories = selectedCategories(schema, document, operation)));
          if (categories.length > 0) {
            for (const category of categories) {
              ctx.authz.collector.record(
                { allowed: false, reason: Reason.PURPOSE_REQUIRED, action: 'read', subjectType: 'Operation', category },
                { subjectId: null, personId: null, field: operationName ?? operation.name?.value ?? '(anonymous)' });
            }
            throw purposeRequired(categories);
          }
        },
      };
    },
  };
};

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'PURPOSE_REQUIRED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_REQUIRED', 'PERSISTED_QUERY_NOT_FOUND',
  'AUDIT_LOG_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Errors never leak stack traces, SQL or personal data: anything unexpected becomes a bare internal error. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  // Name, database code and where it was thrown; the message may quote data, so it stays out.
  logger.error({
    code, kind: original instanceof Error ? original.constructor.name : typeof original,
    dbCode: (original as { code?: unknown } | null)?.code, at: original instanceof Error ? original.stack?.split('\n')[1]?.trim() : undefined,
  }, 'internal error in a request');
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** As formatError, and without the schema's names that a message would give away (introspection is off). */
export function formatProductionError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const out = formatError(formatted, error);
  return { ...out, message: hideSchemaHints(out.message) };
}

export async function createApollo(schema: GraphQLSchema, production: boolean): Promise<ApolloServer<RequestContext>> {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.depth },
    maxAliases: { n: LIMITS.aliases },
    // Replaced by costLimitPlugin: as a validation rule it cannot see variables' values.
    costLimit: { enabled: false },
    // Counted by graphql's own parser (parseOptions below): armor's counts in a plugin hook, where
    // a document that does not parse became a 500 instead of GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.directives },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const server = new ApolloServer<RequestContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Apollo's own SIGTERM handler stops it while requests still run (they failed with errors);
    // the process drains first and stops Apollo after (src/ops/shutdown/drain.ts, src/main.ts).
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: LIMITS.tokens },
    csrfPrevention: true,
    formatError: production ? formatProductionError : formatError,
    validationRules: [...protection.validationRules],
    // Answers carry personal data and are never cached (no-store, src/http/graphql-handler.ts), so
    // Apollo's cache-control hints, computed for every resolved field, would only cost time.
    plugins: [
      costLimitPlugin<RequestContext>(schema, LIMITS.cost), ...(protection.plugins as ApolloServerPlugin<RequestContext>[]),
      purposePlugin(schema), ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await server.start();
  return server;
}
