import type { RightsRequest } from './RightsRequest.js';

/** R23: a request is answered within 4 weeks of receipt ... */
export const ANSWER_WEEKS = 4;
/** ... extendable, once or more, up to 12 weeks from receipt, with notice to the requester. */
export const MAX_WEEKS = 12;

const WEEK_MS = 7 * 86_400_000;

/** The due date `weeks` weeks after receipt: whole weeks of elapsed time, so no calendar surprises. */
export function dueAfter(receivedAt: Date, weeks: number): Date {
  return new Date(receivedAt.getTime() + weeks * WEEK_MS);
}

/** Weeks from receipt the request's term now runs (4 plus every extension). */
export function termWeeks(request: Pick<RightsRequest, 'extensions'>): number {
  return ANSWER_WEEKS + request.extensions.reduce((sum, e) => sum + e.weeks, 0);
}

/** How many more weeks the term may still be extended by (R23). */
export function extensionLeft(request: Pick<RightsRequest, 'extensions'>): number {
  return MAX_WEEKS - termWeeks(request);
}

export function isClosed(request: Pick<RightsRequest, 'status'>): boolean {
  return request.status === 'RESOLVED' || request.status === 'REFUSED';
}
