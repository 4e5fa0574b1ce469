import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';

export const RIGHTS_KINDS = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY'] as const;
export type RightsKind = (typeof RIGHTS_KINDS)[number];
export const RIGHTS_STATUSES = ['OPEN', 'EXTENDED', 'RESOLVED', 'REFUSED'] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];

/** R23: a notice to the requester that the term was extended, kept with the request. */
export interface ExtensionNotice {
  weeks: number;
  /** Weeks from receipt after this extension (at most 12). */
  totalWeeks: number;
  previousDueAt: string;
  dueAt: string;
  reasonToRequester: string;
  noticeAt: string;
  noticeBy: string;
}

/**
 * A data-subject rights request (R21) with its deadline (R23) and how the requester's identity was
 * established (R24: method, reference, who and when — never a copy or number of an identity document).
 */
export class RightsRequest {
  id: string = randomUUID();
  person!: Person;
  kind!: RightsKind;
  status: RightsStatus = 'OPEN';
  receivedAt!: Date;
  dueAt!: Date;
  /** What the requester asks, in short; checked for identity-document copies like the reference. */
  details?: string | null;
  verificationMethod!: string;
  /** Where the verification is recorded (a visit log entry, a signature validation id, a mandate file). */
  verificationReference!: string;
  verifiedBy!: string;
  verifiedAt!: Date;
  extensions: ExtensionNotice[] = [];
  openedBy!: string;
  openedAt!: Date;
  resolvedAt?: Date | null;
  resolvedBy?: string | null;
  /** The answer to the requester. */
  answer?: string | null;
  refusalReason?: string | null;
  /** R21: the legal basis that requires keeping the data, when an erasure is refused for it. */
  refusalLegalBasis?: string | null;
  /** RECTIFICATION: the corrected values, as sent to the recipients. */
  rectification?: Record<string, string> | null;
  /** ACCESS, PORTABILITY: the report handed to the requester (see src/rights/access-report.ts). */
  report?: Record<string, unknown> | null;
  /** R21: categories left out of an access report (police and judicial data may be limited). */
  withheldCategories: string[] = [];
}

export const RightsRequestSchema = new EntitySchema<RightsRequest>({
  class: RightsRequest,
  indexes: [{ properties: ['status', 'dueAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    kind: { enum: true, items: () => [...RIGHTS_KINDS] },
    status: { enum: true, items: () => [...RIGHTS_STATUSES], default: 'OPEN' },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    dueAt: { type: 'Date', columnType: 'timestamptz' },
    details: { type: 'text', nullable: true },
    verificationMethod: { type: 'text' },
    verificationReference: { type: 'text' },
    verifiedBy: { type: 'text' },
    verifiedAt: { type: 'Date', columnType: 'timestamptz' },
    extensions: { type: 'json' },
    openedBy: { type: 'text' },
    openedAt: { type: 'Date', columnType: 'timestamptz' },
    resolvedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    resolvedBy: { type: 'text', nullable: true },
    answer: { type: 'text', nullable: true },
    refusalReason: { type: 'text', nullable: true },
    refusalLegalBasis: { type: 'text', nullable: true },
    rectification: { type: 'json', nullable: true },
    report: { type: 'json', nullable: true },
    withheldCategories: { type: 'text[]' },
  },
});
