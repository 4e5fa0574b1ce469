import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

export type AccessAction = 'collect' | 'alter' | 'consult' | 'disclose' | 'combine' | 'erase' | 'deny';
export type AccessOutcome = 'GRANTED' | 'DENIED';

/**
 * One row of the access log (R10): per request, object touched and action. Rows are only ever
 * inserted; `hash` is the SHA-256 of the row's canonical form, chained by AccessLogSeal.
 */
export class AccessLogEntry {
  /** Partitioned by month on `at` (R5), so the key includes it. */
  [PrimaryKeyProp]?: ['id', 'at'];
  id!: string;
  seq?: string;
  at!: Date;
  requestId!: string;
  action!: AccessAction;
  outcome!: AccessOutcome;
  reason?: string | null;
  principalId!: string;
  principalCategory!: string;
  client?: string | null;
  recipientId!: string;
  recipientCategory!: string;
  purpose?: string | null;
  processingRecordVersion?: number | null;
  justification?: string | null;
  subjectType!: string;
  subjectId?: string | null;
  personId?: string | null;
  fields: string[] = [];
  categories: string[] = [];
  operationName?: string | null;
  operationId?: string | null;
  policyRevision!: string;
  hash!: string;
}

export const AccessLogEntrySchema = new EntitySchema<AccessLogEntry>({
  class: AccessLogEntry,
  tableName: 'access_log',
  indexes: [
    { properties: ['personId', 'seq'] },
    { properties: ['principalId', 'seq'] },
    { properties: ['purpose', 'seq'] },
    { properties: ['recipientId', 'seq'] },
    { properties: ['seq'] },
    { properties: ['at'] },
    { properties: ['categories'], type: 'gin' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: 'bigint', autoincrement: true },
    at: { type: 'Date', columnType: 'timestamptz', primary: true },
    requestId: { type: 'text' },
    action: { type: 'text' },
    outcome: { type: 'text' },
    reason: { type: 'text', nullable: true },
    principalId: { type: 'text' },
    principalCategory: { type: 'text' },
    client: { type: 'text', nullable: true },
    recipientId: { type: 'text' },
    recipientCategory: { type: 'text' },
    purpose: { type: 'text', nullable: true },
    processingRecordVersion: { type: 'integer', nullable: true },
    justification: { type: 'text', nullable: true },
    subjectType: { type: 'text' },
    subjectId: { type: 'text', nullable: true },
    personId: { type: 'text', nullable: true },
    fields: { type: 'text[]' },
    categories: { type: 'text[]' },
    operationName: { type: 'text', nullable: true },
    operationId: { type: 'text', nullable: true },
    policyRevision: { type: 'text' },
    hash: { type: 'text' },
  },
});
