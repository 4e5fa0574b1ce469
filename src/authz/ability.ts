import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { expandCategories, type Policy, type GrantDef, type RoleDef } from './policy.js';
import { BREAK_GLASS_ACTION, emergencyRules, GLASS_SUBJECT, glassTerms, type GlassTerms } from './break-glass.js';
import { Reason } from './reasons.js';
import type { Principal, RegisterEntry } from './principal.js';

export type AppAbility = MongoAbility<[string, string | object]>;

interface Verdict {
  reason: Reason | null;
  /** True when only conditional rules allow it, so each object must be checked. */
  conditional: boolean;
}

/**
 * The effective access of one principal under one purpose: the intersection of the three keys of
 * docs/architecture.md — role grants (code) ∩ the purpose's processing record (register) ∩ designation and
 * pledge (person). CASL fields are data categories, so packed rules tell a front end which
 * categories it may show.
 */
export class Access {
  readonly ability: AppAbility;
  readonly rules: RawRuleOf<AppAbility>[];
  /** Break the glass (issue 20): what it would open here, or why not. */
  readonly glass: GlassTerms;
  /** The ability without the live emergency grants: tells a read the glass alone allowed. */
  private readonly ordinary: AppAbility;
  private readonly glassCategories: Set<string>;
  private readonly verdicts = new Map<string, Verdict>();
  private readonly purposeRoles: RoleDef[];

  constructor(
    readonly policy: Policy,
    readonly principal: Principal,
    readonly purpose: string | null,
    readonly record: RegisterEntry | null,
  ) {
    const roles = principal.roles.map((r) => policy.roles.get(r)).filter((r): r is RoleDef => !!r);
    this.purposeRoles = purpose ? roles.filter((r) => r.purposes.includes(purpose)) : [];
    const ordinary = this.compileRules(roles);
    this.glass = glassTerms({
      policy, principal, record, purposeReason: this.purposeReason, roleNames: this.purposeRoles.map((r) => r.name),
      listed: (c) => covers(record!.dataCategories, c),
      readable: (c) => this.grantsFor('read', GLASS_SUBJECT, c).length > 0 && this.personKey(c) === null,
    });
    const emergency = emergencyRules(principal.breakGlass, purpose, this.glass);
    this.glassCategories = new Set(emergency.flatMap((r) => (r.fields as string[] | undefined) ?? []));
    const declare = this.glass.refusal ? [] : [{ action: BREAK_GLASS_ACTION, subject: GLASS_SUBJECT }];
    this.rules = [...ordinary, ...emergency, ...declare];
    this.ability = createMongoAbility(this.rules);
    this.ordinary = emergency.length > 0 ? createMongoAbility(ordinary) : this.ability;
  }

  /** Did only a live emergency grant allow this (a tagged subject), not the role's own rules? Such a read is logged BREAK_GLASS. */
  byGlassOnly(action: string, subject: object, category?: string): boolean {
    return this.hasLiveGrants && !this.ordinary.can(action, subject, category);
  }

  /** Whether any emergency grant is live in this access (most have none: nothing to check). */
  get hasLiveGrants(): boolean {
    return this.ordinary !== this.ability;
  }

  /** The purpose-level key: is this purpose usable at all by this principal? */
  get purposeReason(): Reason | null {
    if (!this.purpose) return Reason.PURPOSE_REQUIRED;
    // The register is public (R19): saying a code is not in it reveals nothing a role's grants would.
    if (!this.record || !this.record.active) return Reason.PURPOSE_NOT_REGISTERED;
    if (this.purposeRoles.length === 0) return Reason.PURPOSE_NOT_ALLOWED_FOR_ROLE;
    // R17: a client system receives data only where the register names its category of recipient.
    if (this.principal.kind === 'client' && !this.record.recipientCategories.includes(this.principal.recipientCategory)) {
      return Reason.RECIPIENT_NOT_REGISTERED;
    }
    return null;
  }

  /** The decision for a category before looking at any object (cached per access). */
  verdict(action: string, subjectType: string, category: string | null): Verdict {
    const key = `${action}|${subjectType}|${category ?? ''}`;
    let v = this.verdicts.get(key);
    if (!v) {
      v = category === null ? this.operationVerdict(action, subjectType) : this.categoryVerdict(action, subjectType, category);
      this.verdicts.set(key, v);
    }
    return v;
  }

  private operationVerdict(action: string, subjectType: string): Verdict {
    if (action === BREAK_GLASS_ACTION) return { reason: this.glass.refusal, conditional: false };
    const allowed = this.ability.can(action, subjectType);
    return { reason: allowed ? null : Reason.OPERATION_NOT_GRANTED, conditional: false };
  }

