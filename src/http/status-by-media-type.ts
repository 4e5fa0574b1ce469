/** Apollo's codes for a request GraphQL refuses before execution: it does not parse, validate or its variables do not coerce. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * The status of an answer Apollo gave, as GraphQL over HTTP asks for its media type: under
 * `application/graphql-response+json` a request error is 400 (Apollo's own choice); under
 * `application/json` (also what a client accepting anything, or sending no Accept, gets) a
 * well-formed request is 200 with its errors in the body: a proxy in between may replace a 4xx
 * body with its own. The API's refusals (PURPOSE_REQUIRED and the rest) keep their status.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return status;
  }
  if (typeof answer !== 'object' || answer === null || 'data' in answer) return status;
  const errors = (answer as { errors?: { extensions?: { code?: unknown } }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return status;
  return errors.every((e) => typeof e.extensions?.code === 'string' && REQUEST_ERRORS.has(e.extensions.code)) ? 200 : status;
}
