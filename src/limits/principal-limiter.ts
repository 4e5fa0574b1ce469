import type { ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../authz/principal.js';
import { refusal, type Refusal } from '../http/refusal.js';
import { logger } from '../logger.js';
import { MemoryConcurrency, RedisConcurrency, type ConcurrencyCounter } from './concurrency.js';
import type { LimitSettings, LimitedKind } from './settings.js';

/** How long a slot in flight is held if its process dies before giving it back. */
const SLOT_LEASE_MS = 120_000;

export interface PrincipalLimiter {
  /**
   * Counts the request against its principal's rate and takes a slot in flight, given back when the
   * response closes; or the refusal to send (429, with Retry-After already set on `res`).
   */
  admit(principal: Principal, requestId: string, res: ServerResponse): Promise<Refusal | null>;
  close(): Promise<void>;
}

const unlimited: PrincipalLimiter = { admit: () => Promise.resolve(null), close: () => Promise.resolve() };

/**
 * Limits per principal, by category (staff, client). With REDIS_URL the counters are in Redis and
 * hold across API processes. If Redis cannot be reached the API keeps answering, counting in each
 * process (rate-limiter-flexible's insurance limiter, a memory counter for slots) and says so once
 * in the application log: a limit guards capacity, not confidentiality (every decision and log row
 * still happens), and refusing everyone while Redis is down would turn its outage into the API's.
 */
export function principalLimiter(settings: LimitSettings): PrincipalLimiter {
  if (!settings.enabled) return unlimited;
  const redis = settings.redisUrl ? connect(settings.redisUrl) : null;
  const rates = new Map<LimitedKind, RateLimiterAbstract>();
  for (const [kind, l] of Object.entries(settings.byKind) as [LimitedKind, LimitSettings['byKind'][LimitedKind]][]) {
    const keyPrefix = `${settings.keyPrefix}:rate:${kind}`;
    const memory = new RateLimiterMemory({ points: l.points, duration: l.durationSeconds, keyPrefix });
    rates.set(kind, redis
      ? new RateLimiterRedis({ storeClient: redis, points: l.points, duration: l.durationSeconds, keyPrefix, insuranceLimiter: memory, rejectIfRedisNotReady: true })
      : memory);
  }
  const memorySlots = new MemoryConcurrency();
  const redisSlots = redis ? new RedisConcurrency(redis, `${settings.keyPrefix}:inflight`, SLOT_LEASE_MS) : null;
  const slots: ConcurrencyCounter = {
    async acquire(key, cap) {
      if (!redisSlots || redis?.status !== 'ready') return memorySlots.acquire(key, cap);
      try {
        return await redisSlots.acquire(key, cap);
      } catch {
        return memorySlots.acquire(key, cap);
      }
    },
  };

  return {
    async admit(principal, requestId, res) {
      if (principal.kind === 'system') return null;
      const limits = settings.byKind[principal.kind];
      try {
        await rates.get(principal.kind)!.consume(principal.id);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        return refuse(res, requestId, principal.kind, 'rate', Math.ceil(e.msBeforeNext / 1000));
      }
      const release = await slots.acquire(`${principal.kind}:${principal.id}`, limits.concurrency);
      // In-flight requests end within moments: a second is a fair time to come back.
      if (!release) return refuse(res, requestId, principal.kind, 'concurrency', 1);
      res.once('close', release);
      return null;
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** 429 with Retry-After; the application log names the category of principal and the limit, not who. */
function refuse(res: ServerResponse, requestId: string, kind: LimitedKind, limit: 'rate' | 'concurrency', seconds: number): Refusal {
  const retryAfterSeconds = Math.max(1, seconds);
  res.setHeader('retry-after', String(retryAfterSeconds));
  logger.warn({ requestId, principalKind: kind, limit, retryAfterSeconds }, 'request refused: limit reached');
  const what = limit === 'rate' ? 'rate limit' : 'limit of requests in flight';
  return refusal(429, 'RATE_LIMITED', `The caller's ${what} is reached; retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/** Commands fail at once while Redis is away (no offline queue), so the insurance limiter answers without waiting. */
function connect(url: string): Redis {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let down = false;
  client.on('error', (e: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.warn({ code: e.code ?? e.name }, 'limits: Redis unreachable, each API process counts alone until it is back');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('limits: Redis reachable again, limits hold across API processes');
  });
  return client;
}
