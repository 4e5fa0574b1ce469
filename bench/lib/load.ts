import autocannon from 'autocannon';
import { cpuMeter } from './cpu.js';
import type { Request } from './http.js';
import { knob, roundOrder } from './runner.js';

/**
 * Same settings for every server. The load generator runs in a worker thread, off the servers' event
 * loop. Each server is loaded once per round; every other round runs the servers in reverse order, so
 * a drift of the machine's speed during the run does not favour whoever came first. Many short
 * rounds rather than a few long ones: a round passes in half a minute, so its ratios compare the
 * servers at one speed of this shared machine, and the median of ten resists the odd slow round.
 * BENCH_ROUNDS and BENCH_SECONDS shorten a run that only checks the harness.
 */
export const LOAD = { connections: 10, warmupSeconds: 1, seconds: knob('BENCH_SECONDS', 3), workers: 1, rounds: knob('BENCH_ROUNDS', 10) } as const;

export interface LoadResult {
  /** Successful (2xx) responses per second over the measured run (the mean over rounds). */
  rps: number;
  /** req/s of each measured run. */
  runs: number[];
  /** autocannon's own latency percentiles (its HdrHistogram), the worst of the rounds. */
  p50ms: number;
  p99ms: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** CPU time over the measured runs, ms: this process (the servers and the load generator) and PostgreSQL (null: unreadable). */
  processCpuMs: number;
  postgresCpuMs: number | null;
}

function fire(r: Request, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: r.url, method: 'POST', headers: r.headers, body: r.body,
    connections: LOAD.connections, duration: seconds, workers: LOAD.workers,
  });
}

/** A discarded warm-up run, then the measured one. */
export async function load(r: Request): Promise<LoadResult> {
  await fire(r, LOAD.warmupSeconds);
  const cpu = cpuMeter();
  const res = await fire(r, LOAD.seconds);
  const used = cpu();
  return {
    rps: res['2xx'] / res.duration,
    runs: [res['2xx'] / res.duration],
    p50ms: res.latency.p50,
    p99ms: res.latency.p99,
    ok: res['2xx'],
    non2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    processCpuMs: used.processMs,
    postgresCpuMs: used.postgresMs,
  };
}

/** Runs of one server over the rounds: mean req/s, the worst percentiles, summed counts. */
export function combine(runs: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    rps: sum((r) => r.rps) / runs.length,
    runs: runs.flatMap((r) => r.runs),
    p50ms: Math.max(...runs.map((r) => r.p50ms)),
    p99ms: Math.max(...runs.map((r) => r.p99ms)),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    processCpuMs: sum((r) => r.processCpuMs),
    postgresCpuMs: runs.some((r) => r.postgresCpuMs === null) ? null : sum((r) => r.postgresCpuMs!),
  };
}

/** One variant loaded in every round; `around` wraps its measured load (a sealer loop running meanwhile). */
export interface LoadVariant {
  name: string;
  request: Request;
  around?: (run: () => Promise<LoadResult>) => Promise<LoadResult>;
}

/**
 * One discarded pass over all variants (the first loaded would otherwise also pay for the process's
 * and the database's warm-up: JIT, caches, statistics of a fresh log table), then LOAD.rounds
 * rounds, each loading every variant once, every other round in reverse order. `between` runs after
 * every load (requests left in flight finish, the log is sealed). Returns each variant's runs combined.
 */
export async function loadInRounds(variants: readonly LoadVariant[], between: () => Promise<unknown>,
  log: (msg: string) => void): Promise<Map<string, LoadResult>> {
  for (const v of variants) {
    log(`warm-up pass: load on ${v.name}`);
    await load(v.request);
    await between();
  }
  const runs = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < LOAD.rounds; round++) {
    for (const v of roundOrder(variants, round)) {
      log(`round ${round + 1}/${LOAD.rounds}: load on ${v.name}`);
      const run = () => load(v.request);
      runs.get(v.name)!.push(await (v.around ? v.around(run) : run()));
      await between();
    }
  }
  return new Map([...runs].map(([name, r]) => [name, combine(r)]));
}
