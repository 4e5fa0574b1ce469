import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

export type AccessAction = 'collect' | 'alter' | 'consult' | 'disclose' | 'combine' | 'erase' | 'deny';
export type AccessOutcome = 'GRANTED' | 'DENIED';

/**
 * One row of the access log (R10): per request, object touched and action. Rows are only ever
 * inserted; `hash` is the SHA-256 of the row's canonical form, chained by the seals of AccessLogSeal.
 * `at`, `seq` and `tx` are the database's (defaults the application role cannot override).
 */
export class AccessLogEntry {
  /** Partitioned by year on `at` (R5), so the key includes it. */
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
  fields!: string[];
  categories!: string[];
  operationName?: string | null;
  operationId?: string | null;
  policyRevision!: string;
  /** SHA-256 of the canonical form (src/audit/canonical.ts); public, so anyone can recompute it. */
  hash!: string;
  /** Keyed MAC of `hash` by the API (src/audit/row-mac.ts): rows the API did not write lack a valid one. */
  mac?: string | null;
  /** The writing transaction (xid8): the sealer's horizon, see src/audit/sealer.ts. */
  tx?: string;
}

/** A row as the driver returns it (snake_case columns), as an entry; for reads that bypass the ORM. */
export function entryFromRow(r: Record<string, unknown>): AccessLogEntry {
  const s = (k: string) => {
    // The driver gives these columns as text, or numbers for integer ones.
    const v = r[k] as string | number | null | undefined;
    return v == null ? null : String(v);
  };
  return Object.assign(new AccessLogEntry(), {
    id: String(r.id), seq: s('seq') ?? undefined, at: new Date(r.at as string), requestId: String(r.request_id), action: r.action as AccessAction,
    outcome: r.outcome as AccessOutcome, reason: s('reason'), principalId: String(r.principal_id), principalCategory: String(r.principal_category),
    client: s('client'), recipientId: String(r.recipient_id), recipientCategory: String(r.recipient_category), purpose: s('purpose'),
    processingRecordVersion: r.processing_record_version == null ? null : Number(r.processing_record_version),
    justification: s('justification'), subjectType: String(r.subject_type), subjectId: s('subject_id'), personId: s('person_id'),
    fields: (r.fields as string[]) ?? [], categories: (r.categories as string[]) ?? [], operationName: s('operation_name'),
    operationId: s('operation_id'), policyRevision: String(r.policy_revision), hash: String(r.hash), mac: s('mac'), tx: s('tx') ?? undefined,
  });
}

export const AccessLogEntrySchema = new EntitySchema<AccessLogEntry>({
  class: AccessLogEntry,
  tableName: 'access_log',
  indexes: [
    { properties: ['personId', 'at', 'seq'] },
    { properties: ['principalId', 'at', 'seq'] },
    { properties: ['at', 'seq'] },
    { properties: ['tx', 'seq'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: 'bigint', autoincrement: true },
    at: { type: 'Date', columnType: 'timestamptz', primary: true, defaultRaw: `date_trunc('milliseconds'::text, statement_timestamp())` },
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
    mac: { type: 'text', nullable: true },
    tx: { type: 'string', columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' },
  },
});
