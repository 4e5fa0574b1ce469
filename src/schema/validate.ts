import { z } from 'zod';
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

const uuid = z.guid();

/** Ids the database makes (requests, changes, entries) are UUIDs: anything else names nothing. */
export const isUuid = (value: string): boolean => uuid.safeParse(value).success;

/** A cursor naming a row by a time and its UUID (`<ISO time>|<uuid>`), for lists ordered by time. */
export function timeIdCursor<K extends string>(key: K) {
  return {
    encode: (at: Date, id: string) => `${at.toISOString()}|${id}`,
    decode: (cursor: string, argument: string): Record<K | 'id', unknown> => {
      const [text, id] = cursor.split('|');
      const at = new Date(text);
      if (!id || !isUuid(id) || Number.isNaN(at.getTime())) throw badUserInput(argument, 'is not a valid cursor');
      return { [key]: at, id } as Record<K | 'id', unknown>;
    },
  };
}
