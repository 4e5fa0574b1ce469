import autocannon from 'autocannon';
import { cpuMeter } from './cpu.js';

/**
 * Same settings for every server. The load generator runs in a worker thread, off the servers' event
 * loop. Each server is loaded once per round; every other round runs the servers in reverse order, so
 * a drift of the machine's speed during the run does not favour whoever came first. Many short
 * rounds rather than a few long ones: a round passes in half a minute, so its ratios compare the
 * servers at one speed of this shared machine, and the median of ten resists the odd slow round.
 */
export const LOAD = { connections: 10, warmupSeconds: 1, seconds: 3, workers: 1, rounds: 10 } as const;

export interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  /** Successful (2xx) responses per second over the measured run (the mean over rounds). */
  rps: number;
  /** req/s of each measured run. */
  runs: number[];
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

/** One request, for checks and statement counts. */
export async function post(r: Request): Promise<{ status: number; body: GraphQLBody }> {
  const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}
