import type { MikroORM } from '@mikro-orm/postgresql';
import { sealAll, writeCheckpoint } from '../../audit/sealer.js';
import type { CheckpointSigner } from '../../audit/signing.js';
import { logger } from '../../logger.js';

/**
 * The sealer's last pass at shutdown, once no request runs: the rows of the last answers sealed into
 * the chain and the head signed, so a stopped process leaves no rows for the next one to seal. A
 * failure is logged, not fatal: the rows are committed, and any process's sealer seals them later.
 */
export async function finalSeal(orm: MikroORM, signer: CheckpointSigner): Promise<void> {
  try {
    const em = orm.em.fork();
    const sealed = await sealAll(em, new Date());
    await em.transactional((tx) => writeCheckpoint(tx, signer, new Date()));
    logger.info({ sealed }, 'access log sealed and signed at shutdown');
  } catch (e) {
    logger.error({ kind: e instanceof Error ? e.name : typeof e, code: (e as { code?: unknown } | null)?.code }, 'final seal failed; rows stay for the next sealer');
  }
}
