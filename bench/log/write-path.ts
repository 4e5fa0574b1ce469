import { MikroORM } from '@mikro-orm/postgresql';
import { startSealer } from '../../src/audit/sealer-loop.js';
import { sealAll } from '../../src/audit/sealer.js';
import { checkpointSigner } from '../../src/audit/signing.js';
import { trustedKey } from '../../src/audit/trusted-keys.js';
import { verifyAccessLog, type Verification } from '../../src/audit/verify.js';
import type { Config } from '../../src/config.js';
import { ormConfig } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { freshDatabase } from '../../test/support/database.js';
import { withClient } from '../lib/pg.js';
import { knob, roundOrder, secondsSince } from '../lib/runner.js';
import { mean } from '../lib/stats.js';
import { watchForeignActivity, type ForeignActivity } from './activity.js';
import { log } from './env.js';
import { pgbench, type PgbenchRun } from './pgbench.js';
import { createBaselineTables } from './plain-table.js';
import { CLIENTS, ROWS_PER_TRANSACTION, THREADS, buildScripts, templateRows, type Scripts } from './write-scripts.js';
import { captureWriterStatement } from './writer-capture.js';

/** pgbench -T per run, and rounds (the second in reverse order, so drift favours no variant). */
export const WRITE = { seconds: knob('BENCH_LOG_WRITE_SECONDS', 10), rounds: 2 } as const;

type VariantName = 'plain' | 'ours' | 'ours + sealer' | 'naive chain-head lock';

const VARIANTS: { name: VariantName; about: string; script: keyof Scripts }[] = [
  { name: 'plain', about: '`access_log_plain`: same columns, partitions and indexes, no `tx`, no (tx, seq) index, no triggers', script: 'plain' },
  { name: 'ours', about: 'the writer\'s INSERT into `access_log` (`tx` from its default)', script: 'ours' },
  { name: 'ours + sealer', about: 'ours while the sealer loop of `npm start` runs in the bench process', script: 'ours' },
  { name: 'naive chain-head lock', about: '`select ... for update` of one chain head, rows into the plain table, head updated in SQL', script: 'naive' },
];

export interface WriteVariant { name: VariantName; about: string; runs: PgbenchRun[]; tps: number }

export interface SealerFigures {
  rowsWritten: number;
  /** By the loop while pgbench ran. */
  sealedDuringRuns: number;
  /** By sealAll once the loop stopped: what was still unsealed at the end of a run. */
  sealedAfter: number;
  seals: number;
  verify: Verification;
  verifySeconds: number;
}

export interface WritePathFigures {
  settings: string;
  variants: WriteVariant[];
  sealer: SealerFigures;
  /** Rows in access_log and in the seals at the end: every row written by ours and ours + sealer. */
  logRows: number;
  activity: ForeignActivity;
  seconds: number;
}

/**
 * Part 1: transactions per second of the log's write path on a fresh database, for the plain
 * baseline, ours, ours with the sealer running, and the naive chain-head lock.
 */
export async function measureWritePath(server: string, pgbenchBin: string, config: Config): Promise<WritePathFigures> {
  const started = Date.now();
  const db = await freshDatabase();
  let orm: MikroORM | undefined;
  try {
    await prepareDatabase(db.url, { seed: false });
    await withClient(db.url, createBaselineTables);
    // As src/main.ts runs the sealer: on the API's ORM, acting as the application role.
    orm = await MikroORM.init(ormConfig({ databaseUrl: db.url, poolMax: 4, appRole: config.DB_APP_ROLE || undefined }));
    const scripts = buildScripts(await captureWriterStatement(orm, templateRows()));
    const signer = checkpointSigner(config.auditSigningKey);
    const runs = new Map<VariantName, PgbenchRun[]>(VARIANTS.map((v) => [v.name, []]));
    const sealer = { rowsWritten: 0, sealedDuringRuns: 0, sealedAfter: 0 };
    const watch = await watchForeignActivity(server, [new URL(db.url).pathname.slice(1)]);
    const sealedRows = () => withClient(db.url, async (c) =>
      Number((await c.query<{ n: string }>('select coalesce(sum(cardinality(entry_ids)), 0) as n from access_log_seal')).rows[0].n));

    for (let round = 0; round < WRITE.rounds; round++) {
      for (const v of roundOrder(VARIANTS, round)) {
        log(`write path, round ${round + 1}/${WRITE.rounds}: ${v.name}`);
        // Each run starts from flushed buffers and a sealed log: no run pays for the one before.
        await withClient(db.url, (c) => c.query('checkpoint'));
        const o = { clients: CLIENTS, threads: THREADS, seconds: WRITE.seconds };
        let run: PgbenchRun;
        if (v.name === 'ours + sealer') {
          const before = await sealedRows();
          const loop = startSealer(orm, signer, { sealEveryMs: config.SEAL_INTERVAL_MS, checkpointEveryMs: config.CHECKPOINT_INTERVAL_MS });
          try {
            run = await pgbench(pgbenchBin, db.url, scripts[v.script], o);
          } finally {
            await loop.stop();
          }
          sealer.rowsWritten += run.transactions * ROWS_PER_TRANSACTION;
          sealer.sealedDuringRuns += (await sealedRows()) - before;
          sealer.sealedAfter += await sealAll(orm.em.fork(), new Date());
        } else {
          run = await pgbench(pgbenchBin, db.url, scripts[v.script], o);
          if (v.name === 'ours') await sealAll(orm.em.fork(), new Date());
        }
        runs.get(v.name)!.push(run);
      }
    }

    const activity = await watch.stop();
    log('write path: verifying the whole log written');
    const verifyStart = Date.now();
    // pgbench wrote the rows, not the API: no MAC of the API's to check, and checkpoints only while the
    // sealer ran, so no row is late for one (a century: the database must still subtract it from now).
    const verify = await verifyAccessLog(orm.em.fork(), {}, {
      trustedKeys: [trustedKey(signer.publicKey)], checkpointMaxAgeMs: 100 * 365 * 86_400_000, macKeys: new Map(),
    });
    const verifySeconds = secondsSince(verifyStart);
    const { logRows, seals } = await withClient(db.url, async (c) => ({
      logRows: Number((await c.query<{ n: string }>('select count(*) as n from access_log')).rows[0].n),
      seals: Number((await c.query<{ n: string }>('select count(*) as n from access_log_seal')).rows[0].n),
    }));
    return {
      settings: `pgbench -M extended -c ${CLIENTS} -j ${THREADS} -T ${WRITE.seconds}, ${WRITE.rounds} rounds (the second in reverse order), ` +
        `a CHECKPOINT before each run; one transaction = BEGIN; one INSERT of ${ROWS_PER_TRANSACTION} rows; COMMIT; ` +
        'a fresh database (migrations, no demo data)',
      variants: VARIANTS.map((v) => ({ name: v.name, about: v.about, runs: runs.get(v.name)!, tps: mean(runs.get(v.name)!.map((r) => r.tps)) })),
      sealer: { ...sealer, seals, verify, verifySeconds },
      logRows,
      activity,
      seconds: secondsSince(started),
    };
  } finally {
    await orm?.close();
    await db.drop();
  }
}
