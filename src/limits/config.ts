import { z } from 'zod';
import { parseRate, type LimitSettings } from './settings.js';

const rate = (fallback: string) => z.string().refine((s) => parseRate(s) !== null, 'is not requests per seconds, e.g. 300/60s').default(fallback);

/** The configuration variables of the limits per principal (README, Configuration). */
export const limitVariables = {
  /** `true` or `false`; unset: on in production, off in development and tests (so benches measure the API, not the limit). */
  RATE_LIMIT_ENABLED: z.enum(['true', 'false']).optional(),
  /** Requests per window of a staff member, e.g. 300/60s. */
  RATE_LIMIT_STAFF: rate('300/60s'),
  /** Requests per window of a client system. */
  RATE_LIMIT_CLIENT: rate('3000/60s'),
  /** Requests of one staff member in flight at once. */
  CONCURRENCY_LIMIT_STAFF: z.coerce.number().int().positive().default(10),
  /** Requests of one client system in flight at once. */
  CONCURRENCY_LIMIT_CLIENT: z.coerce.number().int().positive().default(20),
  /** Redis for the counters, shared by all API processes; unset: each process counts alone. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of the counters' keys in Redis. */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('ntk:limits'),
};

type LimitVariables = z.infer<z.ZodObject<typeof limitVariables>>;

export function limitSettings(c: LimitVariables, production: boolean): LimitSettings {
  const staff = parseRate(c.RATE_LIMIT_STAFF)!;
  const client = parseRate(c.RATE_LIMIT_CLIENT)!;
  return {
    enabled: c.RATE_LIMIT_ENABLED === undefined ? production : c.RATE_LIMIT_ENABLED === 'true',
    byKind: {
      staff: { ...staff, concurrency: c.CONCURRENCY_LIMIT_STAFF },
      client: { ...client, concurrency: c.CONCURRENCY_LIMIT_CLIENT },
    },
    redisUrl: c.REDIS_URL,
    keyPrefix: c.RATE_LIMIT_KEY_PREFIX,
  };
}
