import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { endExpiredBreakGlass } from './expiry.js';

export interface ExpiryLoop {
  stop(): Promise<void>;
}

/**
 * Runs in every API process: logs the end of break-glass uses shortly after their time limit (the
 * access itself ends at the limit whatever this loop does). Row locks keep processes from racing.
 */
export function startBreakGlassExpiry(orm: MikroORM, policyRevision: string, everyMs: number): ExpiryLoop {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await endExpiredBreakGlass(orm.em.fork(), new Date(), policyRevision);
    } catch (e) {
      logger.error({ kind: e instanceof Error ? e.name : typeof e, code: (e as { code?: unknown } | null)?.code }, 'break-glass expiry failed; retrying');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, everyMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
