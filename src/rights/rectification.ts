import type { Person } from '../domain/Person.js';

/** R21: the fields a rectification may correct, with the data category each belongs to. */
export const RECTIFIABLE = {
  surname: 'identity.name',
  givenNames: 'identity.name',
  birthDate: 'identity.birth',
  nationality: 'identity.nationality',
  address: 'contact',
} as const;
export type RectifiableField = keyof typeof RECTIFIABLE;
export type Rectification = Partial<Record<RectifiableField, string>>;

/** Why a corrected value is refused, or null. `today` bounds a birth date. */
export function rectificationProblem(field: RectifiableField, value: string, today: string): string | null {
  switch (field) {
    case 'surname':
    case 'givenNames':
      return value.trim().length === 0 || value.length > 200 ? 'must be 1 to 200 characters' : null;
    case 'birthDate':
      return value > today ? 'cannot be in the future' : null;
    case 'nationality':
      return /^[A-Z]{2,3}$/.test(value) ? null : 'must be an ISO 3166 country code such as NL or BE';
    case 'address':
      return value.trim().length === 0 || value.length > 500 ? 'must be 1 to 500 characters' : null;
  }
}

/** Applies the corrected values to the person; returns the fields and categories altered, for the log. */
export function rectify(person: Person, values: Rectification): { fields: string[]; categories: string[] } {
  const fields = (Object.keys(values) as RectifiableField[]).filter((f) => values[f] != null).sort();
  Object.assign(person, Object.fromEntries(fields.map((f) => [f, values[f]])));
  return { fields, categories: [...new Set(fields.map((f) => RECTIFIABLE[f]))].sort() };
}
