import pg from 'pg';
import { entryFromRow } from '../../src/audit/AccessLogEntry.js';
import { canonicalRow, rowHash } from '../../src/audit/canonical.js';
import { SEAL_BATCH, sealAll } from '../../src/audit/sealer.js';
import { openOrm } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { withClient } from '../lib/pg.js';
import { BenchFailed, knob, secondsSince } from '../lib/runner.js';
import { log } from './env.js';
import { createPartitions } from './partitions.js';
import { requestsFor, syntheticRowsSql } from './synthetic.js';

/**
 * The persistent database of part 2 (log-database.ts) and what it holds. A smaller log
 * (BENCH_LOG_ROWS) gets a database of its own, so a short run never replaces the full one.
 */
export const LOG_ROWS = knob('BENCH_LOG_ROWS', 10_000_000);
export const LOG_DATABASE = LOG_ROWS === 10_000_000 ? 'ntk_bench_log' : `ntk_bench_log_${LOG_ROWS}`;
export const YEARS = 10;
const CHUNK = 500_000;
/** Bumped when the generated data change shape, so older databases are rebuilt. 2: past transaction ids per request. */
export const GENERATOR = 2;

/** What generation left in `bench_log_meta`; written last, so its presence means "complete". */
export interface Meta {
  generator: number;
  rows: number;
  /** Distinct transaction ids (`tx`) the rows carry. */
  transactions: number;
  first_seq: string;
  last_seq: string;
  start_ms: string;
  end_ms: string;
  generated_at: Date;
  generate_seconds: number;
  seal_seconds: number;
  vacuum_analyze_seconds: number;
}

const COLUMNS = `id, at, request_id, action, outcome, reason, principal_id, principal_category, client, recipient_id,
  recipient_category, purpose, processing_record_version, justification, subject_type, subject_id, person_id, fields,
  categories, operation_name, operation_id, policy_revision, hash, tx`;

/**
 * Drops and rebuilds part 2's database: demo data (prepareDatabase), partitions for the ten years,
 * LOG_ROWS synthetic rows in SQL, sealed with sealAll, then VACUUM (ANALYZE). `bench_log_meta` is
 * written last, so a run that stopped half-way is never reused.
 */
