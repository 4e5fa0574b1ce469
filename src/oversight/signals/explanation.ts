import type { Signal } from './OversightFinding.js';

/**
 * What a finding rests on, as stored (oversight_finding.explanation): counts and thresholds only,
 * never a personal value (no name, no surname), so the sentence an auditor reads shows nothing the
 * log row ids would not already let them see.
 */
export interface Explanation {
  /** Log rows the finding rests on (logRowIds lists up to maxLogRowIds of them). */
  rows: number;
  persons?: number;
  z?: number;
  mean?: number;
  stdDev?: number;
  baselineDays?: number;
  floor?: number;
  minZ?: number;
  denials?: number;
  threshold?: number;
  reasons?: string[];
  /** OUTSIDE_UNIT: ATTEMPTS (ROW_CONDITION denials) or GRANTED (a read outside the unit). */
  kind?: 'ATTEMPTS' | 'GRANTED';
  restricted?: boolean;
  flagged?: boolean;
  hours?: string;
  timeZone?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The human sentence of a finding, from its structured explanation. */
export function describe(signal: Signal, e: Explanation): string {
  switch (signal) {
    case 'VOLUME_SPIKE':
      return `Consulted ${plural(e.persons ?? 0, 'distinct person')} in the day, z = ${e.z} against a ${e.baselineDays}-day baseline ` +
        `of ${e.mean} (standard deviation ${e.stdDev}); fires at z >= ${e.minZ} and at least ${e.floor} persons.`;
    case 'REPEATED_DENIALS':
      return `Collected ${plural(e.denials ?? 0, 'denial')} (${(e.reasons ?? []).join(', ')}) in the day; threshold ${e.threshold}: probing.`;
    case 'OUTSIDE_UNIT':
      return e.kind === 'ATTEMPTS'
        ? `${plural(e.denials ?? 0, 'attempt')} at persons of another institution (ROW_CONDITION denials) in the day; threshold ${e.threshold}.`
        : `Consulted a person not placed at the principal's institution, with a justification but no task linking them (${plural(e.rows, 'log row')}).`;
    case 'UNEXPLAINED':
      return `Consulted a person not placed at the principal's institution, with no task linking them and no justification (${plural(e.rows, 'log row')}).`;
    case 'SAME_SURNAME':
      return `Consulted a person whose normalised surname equals the staff member's (${plural(e.rows, 'log row')}).`;
    case 'RESTRICTED_OR_FLAGGED':
      return `Consulted a person ${[e.restricted ? 'under restriction of processing (R22)' : null, e.flagged ? 'marked high-profile by the DPO' : null]
        .filter(Boolean).join(' and ')} (${plural(e.rows, 'log row')}).`;
    case 'OFF_HOURS':
      return `${plural(e.rows, 'consultation')} outside the working hours of the principal's category (${e.hours}, ${e.timeZone}).`;
  }
}
