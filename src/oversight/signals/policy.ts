import { join } from 'node:path';
import { z } from 'zod';
import { defaultPolicyDir, readYaml } from '../../authz/policy.js';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');
const hoursSchema = z.strictObject({ days: z.array(z.enum(WEEKDAYS)).min(1), from: clock, to: clock });
export type WorkingHours = z.infer<typeof hoursSchema>;

/** The `signals:` section of policies/oversight.yaml; the file's other sections belong to their own readers. */
const signalsSection = z.strictObject({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Brussels'),
  oversightCategories: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a category name')).default([]),
  maxLogRowIds: z.number().int().min(1).max(10_000),
  volumeSpike: z.strictObject({
    baselineDays: z.number().int().min(1).max(366),
    minZ: z.number().positive(),
    floor: z.number().int().min(1),
    minStdDev: z.number().positive(),
  }),
  repeatedDenials: z.strictObject({ reasons: z.array(z.string().regex(/^[A-Z_]+$/)).min(1), threshold: z.number().int().min(1) }),
  outsideUnit: z.strictObject({ rowConditionDenials: z.number().int().min(1) }),
  restrictedOrFlagged: z.strictObject({ ignoreCategoriesOnly: z.array(z.string()).default([]) }),
  offHours: z.record(z.string().regex(/^(staff|client):[a-z_+]+$/, 'a principal category such as staff:case_manager'), hoursSchema).default({}),
});
export type SignalPolicy = z.infer<typeof signalsSection>;

const oversightFile = z.looseObject({ signals: signalsSection });

const cache = new Map<string, SignalPolicy>();

/** The thresholds of the misuse signals, read once per policy folder; a bad file names its line. */
export function signalPolicy(dir: string = defaultPolicyDir): SignalPolicy {
  let policy = cache.get(dir);
  if (!policy) {
    policy = readYaml(join(dir, 'oversight.yaml'), oversightFile, dir).signals;
    cache.set(dir, policy);
  }
  return policy;
}

/** Minutes after midnight of an HH:MM time. */
export const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * SQL: is log row `l` a granted consultation of a person, the reads the signals count? Not when it
 * shows only oversightCategories (the auditor's reading of findings is no consultation of the person).
 * Category names are checked by the schema above, so the literal is safe.
 */
export function consultSql(p: SignalPolicy, l: string): string {
  const own = `'{${p.oversightCategories.join(',')}}'::text[]`;
  return `(${l}.action = 'consult' and ${l}.outcome = 'GRANTED' and ${l}.person_id is not null and not (${l}.categories <@ ${own}))`;
}
