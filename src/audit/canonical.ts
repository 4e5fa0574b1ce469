import { createHash } from 'node:crypto';
import type { AccessLogEntry } from './AccessLogEntry.js';

/** The columns a row's hash covers, in a fixed order (everything but the hash and the insert sequence). */
const HASHED: (keyof AccessLogEntry)[] = [
  'id', 'at', 'requestId', 'action', 'outcome', 'reason', 'principalId', 'principalCategory', 'client',
  'recipientId', 'recipientCategory', 'purpose', 'processingRecordVersion', 'justification', 'subjectType',
  'subjectId', 'personId', 'fields', 'categories', 'operationName', 'operationId', 'policyRevision',
];

/** Canonical serialisation: a JSON array of the hashed columns, times in ISO 8601 UTC with milliseconds. */
export function canonicalRow(row: AccessLogEntry): string {
  return JSON.stringify(HASHED.map((k) => {
    const v = row[k];
    if (v instanceof Date) return v.toISOString();
    return v ?? null;
  }));
}

/** SHA-256 of a row's canonical form, hex. */
export function rowHash(row: AccessLogEntry): string {
  return createHash('sha256').update(canonicalRow(row)).digest('hex');
}
