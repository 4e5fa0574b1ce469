import type { AccessAction } from './AccessLogEntry.js';
import type { Decision } from '../authz/reasons.js';
import type { DecisionCollector, DecisionTarget, Recipient } from './collector.js';

/** A consequence of a granted act that the log must show on its own (an erasure, a notice to the police). */
export interface Effect {
  action: AccessAction;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
  fields: string[];
  categories: string[];
  recipient?: Recipient;
}

/**
 * Hands an effect to the request's collector. It decides nothing: the act that caused it was
 * decided by the authorization plugin; this only makes its consequences visible in the log (R10).
 */
export function recordEffect(collector: DecisionCollector, e: Effect): void {
  const categories = e.categories.length > 0 ? e.categories : [null];
  for (const category of categories) {
    for (const field of e.fields) {
      collector.record(
        { allowed: true, reason: null, action: e.action, subjectType: e.subjectType, category },
        { subjectId: e.subjectId, personId: e.personId, field, recipient: e.recipient },
        e.action,
      );
    }
  }
}

/**
 * Hands decisions the decision point took within an act (a report's categories, each a disclosure
 * to the data subject) to the collector once the act is stored: granted and denied alike.
 */
export function recordDecisions(collector: DecisionCollector, decisions: readonly Decision[], target: DecisionTarget, action: AccessAction): void {
  for (const d of decisions) collector.record(d, target, action);
}
