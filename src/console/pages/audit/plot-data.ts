import type { LogRow } from './row-detail';

export interface DayCount { day: Date; key: string; count: number }

const dayOf = (at: string) => new Date(`${at.slice(0, 10)}T00:00:00Z`);

/** Rows counted per UTC day and per key (a principal, a reason). */
export function perDay(rows: LogRow[], keyOf: (r: LogRow) => string | null): DayCount[] {
  const counts = new Map<string, DayCount>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    const id = `${r.at.slice(0, 10)}|${key}`;
    const c = counts.get(id) ?? { day: dayOf(r.at), key, count: 0 };
    c.count++;
    counts.set(id, c);
  }
  return [...counts.values()].sort((a, b) => a.day.getTime() - b.day.getTime());
}

/**
 * A principal's reads per day against its baseline: the mean and standard deviation of its daily
 * reads on the other days of the range (days without reads count as 0).
 */
export function againstBaseline(rows: LogRow[], principalId: string): { days: DayCount[]; mean: number; sd: number } {
  const reads = rows.filter((r) => r.principalId === principalId && r.outcome === 'GRANTED');
  const all = rows.map((r) => r.at.slice(0, 10));
  if (all.length === 0) return { days: [], mean: 0, sd: 0 };
  const first = dayOf(all.reduce((a, b) => (a < b ? a : b)));
  const last = dayOf(all.reduce((a, b) => (a > b ? a : b)));
  const counts = new Map(perDay(reads, () => principalId).map((d) => [d.day.getTime(), d.count]));
  const days: DayCount[] = [];
  for (let t = first.getTime(); t <= last.getTime(); t += 86_400_000) days.push({ day: new Date(t), key: principalId, count: counts.get(t) ?? 0 });
  const values = days.map((d) => d.count);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { days, mean, sd };
}
