/** Columns of the person table by data category: what a category covers when reading, disclosing or erasing. */
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
