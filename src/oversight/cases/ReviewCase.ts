import { Collection, EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ReviewCaseEvent } from './ReviewCaseEvent.js';

export const REVIEW_STATUSES = ['OPEN', 'CLOSED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_VERDICTS = ['JUSTIFIED', 'UNJUSTIFIED', 'INCONCLUSIVE'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
export const REVIEW_SOURCES = ['FINDING', 'BREAK_GLASS'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/**
 * R10 (internal control): one principal's conduct under review. Findings and break-glass uses of
 * that principal join its one open case; a closed case has a verdict, who closed it and when.
 */
export class ReviewCase {
  id: string = randomUUID();
  /** Whose conduct is reviewed. */
  principalId!: string;
  principalCategory!: string;
  status: ReviewStatus = 'OPEN';
  /** What opened it: a finding of the oversight job or a break-glass use. */
  source!: ReviewSource;
  openedAt!: Date;
  dueAt!: Date;
  assigneeId?: string | null;
  verdict?: ReviewVerdict | null;
  note?: string | null;
  closedAt?: Date | null;
  closedBy?: string | null;
  /** Its history, oldest first (seq). */
  events = new Collection<ReviewCaseEvent>(this);
}

export const ReviewCaseSchema = new EntitySchema<ReviewCase>({
  class: ReviewCase,
  indexes: [
    { properties: ['dueAt', 'id'] },
    { properties: ['status', 'dueAt'] },
    // One open case per principal: concurrent job runs join it instead of opening a second (openOrJoinCase).
    { name: 'review_case_one_open_per_principal', expression: `create unique index "review_case_one_open_per_principal" on "review_case" ("principal_id") where status = 'OPEN'` },
  ],
  // A closed case always has its verdict, closer and time; an open one none of them.
  checks: [{ name: 'review_case_closed_check', expression: `(status = 'CLOSED') = (verdict is not null and closed_at is not null and closed_by is not null)` }],
  properties: {
    id: { type: 'uuid', primary: true },
    principalId: { type: 'text' },
    principalCategory: { type: 'text' },
    status: { type: 'text', enum: true, items: () => [...REVIEW_STATUSES], default: 'OPEN' },
    source: { type: 'text', enum: true, items: () => [...REVIEW_SOURCES] },
    openedAt: { type: 'Date', columnType: 'timestamptz' },
    dueAt: { type: 'Date', columnType: 'timestamptz' },
    assigneeId: { type: 'text', nullable: true },
    verdict: { type: 'text', enum: true, items: () => [...REVIEW_VERDICTS], nullable: true },
    note: { type: 'text', nullable: true },
    closedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    closedBy: { type: 'text', nullable: true },
    events: { kind: '1:m', entity: 'ReviewCaseEvent', mappedBy: 'reviewCase' },
  },
});
