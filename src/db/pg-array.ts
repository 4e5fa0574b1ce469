const NEEDS_ESCAPE = /[\\"]/;

/**
 * A PostgreSQL array literal ('{"a","b",NULL}') for one bound parameter: the query builder would
 * expand a JavaScript array into a list of parameters. Built in one pass: a request's log rows go
 * through here on every answer.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v == null) {
      out += 'NULL';
      continue;
    }
    const s = typeof v === 'string' ? v : String(v);
    out += NEEDS_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;
  }
  return `${out}}`;
}
