import type { EntityManager } from '@mikro-orm/postgresql';
import { openOrJoinCase } from '../cases/open-case.js';
import { signalPolicy, type SignalPolicy } from '../signals/policy.js';
import { countChunk, loadBatch } from './batch.js';
import { dayCandidates, foldDaily } from './daily.js';
import { decideDays } from './day-rules.js';
import { insertDayFindings, insertReadFindings, type NewFinding } from './findings.js';
import { nextChunkEnd, readProgress, writeProgress } from './position.js';
import { findReadSignals } from './read-signals.js';

/** One oversight run at a time across all processes on the database. */
const OVERSIGHT_LOCK = 727_274_020;

export interface ChunkResult {
  rows: number;
  findings: number;
}

export interface RunResult {
  /** Log rows folded (every sealed row, whatever its kind). */
  rows: number;
  chunks: number;
  findings: number;
  /** False when another run held the lock: nothing was done, and nothing needed to be. */
  ran: boolean;
}

/**
 * Folds the next chunk of sealed log rows into the daily aggregates and findings, in one
 * transaction with the progress it moves: a run that fails leaves nothing half-folded, and a rerun
 * starts where the last commit ended (idempotent by log position). Concurrent runs: the advisory lock
 * lets one fold while the others return at once; findings are unique by dedupe key besides.
 * Returns null when another run holds the lock or nothing new is sealed.
 */
export async function foldNextChunk(em: EntityManager, now: Date, p: SignalPolicy = signalPolicy(), untilSeal?: string): Promise<ChunkResult | null | 'locked'> {
  return em.transactional(async (tx) => {
    const [{ locked }] = await tx.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [OVERSIGHT_LOCK]);
    if (!locked) return 'locked';
    await tx.execute(`set local work_mem = '256MB'`);
    const from = await readProgress(tx);
    const to = await nextChunkEnd(tx, from, untilSeal);
    if (!to) return null;
    const rows = await countChunk(tx, from, to);
    if (await loadBatch(tx, from, to, p) > 0) {
      await foldDaily(tx, to, p);
      await findReadSignals(tx, p);
      const made = [
        ...await insertReadFindings(tx, p, now),
        ...await insertDayFindings(tx, decideDays(await dayCandidates(tx, p), p), to, p, now),
      ];
      await joinCases(tx, made, now);
      await writeProgress(tx, to, rows, now);
      return { rows, findings: made.length };
    }
    await writeProgress(tx, to, rows, now);
    return { rows, findings: 0 };
  });
}

/** Each principal's new findings join its one open case (or open it), in the chunk's transaction. */
async function joinCases(em: EntityManager, made: NewFinding[], now: Date): Promise<void> {
  const byPrincipal = new Map<string, NewFinding[]>();
  for (const f of made) byPrincipal.set(f.principal_id, [...byPrincipal.get(f.principal_id) ?? [], f]);
  for (const [principalId, findings] of byPrincipal) {
    await openOrJoinCase(em, {
      principalId, principalCategory: findings[0].principal_category, at: now,
      source: { kind: 'FINDING', findingIds: findings.map((f) => f.id) },
    });
  }
}

/**
 * `npm run oversight` and the server's interval: chunk after chunk until nothing new is sealed (or,
 * for the benchmark's incremental day, until seal `untilSeal`).
 */
export async function runOversight(em: EntityManager, now: () => Date = () => new Date(), p: SignalPolicy = signalPolicy(), untilSeal?: string): Promise<RunResult> {
  const total: RunResult = { rows: 0, chunks: 0, findings: 0, ran: true };
  for (;;) {
    const chunk = await foldNextChunk(em, now(), p, untilSeal);
    if (chunk === 'locked') return { ...total, ran: total.chunks > 0 };
    if (chunk === null) return total;
    total.rows += chunk.rows;
    total.findings += chunk.findings;
    total.chunks++;
  }
}
