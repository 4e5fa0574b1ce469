import type { Decision } from '../authz/reasons.js';
import type { AccessAction, AccessOutcome } from './AccessLogEntry.js';
import { countDecisions } from '../ops/metrics/index.js';

/** Where in the data a decision was taken. */
export interface DecisionTarget {
  subjectId: string | null;
  personId: string | null;
  /** The field read or written; none when only the object's presence in the answer is logged. */
  field?: string;
  /** The receiving party when it is not the caller (a disclosure to a third party). */
  recipient?: Recipient;
}

export interface Recipient {
  id: string;
  category: string;
}

export interface CollectedRow {
  action: AccessAction;
  outcome: AccessOutcome;
  reason: string | null;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
  fields: string[];
  categories: string[];
  recipient: Recipient | null;
}

interface Group extends CollectedRow {
  fieldSet: Set<string>;
  categorySet: Set<string>;
}

/**
 * Collects every decision of one request, granted and denied, and folds them into access-log rows:
 * one per (object, person concerned, action, outcome, reason, recipient). The authorization plugin
 * is its only writer for reads, so what is logged is exactly what was decided.
 */
export class DecisionCollector {
  /** The rows in the order they began, and each subject's rows (few: mostly one), by type and id. */
  private readonly groups: Group[] = [];
  private readonly bySubject = new Map<string, Map<string | null, Group[]>>();
  /** How a granted read is logged: `consult` for staff, `disclose` to a client system (R10, R17). */
  constructor(private readonly readAction: AccessAction = 'consult') {}

  record(decision: Decision, target: DecisionTarget, action?: AccessAction): void {
    const group = this.groupOf(decision, target, action);
    if (target.field !== undefined) group.fieldSet.add(target.field);
  }

  /**
   * A field read: recorded as any decision, and answered with the row's field list, so the
   * authorization plugin adds the object's other fields under the same decision without a lookup.
   */
  recordRead(decision: Decision, target: DecisionTarget & { field: string }): { add(field: string): unknown } {
    const g = this.groupOf(decision, target);
    g.fieldSet.add(target.field);
    return g.fieldSet;
  }

  private groupOf(decision: Decision, target: DecisionTarget, action?: AccessAction): Group {
    const logged = action ?? this.actionOf(decision.action);
    const outcome: AccessOutcome = decision.allowed ? 'GRANTED' : 'DENIED';
    const recipientId = target.recipient?.id ?? null;
    // Two lookups by strings the data already hold, rather than one by a key built on every call.
    let ofType = this.bySubject.get(decision.subjectType);
    if (!ofType) this.bySubject.set(decision.subjectType, (ofType = new Map<string | null, Group[]>()));
    let rows = ofType.get(target.subjectId);
    if (!rows) ofType.set(target.subjectId, (rows = []));
    // The person belongs to the key: an act on one object can concern several persons (a breach),
    // and each of them must find it in the log.
    let g = rows.find((r) => r.action === logged && r.outcome === outcome && r.reason === decision.reason &&
      r.personId === target.personId && (r.recipient?.id ?? null) === recipientId);
    if (!g) {
      g = {
        action: logged, outcome, reason: decision.reason, subjectType: decision.subjectType,
        subjectId: target.subjectId, personId: target.personId, fields: [], categories: [], recipient: target.recipient ?? null,
        fieldSet: new Set(), categorySet: new Set(),
      };
      rows.push(g);
      this.groups.push(g);
    }
    if (decision.category) g.categorySet.add(decision.category);
    return g;
  }

  get size(): number {
    return this.groups.length;
  }

  rows(): CollectedRow[] {
    // Spelled out: rest and spread copy property by property, on every answer's every row.
    return countDecisions(this.groups.map((g) => ({
      action: g.action, outcome: g.outcome, reason: g.reason, subjectType: g.subjectType, subjectId: g.subjectId,
      personId: g.personId, fields: [...g.fieldSet].sort(), categories: [...g.categorySet].sort(), recipient: g.recipient,
    })));
  }

  private actionOf(decisionAction: string): AccessAction {
    switch (decisionAction) {
      case 'read': return this.readAction;
      case 'create': return 'collect';
      case 'delete': return 'erase';
      default: return 'alter';
    }
  }
}
