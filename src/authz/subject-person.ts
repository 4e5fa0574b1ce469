import type { SubjectPerson } from './decide.js';

/**
 * The data subject of an object, as decisions need it. A reference whose restriction flag was never
 * loaded (an unloaded relation) would skip R22 and leave the log without its person: refused as a
 * fault, never decided on half the facts.
 */
export function checkedPerson(type: string, person: SubjectPerson | null | undefined): SubjectPerson | null {
  if (person == null) return null;
  if (typeof person.restrictionActive !== 'boolean') {
    throw new Error(`${type}: the person concerned was not loaded with what decisions need`);
  }
  return person;
}
