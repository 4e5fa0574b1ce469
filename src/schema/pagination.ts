import { resolveCursorConnection, type PageInfoShape } from '@pothos/plugin-relay';
import type { KeysetPage } from '../db/keyset.js';
import { badUserInput } from './errors.js';

export const MAX_PAGE = 100;

/** Validates relay pagination arguments before any query runs. */
export function checkPage(args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null }): void {
  for (const name of ['first', 'last'] as const) {
    const v = args[name];
    if (v != null && (v < 0 || v > MAX_PAGE)) throw badUserInput(name, `must be between 0 and ${MAX_PAGE}`);
  }
  for (const name of ['after', 'before'] as const) {
    const v = args[name];
    if (v != null && (v.length === 0 || v.length > 200)) throw badUserInput(name, 'is not a valid cursor');
  }
}

export type { KeysetPage } from '../db/keyset.js';

/**
 * A relay connection over a keyset-ordered query: checks the arguments, then lets `fetch` load one
 * page with a single statement whatever the page size.
 */
export function keysetConnection<T>(
  args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null },
  toCursor: (row: T) => string,
  fetch: (page: KeysetPage) => Promise<T[]>,
  defaultSize = 20,
) {
  checkPage(args);
  return resolveCursorConnection({ args, toCursor: (v: unknown) => toCursor(v as T), defaultSize, maxSize: MAX_PAGE },
    (page) => fetch(page) as Promise<readonly T[]>) as Promise<{ edges: { cursor: string; node: T }[]; pageInfo: PageInfoShape }>;
}
