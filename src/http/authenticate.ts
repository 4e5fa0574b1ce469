import type { IncomingHttpHeaders } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadPrincipal } from '../auth/principal-loader.js';
import { InvalidToken } from '../auth/tokens.js';
import type { Principal } from '../authz/principal.js';
import { accepted, refusal, type Outcome } from './refusal.js';
import { bearerToken } from './request-headers.js';

/**
 * The caller: a valid bearer token naming an active principal, read from the database at every
 * request (a revocation counts from the next one). Only a token's fault is UNAUTHENTICATED: a
 * database that cannot be read throws, and the request fails as unavailable, not as unauthorised.
 */
export async function authenticate(
  headers: IncomingHttpHeaders, em: EntityManager, verifyToken: (token: string) => Promise<string>, at: Date,
): Promise<Outcome<Principal>> {
  const token = bearerToken(headers);
  if (!token) return refusal(401, 'UNAUTHENTICATED', 'A bearer token is required');
  let subject: string;
  try {
    subject = await verifyToken(token);
  } catch (e) {
    if (e instanceof InvalidToken) return refusal(401, 'UNAUTHENTICATED', 'The token is invalid, expired or names no active principal');
    throw e;
  }
  const principal = await loadPrincipal(em, subject, at);
  return principal ? accepted(principal) : refusal(401, 'UNAUTHENTICATED', 'The token is invalid, expired or names no active principal');
}
