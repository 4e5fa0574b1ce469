import { Access } from './ability.js';
import type { Policy } from './policy.js';
import type { Principal, RegisterEntry } from './principal.js';

/**
 * Compiled accesses keyed by everything they are built from: the whole principal as loaded for this
 * request (roles, institution, designations, pledge, recipient category, …), the purpose, the whole
 * register entry and the policy revision. A revocation, a register change or a client's new category
 * of recipient (R17) yields a new key on the next request and never a stale ability. The key takes
 * every field rather than a list of them, so a field added to the principal cannot be forgotten
 * (issue 16, finding 12: the recipient category was).
 */
export class AccessCache {
  private readonly entries = new Map<string, Access>();
  constructor(private readonly policy: Policy, private readonly max = 1000) {}

  get(principal: Principal, purpose: string | null, record: RegisterEntry | null): Access {
    const key = canonicalJson([this.policy.revision, principal, purpose, record]);
    let access = this.entries.get(key);
    if (access) {
      this.entries.delete(key);
    } else {
      access = new Access(this.policy, principal, purpose, record);
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, access);
    return access;
  }
}

/** JSON with object keys sorted, so equal values give equal keys whatever order their fields were set in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}
