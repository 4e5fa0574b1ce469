import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { countSealed, countSealerFailure } from '../ops/metrics/index.js';
import { sealAll, writeCheckpoint } from './sealer.js';
import type { CheckpointSigner } from './signing.js';

export interface SealerLoop {
  stop(): Promise<void>;
}

/**
 * Runs in every API process: seals committed rows into the chain shortly after they commit and
 * signs the chain head at intervals. The advisory lock in sealPending keeps processes from racing.
 */
export function startSealer(orm: MikroORM, signer: CheckpointSigner, o: { sealEveryMs: number; checkpointEveryMs: number }): SealerLoop {
  let stopped = false;
  let lastCheckpoint = 0;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    try {
      const em = orm.em.fork();
      countSealed(await sealAll(em, new Date()));
      if (Date.now() - lastCheckpoint >= o.checkpointEveryMs) {
        await em.transactional((tx) => writeCheckpoint(tx, signer, new Date()));
        lastCheckpoint = Date.now();
      }
    } catch (e) {
      countSealerFailure();
      logger.error({ kind: e instanceof Error ? e.name : typeof e, code: (e as { code?: unknown } | null)?.code }, 'access-log sealer failed; retrying');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, o.sealEveryMs);
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