  private categoryVerdict(action: string, subjectType: string, category: string): Verdict {
    const no = (reason: Reason): Verdict => ({ reason, conditional: false });
    const purposeReason = this.purposeReason;
    if (purposeReason) return no(purposeReason);
    const record = this.record!;
    // R12: the register must list the category for this purpose.
    if (!covers(record.dataCategories, category)) return no(Reason.CATEGORY_NOT_IN_PURPOSE);
    const grants = this.grantsFor(action, subjectType, category);
    if (grants.length === 0) return no(Reason.CATEGORY_NOT_GRANTED_TO_ROLE);
    const personReason = this.personKey(category);
    if (personReason) return no(personReason);
    const usable = grants.filter((g) => this.interpolate(g.conditions) !== undefined);
    // A live emergency grant opens the category for its person: each object is then checked.
    const glass = action === 'read' && subjectType === GLASS_SUBJECT && this.glassCategories.has(category);
    if (usable.length === 0 && !glass) return no(Reason.ROW_CONDITION);
    return { reason: null, conditional: glass || usable.every((g) => g.conditions) };
  }

  /**
   * R6, R7, R15: designation and pledge, where the record or the category requires them. They bind
   * staff members; a client system answers for its access by agreement and revocation (R11).
   */
  private personKey(category: string): Reason | null {
    if (this.principal.kind === 'client') return null;
    const def = this.policy.categories.get(category);
    const record = this.record!;
    if (def?.special && record.requiresDesignation && !this.principal.designations.includes(record.code)) {
      return Reason.NOT_DESIGNATED;
    }
    if (((def?.special && record.requiresPledge) || def?.pledge) && !this.principal.hasPledge) {
      return Reason.NO_CONFIDENTIALITY_PLEDGE;
    }
    return null;
  }

  private grantsFor(action: string, subjectType: string, category: string): GrantDef[] {
    return this.purposeRoles.flatMap((role) =>
      role.grants.filter((g) =>
        g.subject === subjectType &&
        ((g.actions as readonly string[]).includes(action) || g.actions.includes('manage')) &&
        (!g.purposes || g.purposes.includes(this.purpose!)) &&
        !!g.categories && expandCategories(g.categories, this.policy.categories).includes(category)));
  }

  private compileRules(roles: RoleDef[]): RawRuleOf<AppAbility>[] {
    const rules: RawRuleOf<AppAbility>[] = [];
    for (const role of roles) {
      for (const grant of role.grants) {
        if (!grant.categories) {
          rules.push({ action: grant.actions, subject: grant.subject });
          continue;
        }
        if (!this.purposeRoles.includes(role)) continue;
        const conditions = this.interpolate(grant.conditions);
        if (conditions === undefined) continue;
        const fields = expandCategories(grant.categories, this.policy.categories).filter(
          (c) => grant.actions.every((a) => this.categoryVerdictIgnoringRows(a, grant.subject, c)));
        if (fields.length === 0) continue;
        rules.push({ action: grant.actions, subject: grant.subject, fields, ...(conditions ? { conditions } : {}) });
      }
    }
    return rules;
  }

  private categoryVerdictIgnoringRows(action: string, subjectType: string, category: string): boolean {
    if (this.purposeReason) return false;
    if (!covers(this.record!.dataCategories, category)) return false;
    if (this.grantsFor(action, subjectType, category).length === 0) return false;
    return this.personKey(category) === null;
  }

  /**
   * Fills ${principal.x} placeholders. Returns undefined when a placeholder has no value: a rule
   * about "my institution" must not match rows without one for a principal without one.
   */
  private interpolate(conditions: Record<string, unknown> | undefined): Record<string, unknown> | null | undefined {
    if (!conditions) return null;
    let missing = false;
    const json = JSON.stringify(conditions).replace(/\$\{principal\.(\w+)\}/g, (_, key: string) => {
      const value = Object.getOwnPropertyDescriptor(this.principal, key)?.value as Principal[Exclude<keyof Principal, 'breakGlass'>] | undefined;
      if (value === null || value === undefined) missing = true;
      return String(value ?? '');
    });
    return missing ? undefined : JSON.parse(json) as Record<string, unknown>;
  }
}

/** A register entry `identity` covers `identity.name`; `identity.name` covers only itself. */
export function covers(listed: readonly string[], category: string): boolean {
  return listed.some((l) => l === category || category.startsWith(l + '.') || (l.endsWith('.*') && category.startsWith(l.slice(0, -1))));
}
