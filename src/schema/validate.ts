import { badUserInput } from './errors.js';

/** A required text argument: not blank, not longer than `max`. */
export function checkText(field: string, value: string | null | undefined, max = 2000): void {
  if (value != null && (value.trim().length === 0 || value.length > max)) throw badUserInput(field, `must be 1 to ${max} characters`);
}

/** A list argument of texts. */
export function checkList(field: string, values: readonly string[] | null | undefined, maxEntries = 50): void {
  if (values == null) return;
  if (values.length > maxEntries) throw badUserInput(field, `at most ${maxEntries} entries`);
  values.forEach((v, i) => checkText(`${field}[${i}]`, v, 200));
}
