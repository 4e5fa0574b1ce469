import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsEnabled, registry } from './registry.js';

/** What GET /metrics reads of a tarn pool (knex's, under MikroORM). */
interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  on(event: 'acquireRequest', handler: (eventId: number) => void): void;
  on(event: 'acquireSuccess' | 'acquireFail', handler: (eventId: number) => void): void;
  removeListener(event: string, handler: (...args: never[]) => void): void;
}

const pools = new Map<string, TarnPool>();

new Gauge({
  name: 'ntk_db_pool_connections', help: 'Database pool connections by pool (write: writes and the log; read: read-only sessions) and state',
  labelNames: ['pool', 'state'] as const, registers: [registry],
  collect() {
    this.reset();
    for (const [pool, p] of pools) {
      this.set({ pool, state: 'used' }, p.numUsed());
      this.set({ pool, state: 'idle' }, p.numFree());
      this.set({ pool, state: 'max' }, p.max);
    }
  },
});
new Gauge({
  name: 'ntk_db_pool_waiting', help: 'Requests for a pooled connection waiting now', labelNames: ['pool'] as const, registers: [registry],
  collect() {
    this.reset();
    for (const [pool, p] of pools) this.set({ pool }, p.numPendingAcquires());
  },
});
const waits = new Counter({
  name: 'ntk_db_pool_waits_total', help: 'Connection requests that found no idle connection and had to wait',
  labelNames: ['pool'] as const, registers: [registry],
});
const acquireSeconds = new Histogram({
  name: 'ntk_db_pool_acquire_seconds', help: 'Time to get a pooled connection, among requests that had to wait',
  labelNames: ['pool'] as const, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry],
});

const poolOf = (orm: MikroORM): TarnPool | undefined =>
  (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;

/** Watches the ORMs' pools until the returned function is called (the app's stop). */
export function watchPools(orms: Record<string, MikroORM | undefined>): () => void {
  const unwatch: (() => void)[] = [];
  for (const [name, orm] of Object.entries(orms)) {
    const pool = orm && poolOf(orm);
    if (!pool) continue;
    const waiting = new Map<number, () => void>();
    const requested = (id: number) => {
      if (!metricsEnabled() || pool.numFree() > 0) return;
      waits.inc({ pool: name });
      waiting.set(id, acquireSeconds.startTimer({ pool: name }));
    };
    const settled = (id: number) => {
      waiting.get(id)?.();
      waiting.delete(id);
    };
    pool.on('acquireRequest', requested);
    pool.on('acquireSuccess', settled);
    pool.on('acquireFail', settled);
    pools.set(name, pool);
    unwatch.push(() => {
      pool.removeListener('acquireRequest', requested);
      pool.removeListener('acquireSuccess', settled);
      pool.removeListener('acquireFail', settled);
      if (pools.get(name) === pool) pools.delete(name);
    });
  }
  return () => unwatch.forEach((u) => u());
}
