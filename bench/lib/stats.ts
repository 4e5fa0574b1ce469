/**
 * The one percentile definition of the benchmarks: linear interpolation between the two nearest
 * ranks (Hyndman and Fan's type 7, the default of numpy and R, Excel's PERCENTILE.INC). For n sorted
 * samples the p-th percentile sits at position h = (n − 1) · p / 100: x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]).
 * So the median of an even count is the mean of the two middle samples, p0 is the smallest, p100 the
 * largest, and a percentile never lies outside the samples. No samples: NaN.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not between 0 and 100`);
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const mean = (samples: readonly number[]) => samples.reduce((a, b) => a + b, 0) / samples.length;

/** Latency figures of one series, in milliseconds. */
export interface Percentiles { n: number; p50: number; p95: number; p99: number; max: number }

export function percentiles(samples: readonly number[]): Percentiles {
  return {
    n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99),
    max: percentile(samples, 100),
  };
}

/** Milliseconds `fn` took, by the monotonic clock. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Milliseconds of each of `measured` calls of `fn`, one at a time, after `warmup` calls not timed. */
export async function timeEach(fn: () => unknown, o: { warmup: number; measured: number }): Promise<number[]> {
  for (let i = 0; i < o.warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < o.measured; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}

/** A small seeded generator (mulberry32): the same persons and ranges on every run, so runs compare. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
