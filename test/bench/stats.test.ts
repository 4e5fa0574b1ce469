import { mean, median, percentile, percentiles } from '../../bench/lib/stats.js';

/**
 * The benchmarks' one percentile definition (bench/lib/stats.ts, docs/bench.md): linear
 * interpolation between the nearest ranks, position (n − 1) · p / 100 of the sorted samples.
 */
describe('bench percentiles: linear interpolation between the nearest ranks', () => {
  const oneToTen = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];

  test('the median of an even count is the mean of the two middle samples, of an odd count the middle one', () => {
    expect(median(oneToTen)).toBe(5.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1])).toBe(2.5);
  });

  test('between two ranks the value is interpolated: p95 of 1..100 is 95.05, p90 of 1..10 is 9.1', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(oneToHundred, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(oneToHundred, 99)).toBeCloseTo(99.01, 10);
    expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 10);
    expect(percentile(oneToTen, 25)).toBeCloseTo(3.25, 10);
  });

  test('p0 is the smallest sample, p100 the largest, and no percentile lies outside the samples', () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
    for (let p = 0; p <= 100; p += 0.5) {
      const v = percentile(oneToTen, p);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(10);
    }
  });

  test('a single sample is every percentile; no samples give NaN', () => {
    expect(percentile([4.2], 0)).toBe(4.2);
    expect(percentile([4.2], 99)).toBe(4.2);
    expect(median([])).toBeNaN();
    expect(percentiles([]).p95).toBeNaN();
  });

  test('the samples are not reordered, and a percentile outside 0..100 is refused', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
    expect(() => percentile(samples, 101)).toThrow(RangeError);
    expect(() => percentile(samples, -1)).toThrow(RangeError);
    expect(() => percentile(samples, NaN)).toThrow(RangeError);
  });

  test('percentiles() summarises a series with the same definition', () => {
    const ms = Array.from({ length: 300 }, (_, i) => i + 1);
    expect(percentiles(ms)).toEqual({
      n: 300, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: 300,
    });
    expect(percentiles(ms).p50).toBe(150.5);
    expect(mean(ms)).toBe(150.5);
  });
});
