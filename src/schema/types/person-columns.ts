import type { Access } from '../../authz/ability.js';
import { permittedCategories } from '../../authz/sql.js';
import { COLUMNS_BY_CATEGORY } from '../../domain/person-categories.js';


/** What every decision needs: the key, the row-condition column and the restriction flag. */
const ALWAYS = ['id', 'currentInstitution', 'restrictionActive'];

export function personColumns(access: Access): string[] {
  const columns = [...ALWAYS];
  for (const category of permittedCategories(access, 'read', 'Person')) columns.push(...(COLUMNS_BY_CATEGORY[category] ?? []));
  return columns;
}
