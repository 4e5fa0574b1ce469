import { hash } from 'node:crypto';
import type { AccessLogEntry } from './AccessLogEntry.js';

/** The columns a row's hash covers, in a fixed order (everything but the hash and the insert sequence). */
export const HASHED = [
  'id', 'at', 'requestId', 'action', 'outcome', 'reason', 'principalId', 'principalCategory', 'client',
  'recipientId', 'recipientCategory', 'purpose', 'processingRecordVersion', 'justification', 'subjectType',
  'subjectId', 'personId', 'fields', 'categories', 'operationName', 'operationId', 'policyRevision',
] as const satisfies readonly (keyof AccessLogEntry)[];

const j = (v: unknown) => JSON.stringify(v ?? null);

/** The JSON of the columns every row of a request shares, so a request's rows build it once. */
export interface SharedJson {
  at: string; requestId: string; principalId: string; principalCategory: string; client: string; purpose: string;
  processingRecordVersion: string; justification: string; operationName: string; operationId: string; policyRevision: string;
}

export function sharedJson(r: AccessLogEntry): SharedJson {
  return {
    at: j(r.at.toISOString()), requestId: j(r.requestId), principalId: j(r.principalId), principalCategory: j(r.principalCategory),
    client: j(r.client), purpose: j(r.purpose), processingRecordVersion: j(r.processingRecordVersion), justification: j(r.justification),
    operationName: j(r.operationName), operationId: j(r.operationId), policyRevision: j(r.policyRevision),
  };
}

/**
 * Canonical serialisation: a JSON array of the HASHED columns in that order, times in ISO 8601 UTC
 * with milliseconds. Spelled out rather than mapped over HASHED: it runs for every log row on every
 * answer, and the test holds it equal to `JSON.stringify(HASHED.map(...))`. `shared` must be
 * `sharedJson` of a row of the same request.
 */
export function canonicalRow(r: AccessLogEntry, s: SharedJson = sharedJson(r)): string {
  return `[${j(r.id)},${s.at},${s.requestId},${j(r.action)},${j(r.outcome)},${j(r.reason)},${s.principalId},` +
    `${s.principalCategory},${s.client},${j(r.recipientId)},${j(r.recipientCategory)},${s.purpose},` +
    `${s.processingRecordVersion},${s.justification},${j(r.subjectType)},${j(r.subjectId)},${j(r.personId)},` +
    `${j(r.fields)},${j(r.categories)},${s.operationName},${s.operationId},${s.policyRevision}]`;
}

/** SHA-256 of a row's canonical form, hex. */
export function rowHash(row: AccessLogEntry, shared?: SharedJson): string {
  return hash('sha256', canonicalRow(row, shared), 'hex');
}
