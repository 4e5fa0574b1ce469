import { minuteOf, WEEKDAYS, type SignalPolicy, type Weekday, type WorkingHours } from './policy.js';

/**
 * The signals' decisions as pure functions of aggregates and facts (issue 20), which the decision
 * tables of policies/tests/oversight-signals.yaml run without a database. The job decides the
 * aggregate signals with these; the per-read rules (classifyRead, isOffHours) have SQL twins in
 * src/oversight/job/read-signals.ts that the planted-cases test holds to the same outcomes.
 */

export interface SpikeDecision {
  fires: boolean;
  z: number;
  mean: number;
  stdDev: number;
}

/** VOLUME_SPIKE: today's distinct persons against the trailing baseline (missing days count as 0). */
export function volumeSpike(today: number, baseline: readonly number[], p: SignalPolicy['volumeSpike']): SpikeDecision {
  const days = Array.from({ length: p.baselineDays }, (_, i) => baseline[i] ?? 0);
  const mean = days.reduce((a, b) => a + b, 0) / days.length;
  const variance = days.reduce((a, b) => a + (b - mean) ** 2, 0) / days.length;
  const stdDev = Math.max(Math.sqrt(variance), p.minStdDev);
  const z = (today - mean) / stdDev;
  return { fires: today >= p.floor && z >= p.minZ, z: Math.round(z * 100) / 100, mean: Math.round(mean * 100) / 100, stdDev: Math.round(stdDev * 100) / 100 };
}

/** REPEATED_DENIALS: probing denials of a principal in a day at or above the threshold. */
export const repeatedDenials = (count: number, p: SignalPolicy['repeatedDenials']): boolean => count >= p.threshold;

/** OUTSIDE_UNIT (attempts): ROW_CONDITION denials of a principal in a day at or above the threshold. */
export const outsideUnitAttempts = (count: number, p: SignalPolicy['outsideUnit']): boolean => count >= p.rowConditionDenials;

/** A moment as the policy's clock reads it: ISO weekday, minute of the day and calendar day. */
export function localTime(at: Date, timeZone: string): { weekday: Weekday; minute: number; day: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = WEEKDAYS.find((d) => d === parts.weekday.toUpperCase())!;
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute), day: `${parts.year}-${parts.month}-${parts.day}` };
}

/**
 * OFF_HOURS: outside the category's working hours. Hours that end before they start span midnight
 * and belong to the day they start on. A category without hours is never off hours.
 */
export function isOffHours(local: { weekday: Weekday; minute: number }, hours: WorkingHours | undefined): boolean {
  if (!hours) return false;
  const from = minuteOf(hours.from);
  const to = minuteOf(hours.to);
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(local.weekday) + 6) % 7];
  const within = from < to
    ? hours.days.includes(local.weekday) && local.minute >= from && local.minute < to
    : (hours.days.includes(local.weekday) && local.minute >= from) || (hours.days.includes(yesterday) && local.minute < to);
  return !within;
}

/** The principal category the working hours are keyed by: the log's `kind:roles`, without the unit. */
export const hoursCategory = (principalCategory: string): string => principalCategory.split('@')[0];

/** What the job knows about one granted consultation of a person. */
export interface ReadFacts {
  /** The staff member's institution; null for central services (no unit to be outside of). */
  principalInstitution: string | null;
  /** The person was placed at (or is now at) the principal's institution at the time of the read. */
  personAtInstitution: boolean;
  /** A task of the principal's concerns the person: verification, rights request, disclosure, dossier change. */
  taskLinked: boolean;
  justified: boolean;
  sameSurname: boolean;
  restricted: boolean;
  flagged: boolean;
  /** The read showed only categories RESTRICTED_OR_FLAGGED ignores (the restriction marking). */
  onlyIgnoredCategories: boolean;
  offHours: boolean;
}

export type ReadSignal = 'OUTSIDE_UNIT' | 'UNEXPLAINED' | 'SAME_SURNAME' | 'RESTRICTED_OR_FLAGGED' | 'OFF_HOURS';

/**
 * The per-read signals. A read of a person outside the principal's institution that a task explains
 * is no finding; one explained only by a justification is OUTSIDE_UNIT; one explained by nothing is
 * UNEXPLAINED (which then stands alone, not beside OUTSIDE_UNIT). Central services (no institution)
 * have no unit to leave, so neither applies to them.
 */
export function classifyRead(f: ReadFacts): ReadSignal[] {
  const out: ReadSignal[] = [];
  if (f.principalInstitution !== null && !f.personAtInstitution && !f.taskLinked) out.push(f.justified ? 'OUTSIDE_UNIT' : 'UNEXPLAINED');
  if (f.sameSurname) out.push('SAME_SURNAME');
  if ((f.restricted || f.flagged) && !f.onlyIgnoredCategories) out.push('RESTRICTED_OR_FLAGGED');
  if (f.offHours) out.push('OFF_HOURS');
  return out;
}
