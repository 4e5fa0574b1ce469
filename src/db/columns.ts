import type { FindOptions } from '@mikro-orm/postgresql';

/**
 * Load only these columns, dotted paths of populated relations included (`person.restrictionActive`).
 * MikroORM types `fields` by property paths and narrows what it returns to them; the entities here are
 * plain classes mapped by EntitySchema, whose paths it cannot spell, so this is the one place that
 * says so: the result keeps its entity type, and the tests read the columns.
 */
export function onlyColumns<T>(fields: readonly string[], populate: readonly string[] = []): FindOptions<T> {
  return (populate.length > 0 ? { fields, populate } : { fields }) as unknown as FindOptions<T>;
}

/** What every decision needs of the person an object belongs to: the key, the row-condition column, the restriction flag (R22). */
export const PERSON_FOR_DECISIONS = ['person.id', 'person.currentInstitution', 'person.restrictionActive'] as const;

/** An entity with its person loaded as decisions need it, and any further columns of that person. */
export const withPerson = <T>(...personColumns: string[]): FindOptions<T> =>
  onlyColumns<T>(['*', ...PERSON_FOR_DECISIONS, ...personColumns.map((c) => `person.${c}`)], ['person']);
