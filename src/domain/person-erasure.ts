import { COLUMNS_BY_CATEGORY } from './person-categories.js';
import type { Person } from './Person.js';

/** The categories an erasure removes from a person; the restriction marking and placements stay. */
export const ERASABLE_CATEGORIES = ['identity.name', 'identity.birth', 'identity.sex', 'identity.nationality', 'identifier.national',
  'biometric.fingerprint_reference', 'contact', 'health', 'criminal.risk_assessment'];

/**
 * Erases a person's identifying and special data, for retention (R14) and for an erasure request
 * (R21) alike; `marker` replaces the names. Returns what was erased, for the log.
 */
export function erasePersonData(person: Person, now: Date, marker: string): { fields: string[]; categories: string[] } {
  Object.assign(person, {
    surname: marker, givenNames: marker, aliases: [], sex: null, birthDate: null, birthPlace: null, nationality: null,
    nationalRegisterNumber: null, fingerprintReference: null, address: null, medicalNotes: null, riskAssessment: null, anonymisedAt: now,
  });
  return { fields: ERASABLE_CATEGORIES.flatMap((c) => COLUMNS_BY_CATEGORY[c] ?? []), categories: ERASABLE_CATEGORIES };
}
