import type { Person } from './Person.js';

/** A column of the person table that holds personal data. */
export type PersonColumn = keyof Person & ('surname' | 'givenNames' | 'aliases' | 'sex' | 'birthDate' | 'birthPlace' | 'nationality' |
  'nationalRegisterNumber' | 'fingerprintReference' | 'address' | 'medicalNotes' | 'riskAssessment' | 'restrictionReason' | 'restrictedSince');

/** Columns of the person table by data category: what a category covers when reading, disclosing or erasing. */
export const COLUMNS_BY_CATEGORY: Record<string, PersonColumn[]> = {
  'identity.name': ['surname', 'givenNames', 'aliases'],
  'identity.sex': ['sex'],
  'identity.birth': ['birthDate', 'birthPlace'],
  'identity.nationality': ['nationality'],
  'identifier.national': ['nationalRegisterNumber'],
  'biometric.fingerprint_reference': ['fingerprintReference'],
  contact: ['address'],
  health: ['medicalNotes'],
  'criminal.risk_assessment': ['riskAssessment'],
  'processing.restriction': ['restrictionReason', 'restrictedSince'],
};

/** The values of some columns of a person, by column name. */
export function columnValues(person: Person, columns: readonly PersonColumn[]): Partial<Record<PersonColumn, unknown>> {
  return Object.fromEntries(columns.map((c) => [c, person[c]]));
}
