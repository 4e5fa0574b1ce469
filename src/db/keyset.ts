import type { EntityManager, EntityName, FilterQuery, FindOptions } from '@mikro-orm/postgresql';

/** One page as the relay arguments ask for it: rows strictly beyond the cursors, `inverted` when paging back. */
export interface KeysetPage {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

/**
 * The order a list is paged in: its keys, most significant first (the last one unique), and how a
 * cursor names a row's keys. A cursor that names nothing is the caller's to refuse.
 */
export interface KeysetOrder<T> {
  keys: readonly (keyof T & string)[];
  descending?: boolean;
  decode: (cursor: string, argument: 'after' | 'before') => Partial<Record<keyof T & string, unknown>>;
}

/** Rows strictly after (or before) `at` in the order of `keys`: (k1 > v1) or (k1 = v1 and k2 > v2) ... */
function beyond<T>(keys: readonly string[], at: Partial<Record<string, unknown>>, op: '$gt' | '$lt'): FilterQuery<T> {
  const branches = keys.map((key, i) => ({
    ...Object.fromEntries(keys.slice(0, i).map((k) => [k, at[k]])),
    [key]: { [op]: at[key] },
  }));
  return (branches.length === 1 ? branches[0] : { $or: branches }) as FilterQuery<T>;
}

/**
 * One page of a keyset-ordered list with one statement, whatever the page size: the filters, the
 * cursors as key conditions, the order (reversed when paging back) and the limit.
 */
export function findKeysetPage<T extends object, P extends string = never>(
  em: EntityManager, entity: EntityName<T>, where: readonly FilterQuery<T>[], page: KeysetPage, order: KeysetOrder<T>,
  options: Omit<FindOptions<T, P>, 'orderBy' | 'limit'> = {},
): Promise<T[]> {
  const forward = order.descending ? '$lt' : '$gt';
  const backward = order.descending ? '$gt' : '$lt';
  const all = [...where];
  if (page.after) all.push(beyond<T>(order.keys, order.decode(page.after, 'after'), forward));
  if (page.before) all.push(beyond<T>(order.keys, order.decode(page.before, 'before'), backward));
  const direction = (order.descending ?? false) === page.inverted ? 'asc' : 'desc';
  const orderBy = Object.fromEntries(order.keys.map((k) => [k, direction]));
  return em.find(entity, (all.length > 0 ? { $and: all } : {}) as FilterQuery<T>, { ...options, orderBy, limit: page.limit } as FindOptions<T, P>);
}

/** Keyset order on the id alone: the cursor is the id. */
export const byId = <T extends { id: string }>(descending = false): KeysetOrder<T> => ({
  keys: ['id'] as (keyof T & string)[], descending, decode: (cursor) => ({ id: cursor } as Partial<Record<keyof T & string, unknown>>),
});
