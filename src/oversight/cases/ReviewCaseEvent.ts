import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ReviewCase } from './ReviewCase.js';

export const REVIEW_EVENT_KINDS = ['OPENED', 'FINDING_JOINED', 'BREAK_GLASS_JOINED', 'ASSIGNED', 'COMMENTED', 'CLOSED'] as const;
export type ReviewEventKind = (typeof REVIEW_EVENT_KINDS)[number];

/** One step in a case's history, never changed: who did what and when (each also an access-log row when done through the API). */
export class ReviewCaseEvent {
  id: string = randomUUID();
  /** The database's order of events, also among events of one instant. */
  seq?: string;
  reviewCase!: ReviewCase;
  kind!: ReviewEventKind;
  actorId!: string;
  at!: Date;
  /** A comment, the verdict's note, or who was assigned. */
  text?: string | null;
  findingId?: string | null;
  breakGlassId?: string | null;
}

export const ReviewCaseEventSchema = new EntitySchema<ReviewCaseEvent>({
  class: ReviewCaseEvent,
  indexes: [{ properties: ['reviewCase', 'seq'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: 'bigint', autoincrement: true },
    reviewCase: { kind: 'm:1', entity: 'ReviewCase', fieldName: 'case_id' },
    kind: { type: 'text', enum: true, items: () => [...REVIEW_EVENT_KINDS] },
    actorId: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
    text: { type: 'text', nullable: true },
    findingId: { type: 'uuid', nullable: true },
    breakGlassId: { type: 'uuid', nullable: true },
  },
});
