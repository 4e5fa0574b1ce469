import type { Access } from '../../authz/ability.js';
import { permittedCategories } from '../../authz/sql.js';

/** Columns of the person table by data category; columns of denied categories are never selected (R13). */
export const COLUMNS_BY_CATEGORY: Record<string, string[]> = {
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

/** What every decision needs: the key, the row-condition column and the restriction flag. */
const ALWAYS = ['id', 'currentInstitution', 'restrictionActive'];

export function personColumns(access: Access): string[] {
  const columns = [...ALWAYS];
  for (const category of permittedCategories(access, 'read', 'Person')) columns.push(...(COLUMNS_BY_CATEGORY[category] ?? []));
  return columns;
}
