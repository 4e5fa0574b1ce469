import type { MikroORM } from '@mikro-orm/postgresql';
import { sealAll } from '../../src/audit/sealer.js';
import { verifyAccessLog } from '../../src/audit/verify.js';
import { secondsSince } from '../lib/runner.js';
import { timed } from '../lib/stats.js';
import { log } from './env.js';

/** The whole log is verified only when the one-year rate says it takes less than this. */
const WHOLE_LOG_LIMIT_S = 180;
const YEAR_MS = 365 * 24 * 3600_000;

export interface VerifyFigures {
  label: string;
  ok: boolean;
  problem: string | null;
  checked: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface VerifySpeed {
  /** sealAll of the rows the searches logged, on the full table: the sealer's steady-state tick. */
  sealTick: { rows: number; ms: number };
  year: VerifyFigures;
  whole: VerifyFigures | { skipped: string };
}

async function verify(orm: MikroORM, label: string, range: { from?: Date; to?: Date }): Promise<VerifyFigures> {
  log(`verifyAccessLog over ${label}`);
  const started = Date.now();
  const v = await verifyAccessLog(orm.em.fork(), range);
  const seconds = secondsSince(started);
  return { label, ok: v.ok, problem: v.problem, checked: v.checked, seconds, rowsPerSecond: v.checked / seconds };
}

/**
 * verifyAccessLog (src/audit/verify.ts) over the last generated year, then over the whole log when
 * that should take under three minutes at the one-year rate. The auditor's rows of the searches are
 * sealed first, as the sealer loop would have done.
 */
export async function measureVerify(orm: MikroORM, endMs: number, totalRows: number): Promise<VerifySpeed> {
  const { ms, value: sealed } = await timed(() => sealAll(orm.em.fork(), new Date()));
  const sealTick = { rows: sealed, ms };
  const year = await verify(orm, 'the last generated year', { from: new Date(endMs - YEAR_MS), to: new Date(endMs) });
  const estimate = totalRows / year.rowsPerSecond;
  const whole = estimate <= WHOLE_LOG_LIMIT_S
    ? await verify(orm, 'the whole log', {})
    : { skipped: `not run: at the one-year rate the whole log (${totalRows} rows) would take about ${(estimate / 60).toFixed(0)} min` };
  return { sealTick, year, whole };
}
