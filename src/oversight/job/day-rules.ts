import { outsideUnitAttempts, repeatedDenials, volumeSpike } from '../signals/rules.js';
import type { SignalPolicy } from '../signals/policy.js';
import type { DayCandidate } from './daily.js';
import type { DayFinding } from './findings.js';

/** The aggregate signals of the touched principal-days, decided by the pure rules of rules.ts. */
export function decideDays(candidates: readonly DayCandidate[], p: SignalPolicy): DayFinding[] {
  return candidates.flatMap((c): DayFinding[] => {
    const out: DayFinding[] = [];
    const spike = volumeSpike(c.persons, c.baseline, p.volumeSpike);
    if (spike.fires) {
      out.push({ signal: 'VOLUME_SPIKE', principalId: c.principal_id, day: c.day, explanation: {
        persons: c.persons, z: spike.z, mean: spike.mean, stdDev: spike.stdDev,
        baselineDays: p.volumeSpike.baselineDays, floor: p.volumeSpike.floor, minZ: p.volumeSpike.minZ,
      } });
    }
    if (repeatedDenials(c.probe_denials, p.repeatedDenials)) {
      out.push({ signal: 'REPEATED_DENIALS', principalId: c.principal_id, day: c.day, explanation: {
        denials: c.probe_denials, threshold: p.repeatedDenials.threshold, reasons: p.repeatedDenials.reasons,
      } });
    }
    if (outsideUnitAttempts(c.row_condition_denials, p.outsideUnit)) {
      out.push({ signal: 'OUTSIDE_UNIT', principalId: c.principal_id, day: c.day, explanation: {
        kind: 'ATTEMPTS', denials: c.row_condition_denials, threshold: p.outsideUnit.rowConditionDenials,
      } });
    }
    return out;
  });
}