export async function rebuild(server: string, url: string): Promise<Meta> {
  log(`building ${LOG_DATABASE} with ${LOG_ROWS} rows over ${YEARS} years`);
  await withClient(server, async (c) => {
    await c.query(`drop database if exists ${LOG_DATABASE} with (force)`);
    await c.query(`create database ${LOG_DATABASE}`);
  });
  await prepareDatabase(url, { seed: true });
  const generated = await withClient(url, async (c) => {
    await createPartitions(c, YEARS);
    // Transaction ids for the rows: after any row's, below every transaction still running (the
    // sealer's horizon), so they sort and seal like those of a log written over the years.
    type Start = { start_ms: string; end_ms: string; before: string; first_tx: string; horizon: string };
    const [{ start_ms, end_ms, before, first_tx, horizon }] = (await c.query<Start>(
      `select (extract(epoch from now() - interval '${YEARS} years') * 1000)::bigint as start_ms,
        (extract(epoch from now()) * 1000)::bigint as end_ms, coalesce(max(seq), 0) as before,
        coalesce(max(tx)::text::bigint, 2) + 1 as first_tx, pg_snapshot_xmin(pg_current_snapshot())::text::bigint as horizon from access_log`)).rows;
    const requests = requestsFor(LOG_ROWS);
    const txSpan = Math.min(requests, Number(horizon) - Number(first_tx));
    if (txSpan < 1) throw new BenchFailed('no past transaction ids to give the generated rows');
    const params = (lo: number, hi: number) => [lo, hi, start_ms, String(BigInt(end_ms) - BigInt(start_ms)), requests, first_tx, txSpan];
    await checkHashes(c, params);
    const started = Date.now();
    // Bulk load: no reason to wait for each chunk's WAL flush.
    await c.query('set synchronous_commit = off');
    for (let lo = 1; lo <= LOG_ROWS; lo += CHUNK) {
      const hi = Math.min(LOG_ROWS, lo + CHUNK - 1);
      await c.query(`insert into access_log (${COLUMNS}) select ${COLUMNS} from (${syntheticRowsSql()}) g`, params(lo, hi));
      const s = secondsSince(started);
      log(`generated ${hi} / ${LOG_ROWS} rows (${(hi / s).toFixed(0)} rows/s, about ${((LOG_ROWS - hi) / (hi / s) / 60).toFixed(1)} min left)`);
    }
    const generateSeconds = secondsSince(started);
    const [{ first_seq, last_seq, n }] = (await c.query<{ first_seq: string; last_seq: string; n: string }>(
      'select min(seq) as first_seq, max(seq) as last_seq, count(*) as n from access_log where seq > $1', [before])).rows;
    if (Number(n) !== LOG_ROWS) throw new BenchFailed(`generated ${n} rows, expected ${LOG_ROWS}`);
    return { start_ms, end_ms, first_seq, last_seq, generateSeconds, transactions: txSpan };
  });

  const sealSeconds = await sealEverything(url);
  log('vacuum (analyze)');
  const vacuumStart = Date.now();
  await withClient(url, async (c) => {
    await c.query('vacuum (analyze) access_log');
    await c.query('vacuum (analyze) access_log_seal');
  });
  const meta: Meta = {
    generator: GENERATOR, rows: LOG_ROWS, transactions: generated.transactions, first_seq: generated.first_seq,
    last_seq: generated.last_seq, start_ms: generated.start_ms, end_ms: generated.end_ms, generated_at: new Date(),
    generate_seconds: generated.generateSeconds, seal_seconds: sealSeconds, vacuum_analyze_seconds: secondsSince(vacuumStart),
  };
  await withClient(url, async (c) => {
    await c.query(`create table bench_log_meta (generator int, rows bigint, transactions bigint, first_seq bigint, last_seq bigint,
      start_ms bigint, end_ms bigint, generated_at timestamptz, generate_seconds float8, seal_seconds float8, vacuum_analyze_seconds float8)`);
    await c.query('insert into bench_log_meta values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [meta.generator, meta.rows,
      meta.transactions, meta.first_seq, meta.last_seq, meta.start_ms, meta.end_ms, meta.generated_at, meta.generate_seconds,
      meta.seal_seconds, meta.vacuum_analyze_seconds]);
  });
  return meta;
}

/** The SQL hash must be rowHash() of the row as the API reads it back, or verification would fail on every row. */
async function checkHashes(c: pg.Client, params: (lo: number, hi: number) => unknown[]): Promise<void> {
  for (const [lo, hi] of [[1, 1000], [Math.max(1, LOG_ROWS - 999), LOG_ROWS]]) {
    const { rows } = await c.query<Record<string, unknown>>(syntheticRowsSql(), params(lo, hi));
    const bad = rows.filter((r) => rowHash(entryFromRow(r)) !== r.hash);
    if (bad.length > 0) {
      throw new BenchFailed(`the SQL row hash differs from rowHash() for ${bad.length} of ${rows.length} sample rows; ` +
        `first (synthetic) canonical form: ${canonicalRow(entryFromRow(bad[0]))}`);
    }
  }
  log('SQL row hash equals rowHash() on 2,000 sample rows');
}

/** sealAll over the ten years, as owner; progress from the seal table meanwhile (sealAll reports only its total). */
async function sealEverything(url: string): Promise<number> {
  const started = Date.now();
  const orm = await openOrm({ databaseUrl: url, poolMax: 2 });
  const progress = new pg.Client({ connectionString: url });
  await progress.connect();
  const timer = setInterval(() => {
    progress.query<{ n: string }>('select count(*) as n from access_log_seal')
      .then((r) => log(`sealing: ${r.rows[0].n} seals of up to ${SEAL_BATCH} rows so far`), () => undefined);
  }, 30_000);
  try {
    const sealed = await sealAll(orm.em.fork(), new Date());
    if (sealed < LOG_ROWS) throw new BenchFailed(`sealAll sealed ${sealed} rows, expected at least ${LOG_ROWS}`);
    log(`sealed ${sealed} rows in ${secondsSince(started).toFixed(0)} s`);
    return secondsSince(started);
  } finally {
    clearInterval(timer);
    await progress.end();
    await orm.close();
  }
}

