import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import type { KeysetOrder } from '../../db/keyset.js';
import { timeIdCursor } from '../../schema/validate.js';
import type { ReviewCase, ReviewStatus } from './ReviewCase.js';

export interface QueueFilter {
  status?: ReviewStatus | null;
  principalId?: string | null;
  assigneeId?: string | null;
  /** True: open and past due; false: everything else. */
  overdue?: boolean | null;
  /** Cases a finding of this signal joined. */
  signal?: string | null;
}

/** An open case past its due date (the review term of policies/oversight.yaml). */
export const isOverdue = (c: Pick<ReviewCase, 'status' | 'dueAt'>, now: Date): boolean => c.status === 'OPEN' && c.dueAt < now;

/** The filter as conditions of one statement. */
export function queueConditions(f: QueueFilter | null | undefined, now: Date): FilterQuery<ReviewCase>[] {
  const where: FilterQuery<ReviewCase>[] = [];
  if (!f) return where;
  if (f.status) where.push({ status: f.status });
  if (f.principalId) where.push({ principalId: f.principalId });
  if (f.assigneeId) where.push({ assigneeId: f.assigneeId });
  if (f.overdue === true) where.push({ status: 'OPEN', dueAt: { $lt: now } });
  if (f.overdue === false) where.push({ $or: [{ status: 'CLOSED' }, { dueAt: { $gte: now } }] });
  // A semi-join walked in the queue's order (not a join grouped over every case): a page stops at its limit.
  if (f.signal) {
    where.push({ [raw((alias) => `exists (select 1 from review_case_event e where e.case_id = ${alias}.id and e.kind = 'FINDING_JOINED' and e.text = ?)`, [f.signal])]: true });
  }
  return where;
}

/** The queue's order: the earliest due first; cursors `dueAt|id`. */
export const DUE = timeIdCursor('dueAt');
export const EARLIEST_DUE_FIRST: KeysetOrder<ReviewCase> = { keys: ['dueAt', 'id'], decode: DUE.decode };
