/** R23: how urgent a rights request is, for the DPO's list (the server's `overdue` is the authority). */
export type Urgency = 'overdue' | 'this-week' | 'later' | 'closed';

const DAY_MS = 24 * 3600 * 1000;

/** Whole days from `now` to `dueAt`, rounded up: 1 while any part of a day remains, 0 or less once past. */
export function daysLeft(dueAt: string, now: Date): number {
  return Math.ceil((new Date(dueAt).getTime() - now.getTime()) / DAY_MS);
}

/** Open requests past their due date are overdue; those due within seven days are due this week. */
export function urgency(r: { status: string | null; dueAt: string | null; overdue: boolean | null }, now: Date): Urgency {
  if (r.status !== 'OPEN' && r.status !== 'EXTENDED') return 'closed';
  if (r.overdue || (r.dueAt !== null && new Date(r.dueAt) < now)) return 'overdue';
  if (r.dueAt !== null && daysLeft(r.dueAt, now) <= 7) return 'this-week';
  return 'later';
}

/** Open requests first, by days left (most urgent first); closed ones after, newest due first. */
export function byDaysLeft<T extends { status: string | null; dueAt: string | null }>(rows: T[]): T[] {
  const open = (r: T) => r.status === 'OPEN' || r.status === 'EXTENDED';
  const due = (r: T) => (r.dueAt ? new Date(r.dueAt).getTime() : Number.MAX_SAFE_INTEGER);
  return [...rows].sort((a, b) => (open(a) === open(b) ? (open(a) ? due(a) - due(b) : due(b) - due(a)) : open(a) ? -1 : 1));
}
