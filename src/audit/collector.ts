import type { Decision } from '../authz/reasons.js';
import type { AccessAction, AccessOutcome } from './AccessLogEntry.js';

/** Where in the data a decision was taken. */
export interface DecisionTarget {
  subjectId: string | null;
  personId: string | null;
  field: string;
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
 * one per (object, action, outcome, reason). The authorization plugin is its only writer for reads,
 * so what is logged is exactly what was decided.
 */
export class DecisionCollector {
  private readonly groups = new Map<string, Group>();
  /**
   * Field reads hand in one Decision object per (object, category) (authz/field-decisions.ts): the
   * group of an object's later fields is found by that object instead of by building a key.
   */
  private readonly byDecision = new WeakMap<Decision, Group>();
  /** How a granted read is logged: `consult` for staff, `disclose` to a client system (R10, R17). */
  constructor(private readonly readAction: AccessAction = 'consult') {}

  record(decision: Decision, target: DecisionTarget, action?: AccessAction): void {
    const plainRead = action === undefined && target.recipient === undefined;
    const known = plainRead ? this.byDecision.get(decision) : undefined;
    if (known && known.subjectId === target.subjectId) {
      known.fieldSet.add(target.field);
      return;
    }
    const logged = action ?? this.actionOf(decision.action);
    const outcome: AccessOutcome = decision.allowed ? 'GRANTED' : 'DENIED';
    const key = `${decision.subjectType}\0${target.subjectId ?? ''}\0${logged}\0${outcome}\0${decision.reason ?? ''}\0${target.recipient?.id ?? ''}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        action: logged, outcome, reason: decision.reason, subjectType: decision.subjectType,
        subjectId: target.subjectId, personId: target.personId, fields: [], categories: [], recipient: target.recipient ?? null,
        fieldSet: new Set(), categorySet: new Set(),
      };
      this.groups.set(key, g);
    }
    g.fieldSet.add(target.field);
    if (decision.category) g.categorySet.add(decision.category);
    if (plainRead) this.byDecision.set(decision, g);
  }

  get size(): number {
    return this.groups.size;
  }

  rows(): CollectedRow[] {
    return [...this.groups.values()].map(({ fieldSet, categorySet, ...row }) => ({
      ...row, fields: [...fieldSet].sort(), categories: [...categorySet].sort(),
    }));
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
