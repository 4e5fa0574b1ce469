import { Access } from './ability.js';
import type { Policy } from './policy.js';
import { accessKey, type Principal, type RegisterEntry } from './principal.js';

/**
 * Compiled accesses keyed by everything they depend on (principal's roles, designations, pledge,
 * purpose, register version, policy revision), so a revocation or a register change yields a new
 * key on the next request and never a stale ability.
 */
export class AccessCache {
  private readonly entries = new Map<string, Access>();
  constructor(private readonly policy: Policy, private readonly max = 1000) {}

  get(principal: Principal, purpose: string | null, record: RegisterEntry | null): Access {
    const key = accessKey(principal, purpose, record, this.policy.revision);
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
