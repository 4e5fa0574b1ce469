import type { Targets } from './global-types.js';

/** What `authorize` loaded and decided, by the arguments object the resolver receives with it. */
const decidedTargets = new WeakMap<object, unknown>();

export function rememberTargets(args: object, loaded: unknown): void {
  decidedTargets.set(args, loaded);
}

/**
 * The objects a field's `authorize.target` loaded, as they were decided: the resolver acts on these
 * rather than loading them again (which could also read a different row than was decided).
 */
export function authorizedTarget<T>(args: object): T {
  if (!decidedTargets.has(args)) throw new Error('authorizedTarget: the field has no decided target');
  return decidedTargets.get(args) as T;
}

/** What a `target` callback returned, as a list (Array.isArray alone would type the items `any`). */
export const asList = (targets: Targets): object[] => (targets == null ? [] : Array.isArray(targets) ? (targets as object[]) : [targets]);
