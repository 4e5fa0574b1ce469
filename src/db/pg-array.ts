/**
 * A PostgreSQL array literal ('{"a","b",NULL}') for one bound parameter: the query builder would
 * expand a JavaScript array into a list of parameters.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
