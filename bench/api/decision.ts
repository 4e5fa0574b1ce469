import { AccessCache } from '../../src/authz/access-cache.js';
import { decideField } from '../../src/authz/decide.js';
import type { Policy } from '../../src/authz/policy.js';
import type { Principal, RegisterEntry } from '../../src/authz/principal.js';
import { Person } from '../../src/domain/Person.js';
import { demoRegister } from '../../src/seed/register.js';
import { median, timeEach } from '../lib/stats.js';

export const BATCHES = 50;
export const CALLS_PER_BATCH = 20_000;

export interface DecisionCost {
  label: string;
  medianNs: number;
  minNs: number;
  maxNs: number;
  /** What the decision answered (sanity check: the hit is allowed, the miss is ROW_CONDITION). */
  outcome: string;
}

/** case-manager-a of the demo data, as src/auth/principal-loader.ts builds it. */
export const principal: Principal = {
  id: 'case-manager-a', kind: 'staff', roles: ['case_manager'], institution: 'A', unit: 'institution-A',
  recipientCategory: 'staff:case_manager', designations: [], hasPledge: false,
};

/** The DETENTION_MANAGEMENT entry of the demo register, as a request sees it. */
export function detentionRecord(): RegisterEntry {
  const entry = demoRegister.find((r) => r.code === 'DETENTION_MANAGEMENT');
  if (!entry) throw new Error('DETENTION_MANAGEMENT is missing from the demo register');
  return { ...entry, active: true, version: 1 };
}

/** A Person instance (so CASL sees the subject type), with only what a decision reads. */
export function person(id: string, institution: string, restrictionActive = false): Person {
  return Object.assign(new Person(), { id, currentInstitution: institution, restrictionActive });
}

/** Median ns of one decideField call, over BATCHES batches of CALLS_PER_BATCH calls after five batches' warm-up. */
async function measure(label: string, policy: Policy, subject: Person): Promise<DecisionCost> {
  const access = new AccessCache(policy).get(principal, 'DETENTION_MANAGEMENT', detentionRecord());
  const decide = () => decideField(access, 'read', 'Person', subject, 'identity.name', subject);
  let allowed = 0;
  const batch = () => { for (let i = 0; i < CALLS_PER_BATCH; i++) if (decide().allowed) allowed++; };
  const perCall = (await timeEach(batch, { warmup: 5, measured: BATCHES })).map((ms) => (ms * 1e6) / CALLS_PER_BATCH);
  const d = decide();
  if (allowed < 0) throw new Error('unreachable'); // keeps the loop's result alive
  return {
    label, medianNs: median(perCall), minNs: Math.min(...perCall), maxNs: Math.max(...perCall),
    outcome: d.allowed ? 'allowed' : `denied (${d.reason})`,
  };
}

/** A granted conditional category (person at the caller's institution) and a row-condition miss. */
export async function measureDecisions(policy: Policy): Promise<DecisionCost[]> {
  return [
    await measure('identity.name, person at A (granted, conditional rule checked)', policy, person('person-bench-a', 'A')),
    await measure('identity.name, person at B (denied: ROW_CONDITION)', policy, person('person-bench-b', 'B')),
  ];
}
