/**
 * The person page's fields, each with the data category the schema gives it (schema/schema.graphql,
 * "Data category:"; test/console/person-fields.test.ts checks they agree) and the @include variable
 * of ConsolePersonFields that asks for it.
 */
export interface PersonField {
  /** The field (or fields) of Person shown on one line. */
  fields: string[];
  label: string;
  category: string;
  variable: IncludeVariable;
}

export type IncludeVariable = 'name' | 'birth' | 'sex' | 'nationality' | 'nationalId' | 'fingerprint' | 'contact' | 'placement'
  | 'health' | 'risk' | 'restriction';

export const PERSON_FIELDS: PersonField[] = [
  { fields: ['surname', 'givenNames'], label: 'Name', category: 'identity.name', variable: 'name' },
  { fields: ['birthDate'], label: 'Birth date', category: 'identity.birth', variable: 'birth' },
  { fields: ['sex'], label: 'Sex', category: 'identity.sex', variable: 'sex' },
  { fields: ['nationality'], label: 'Nationality', category: 'identity.nationality', variable: 'nationality' },
  { fields: ['nationalRegisterNumber'], label: 'National register number', category: 'identifier.national', variable: 'nationalId' },
  { fields: ['fingerprintReference'], label: 'Fingerprint reference', category: 'biometric.fingerprint_reference', variable: 'fingerprint' },
  { fields: ['address'], label: 'Address', category: 'contact', variable: 'contact' },
  { fields: ['placement'], label: 'Placement', category: 'detention.placement', variable: 'placement' },
  { fields: ['medicalNotes'], label: 'Medical notes', category: 'health', variable: 'health' },
  { fields: ['riskAssessment'], label: 'Risk assessment', category: 'criminal.risk_assessment', variable: 'risk' },
  { fields: ['restriction'], label: 'Restriction of processing', category: 'processing.restriction', variable: 'restriction' },
];
