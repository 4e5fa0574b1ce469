import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A slot in flight, given back when the response closes. */
export type Release = () => void;

/** Requests in flight per key, at most `cap` at once: a slot, or null when all are taken. */
export interface ConcurrencyCounter {
  acquire(key: string, cap: number): Promise<Release | null>;
}

/** Counts in this process only: REDIS_URL unset, or Redis unreachable (src/limits/principal-limiter.ts). */
export class MemoryConcurrency implements ConcurrencyCounter {
  private readonly inFlight = new Map<string, number>();

  acquire(key: string, cap: number): Promise<Release | null> {
    const n = this.inFlight.get(key) ?? 0;
    if (n >= cap) return Promise.resolve(null);
    this.inFlight.set(key, n + 1);
    let released = false;
    return Promise.resolve(() => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left); else this.inFlight.delete(key);
    });
  }
}

/**
 * A sorted set per key in Redis, one member per request in flight, scored by when its lease ends
 * (Redis's own clock, so processes' clocks do not matter). A process that dies mid-request leaks
 * its slots only until their lease ends, not for ever as a plain counter would.
 */
const ACQUIRE = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('zadd', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('pexpire', KEYS[1], ARGV[2])
return 1`;

type WithAcquire = Redis & { ntkAcquireSlot(key: string, cap: number, leaseMs: number, member: string): Promise<number> };

export class RedisConcurrency implements ConcurrencyCounter {
  private readonly client: WithAcquire;

  constructor(client: Redis, private readonly prefix: string, private readonly leaseMs: number) {
    client.defineCommand('ntkAcquireSlot', { numberOfKeys: 1, lua: ACQUIRE });
    this.client = client as WithAcquire;
  }

  /** Throws when Redis cannot be reached: the caller decides what then (principal-limiter.ts). */
  async acquire(key: string, cap: number): Promise<Release | null> {
    const setKey = `${this.prefix}:${key}`;
    const member = randomUUID();
    const got = await this.client.ntkAcquireSlot(setKey, cap, this.leaseMs, member);
    if (got !== 1) return null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A lost release only keeps the slot until its lease ends.
      this.client.zrem(setKey, member).catch(() => undefined);
    };
  }
}
