import { EntitySchema } from '@mikro-orm/core';
import type { ReviewCase } from '../cases/ReviewCase.js';
import type { Explanation } from './explanation.js';

export const SIGNALS = ['VOLUME_SPIKE', 'OUTSIDE_UNIT', 'REPEATED_DENIALS', 'SAME_SURNAME', 'RESTRICTED_OR_FLAGGED', 'UNEXPLAINED', 'OFF_HOURS'] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * R10 (internal control), issue 20: one explainable misuse signal over the access log, citing the
 * log rows it rests on so an auditor can check them against the chain. Written only by the
 * oversight job; `dedupeKey` (signal, principal, person, day) makes a rerun find, not repeat, it.
 */
export class OversightFinding {
  id!: string;
  signal!: Signal;
  principalId!: string;
  principalCategory!: string;
  personId?: string | null;
  day!: string;
  windowStart!: Date;
  windowEnd!: Date;
  explanation!: Explanation;
  logRowIds!: string[];
  dedupeKey!: string;
  createdAt!: Date;
  /** The review case it joined (src/oversight/cases/open-case.ts). */
  reviewCase?: ReviewCase | null;
}

export const OversightFindingSchema = new EntitySchema<OversightFinding>({
  class: OversightFinding,
  indexes: [{ properties: ['day', 'id'] }, { properties: ['principalId', 'day', 'id'] }, { properties: ['reviewCase'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    signal: { type: 'text' },
    principalId: { type: 'text' },
    principalCategory: { type: 'text' },
    personId: { type: 'text', nullable: true },
    day: { type: 'date', columnType: 'date' },
    windowStart: { type: 'Date', columnType: 'timestamptz' },
    windowEnd: { type: 'Date', columnType: 'timestamptz' },
    explanation: { type: 'json' },
    logRowIds: { type: 'uuid[]', columnType: 'uuid[]' },
    dedupeKey: { type: 'text', unique: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    reviewCase: { kind: 'm:1', entity: 'ReviewCase', fieldName: 'review_case_id', nullable: true, deleteRule: 'set null', updateRule: 'cascade' },
  },
});
