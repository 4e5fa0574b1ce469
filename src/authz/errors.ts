import { GraphQLError } from 'graphql';
import type { Decision } from './reasons.js';

/** A denied decision as it reaches the client: FORBIDDEN, with the rule and category, never the data. */
export function forbidden(d: Decision): GraphQLError {
  const what = d.category ? `category ${d.category}` : `${d.action} on ${d.subjectType}`;
  return new GraphQLError(`Access denied to ${what}: ${d.reason}`, {
    extensions: { code: 'FORBIDDEN', reason: d.reason, category: d.category },
  });
}
