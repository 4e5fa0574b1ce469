import type { Principal } from '../authz/principal.js';

/** One category's limits: requests per window, and requests in flight at once. */
export interface CategoryLimits {
  points: number;
  durationSeconds: number;
  concurrency: number;
}

/** The categories of principal that reach the API over HTTP; `system` is the project's own jobs. */
export type LimitedKind = Exclude<Principal['kind'], 'system'>;

export interface LimitSettings {
  enabled: boolean;
  byKind: Record<LimitedKind, CategoryLimits>;
  /** Redis holds the counters when set, so the limits hold across API processes; else each process counts alone. */
  redisUrl?: string;
  /** Key prefix in Redis: API deployments (and test runs) sharing one Redis keep apart. */
  keyPrefix: string;
}

/** `600/60s` (600 requests per 60 seconds): the format of RATE_LIMIT_STAFF and RATE_LIMIT_CLIENT. */
export function parseRate(text: string): { points: number; durationSeconds: number } | null {
  const m = /^(\d+)\/(\d+)s$/.exec(text.trim());
  if (!m) return null;
  const points = Number(m[1]);
  const durationSeconds = Number(m[2]);
  return points > 0 && durationSeconds > 0 ? { points, durationSeconds } : null;
}
