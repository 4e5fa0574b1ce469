import DataLoader from 'dataloader';
import type { GraphQLContext } from './context.js';

const perRequest = new WeakMap<GraphQLContext, Map<string, DataLoader<string, unknown>>>();

/**
 * A per-request DataLoader, so a page of N objects loads each relation with one statement
 * instead of N. `load` gets all keys of one tick and returns a map from key to value.
 */
export function loader<V>(ctx: GraphQLContext, name: string, load: (keys: readonly string[]) => Promise<Map<string, V>>, empty: V): DataLoader<string, V> {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = new Map<string, DataLoader<string, unknown>>()));
  let l = loaders.get(name) as DataLoader<string, V> | undefined;
  if (!l) {
    l = new DataLoader<string, V>(async (keys) => {
      const found = await load(keys);
      return keys.map((k) => found.get(k) ?? empty);
    });
    loaders.set(name, l);
  }
  return l;
}

/** Groups rows by a key into a map of arrays. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r); else out.set(k, [r]);
  }
  return out;
}
