import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from './ability.js';
import type { Policy } from './policy.js';
import type { EmergencyGrant, Principal, RegisterEntry } from './principal.js';
import { Reason, type Decision } from './reasons.js';
import type { SubjectPerson } from './decide.js';

/** The act of declaring an emergency access, decided like any operation on a Person. */
export const BREAK_GLASS_ACTION = 'breakGlass';
/** The glass opens persons only: its rules are conditions on the person's own id. */
export const GLASS_SUBJECT = 'Person';

/** What breaking the glass would give this principal under this purpose, or why it may not. */
export interface GlassTerms {
  refusal: Reason | null;
  /** Leaf categories it opens: listed for a role of the purpose ∩ the register ∩ the role's own read grants ∩ designation and pledge. */
  categories: Set<string>;
  reasonCodes: Set<string>;
}

export interface GlassInputs {
  policy: Policy;
  principal: Principal;
  record: RegisterEntry | null;
  purposeReason: Reason | null;
  roleNames: string[];
  /** Whether the role's own grants and person key (designation, pledge) allow reading the category somewhere. */
  readable: (category: string) => boolean;
  /** Whether the register lists the category for the purpose (R12). */
  listed: (category: string) => boolean;
}

/**
 * Decides the terms once per compiled access. The glass widens whom a role may see (its row
 * conditions), never what: no category beyond the role's grants, the register or the person key.
 */
export function glassTerms(i: GlassInputs): GlassTerms {
  const none = (refusal: Reason): GlassTerms => ({ refusal, categories: new Set(), reasonCodes: new Set() });
  if (i.purposeReason) return none(i.purposeReason);
  // Staff only: a client system acts by persisted operation, never in an emergency of its own.
  if (i.principal.kind !== 'staff' || !i.record?.allowsBreakGlass) return none(Reason.BREAK_GLASS_NOT_ALLOWED);
  const terms = i.roleNames.map((r) => i.policy.breakGlass.roles.get(r)).filter((t) => t !== undefined);
  const categories = new Set(terms.flatMap((t) => t.categories).filter((c) => i.listed(c) && i.readable(c)));
  if (categories.size === 0) return none(Reason.BREAK_GLASS_NOT_ALLOWED);
  return { refusal: null, categories, reasonCodes: new Set(terms.flatMap((t) => t.reasonCodes)) };
}

/** The rules of the principal's live grants under this purpose: each its person, its categories still open. */
export function emergencyRules(grants: readonly EmergencyGrant[] | undefined, purpose: string | null, terms: GlassTerms): RawRuleOf<AppAbility>[] {
  if (terms.refusal || !grants) return [];
  return grants
    .filter((g) => g.purpose === purpose)
    .map((g) => ({ g, fields: g.categories.filter((c) => terms.categories.has(c)) }))
    .filter(({ fields }) => fields.length > 0)
    .map(({ g, fields }) => ({ action: 'read', subject: GLASS_SUBJECT, fields, conditions: { id: g.personId } }));
}

/**
 * `extensions.breakGlassAvailable`: would breaking the glass for this person allow what a row
 * condition denied? Not for any other reason (docs/architecture.md), nor where restriction (R22)
 * would deny it next.
 */
export function glassWouldOpen(terms: GlassTerms, d: Decision, person: SubjectPerson | null, restrictionDenies: () => boolean): boolean {
  return !d.allowed && d.reason === Reason.ROW_CONDITION && d.action === 'read' && d.subjectType === GLASS_SUBJECT &&
    terms.refusal === null && d.category !== null && terms.categories.has(d.category) && person !== null && !restrictionDenies();
}
