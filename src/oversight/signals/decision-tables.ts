import { join } from 'node:path';
import { z } from 'zod';
import { defaultPolicyDir, readYaml } from '../../authz/policy.js';
import { signalPolicy, type SignalPolicy } from './policy.js';
import { classifyRead, hoursCategory, isOffHours, localTime, outsideUnitAttempts, repeatedDenials, volumeSpike, type ReadFacts } from './rules.js';
import { surnameKey } from './surname.js';

/**
 * The oversight signals' decision tables (policies/tests/oversight-signals.yaml), like the access
 * tables of src/authz/decision-tables.ts: aggregates or facts in, the rule's outcome expected, run
 * against the thresholds of policies/oversight.yaml without a database.
 */
const count = z.strictObject({ count: z.number().int().min(0) });
const fires = z.enum(['fires', 'quiet']);
const caseSchema = z.union([
  z.strictObject({ name: z.string(), volumeSpike: z.strictObject({ today: z.number().int(), baseline: z.array(z.number().int()) }), expect: fires }),
  z.strictObject({ name: z.string(), repeatedDenials: count, expect: fires }),
  z.strictObject({ name: z.string(), outsideUnitAttempts: count, expect: fires }),
  z.strictObject({ name: z.string(), offHours: z.strictObject({ category: z.string(), at: z.string() }), expect: z.enum(['off', 'within']) }),
  z.strictObject({ name: z.string(), surname: z.strictObject({ staff: z.string(), person: z.string() }), expect: z.enum(['same', 'different']) }),
  z.strictObject({ name: z.string(), read: z.record(z.string(), z.unknown()), expect: z.array(z.string()) }),
]);
const tableFile = z.strictObject({ description: z.string(), cases: z.array(caseSchema).min(1) });
export type SignalCase = z.infer<typeof caseSchema>;

export const SIGNAL_TABLES = 'oversight-signals.yaml';

export function loadSignalTables(policyDir: string = defaultPolicyDir): SignalCase[] {
  return readYaml(join(policyDir, 'tests', SIGNAL_TABLES), tableFile, policyDir).cases;
}

const NO_FACTS: ReadFacts = {
  principalInstitution: null, personAtInstitution: false, taskLinked: false, justified: false, sameSurname: false,
  restricted: false, flagged: false, onlyIgnoredCategories: false, offHours: false,
};

/** The outcome the rules give for a case, in the words of its `expect`. */
export function signalOutcome(c: SignalCase, p: SignalPolicy = signalPolicy()): unknown {
  const said = (b: boolean) => (b ? 'fires' : 'quiet');
  if ('volumeSpike' in c) return said(volumeSpike(c.volumeSpike.today, c.volumeSpike.baseline, p.volumeSpike).fires);
  if ('repeatedDenials' in c) return said(repeatedDenials(c.repeatedDenials.count, p.repeatedDenials));
  if ('outsideUnitAttempts' in c) return said(outsideUnitAttempts(c.outsideUnitAttempts.count, p.outsideUnit));
  if ('offHours' in c) {
    const hours = p.offHours[hoursCategory(c.offHours.category)];
    return isOffHours(localTime(new Date(c.offHours.at), p.timeZone), hours) ? 'off' : 'within';
  }
  if ('surname' in c) return surnameKey(c.surname.staff) === surnameKey(c.surname.person) ? 'same' : 'different';
  return classifyRead({ ...NO_FACTS, ...c.read });
}
