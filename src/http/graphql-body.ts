import type { IncomingMessage } from 'node:http';
import type { GraphQLBody } from '../persisted/gate.js';
import { BodyTooLarge, readBody } from './body.js';
import { accepted, refusal, type Outcome } from './refusal.js';

/** The request's GraphQL body: JSON, within the size limit, one operation (no batching). */
export async function readGraphQLBody(req: IncomingMessage, maxBytes: number): Promise<Outcome<GraphQLBody>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return refusal(415, 'BAD_REQUEST', 'POST /graphql takes application/json');
  }
  let text: string;
  try {
    text = await readBody(req, maxBytes);
  } catch (e) {
    if (e instanceof BodyTooLarge) return refusal(413, 'BAD_REQUEST', `The request body exceeds ${maxBytes} bytes`);
    throw e;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refusal(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
  if (Array.isArray(body)) return refusal(400, 'BAD_REQUEST', 'Batched requests are not supported');
  if (body === null || typeof body !== 'object') return refusal(400, 'BAD_REQUEST', 'The request body must be a JSON object');
  return accepted(body as GraphQLBody);
}
