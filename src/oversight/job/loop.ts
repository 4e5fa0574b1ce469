import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../../logger.js';
import { runOversight } from './run.js';

export interface OversightLoop {
  stop(): Promise<void>;
}

/**
 * The running API folds newly sealed log rows into findings every `everyMs` (OVERSIGHT_INTERVAL_MS),
 * as the application role, like the sealer. Every process may run it: the job's advisory lock lets
 * one fold and the others return. A failure is logged without data and retried at the next tick.
 */
export function startOversightLoop(orm: MikroORM, everyMs: number): OversightLoop {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const result = await runOversight(orm.em.fork());
      if (result.chunks > 0) logger.info({ rows: result.rows, findings: result.findings }, 'oversight: sealed log rows folded');
    } catch (e) {
      logger.error({ kind: e instanceof Error ? e.name : typeof e, code: (e as { code?: unknown } | null)?.code }, 'oversight run failed; retrying');
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
