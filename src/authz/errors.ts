import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { pathToArray } from 'graphql/jsutils/Path.js';
import type { Decision } from './reasons.js';

/**
 * A denied decision as it reaches the client: FORBIDDEN, with the rule and category, never the data.
 * Located at the field when `info` is given, so graphql-js uses it as is instead of wrapping it in a
 * second error (a page can carry many denials). `breakGlassAvailable`: breaking the glass would allow it
 * (issue 20); `reason` stays the rule that denied it.
 */
export function forbidden(d: Decision, info?: GraphQLResolveInfo, breakGlassAvailable = false): GraphQLError {
  const what = d.category ? `category ${d.category}` : `${d.action} on ${d.subjectType}`;
  // A denial is an answer, not a fault: capturing a stack for each would cost more than deciding.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(`Access denied to ${what}: ${d.reason}`, {
      nodes: info?.fieldNodes,
      path: info ? pathToArray(info.path) : undefined,
      extensions: { code: 'FORBIDDEN', reason: d.reason, category: d.category, ...(breakGlassAvailable ? { breakGlassAvailable } : {}) },
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
