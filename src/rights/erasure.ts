import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from '../domain/Person.js';
import { Placement } from '../domain/Placement.js';
import { ProcessingRecord } from '../domain/ProcessingRecord.js';
import { erasePersonData } from '../domain/person-erasure.js';

/** The processing whose legal obligation keeps the data of a person in detention. */
const DETENTION = 'DETENTION_MANAGEMENT';
export const ERASED = 'ERASED';

export interface KeepingObligation {
  reason: 'LEGAL_OBLIGATION_TO_KEEP';
  legalBasis: string;
}

/**
 * R21: erasure is refused where a legal obligation requires keeping the data. Kept simple on
 * purpose: the data of a person in detention (an open placement) are kept under the legal
 * obligation of DETENTION_MANAGEMENT, whose legal basis is quoted; data under a legal hold (R14)
 * are kept for the proceedings. After release, the register's retention term governs and
 * `npm run retention` erases on time; a DPO who finds another obligation refuses by hand.
 */
export async function keepingObligation(em: EntityManager, person: Person): Promise<KeepingObligation | null> {
  if (await em.count(Placement, { person: person.id, releasedAt: null }) > 0) {
    const record = await em.findOne(ProcessingRecord, { code: DETENTION });
    return { reason: 'LEGAL_OBLIGATION_TO_KEEP', legalBasis: record ? `${record.name} (${record.code}): ${record.legalBasis}` : DETENTION };
  }
  if (person.legalHold) {
    return { reason: 'LEGAL_OBLIGATION_TO_KEEP', legalBasis: `Legal hold (R14): ${person.legalHoldReason ?? 'pending proceedings'}` };
  }
  return null;
}

/** R21: an erasure on request erases what retention would (R14); access log and disclosure records keep their own terms. */
export function erasePerson(person: Person, now: Date): { fields: string[]; categories: string[] } {
  return erasePersonData(person, now, ERASED);
}
