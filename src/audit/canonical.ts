import { hash } from 'node:crypto';
import type { AccessLogEntry } from './AccessLogEntry.js';

/**
 * The columns a row's hash covers, in a fixed order: everything the API writes but the hash and the
 * MAC. The time and the insert sequence are the database's; the seal chains them beside the hash
 * (src/audit/chain.ts, seals of format 2).
 */
export const HASHED = [
  'id', 'requestId', 'action', 'outcome', 'reason', 'principalId', 'principalCategory', 'client',
  'recipientId', 'recipientCategory', 'purpose', 'processingRecordVersion', 'justification', 'subjectType',
  'subjectId', 'personId', 'fields', 'categories', 'operationName', 'operationId', 'policyRevision',
] as const satisfies readonly (keyof AccessLogEntry)[];

const j = (v: unknown) => JSON.stringify(v ?? null);

/** The columns of rows sealed in format 1 (before Migration20261205000100), `at` among them. */
export const HASHED_V1 = ['id', 'at', ...HASHED.slice(1)] as const satisfies readonly (keyof AccessLogEntry)[];

/** SHA-256 of a format-1 row's canonical form: the JSON array of HASHED_V1, the time in ISO 8601. */
export function rowHashV1(r: AccessLogEntry): string {
  return hash('sha256', JSON.stringify(HASHED_V1.map((k) => { const v = r[k]; return v instanceof Date ? v.toISOString() : v ?? null; })), 'hex');
}

/** The JSON of the columns every row of a request shares, so a request's rows build it once. */
export interface SharedJson {
  requestId: string; principalId: string; principalCategory: string; client: string; purpose: string;
  processingRecordVersion: string; justification: string; operationName: string; operationId: string; policyRevision: string;
  /** JSON of values the rows of a request repeat (actions, reasons, recipients, field and category lists), by value. */
  strings: Map<string, string>;
  lists: Map<string, string>;
}

export function sharedJson(r: AccessLogEntry): SharedJson {
  return {
    requestId: j(r.requestId), principalId: j(r.principalId), principalCategory: j(r.principalCategory),
    client: j(r.client), purpose: j(r.purpose), processingRecordVersion: j(r.processingRecordVersion), justification: j(r.justification),
    operationName: j(r.operationName), operationId: j(r.operationId), policyRevision: j(r.policyRevision),
    strings: new Map(), lists: new Map(),
  };
}

function repeated(s: SharedJson, v: string | null | undefined): string {
  if (v == null) return 'null';
  let out = s.strings.get(v);
  if (out === undefined) s.strings.set(v, (out = JSON.stringify(v)));
  return out;
}

const SEPARATOR = '\x1f';
function repeatedList(s: SharedJson, list: readonly string[]): string {
  // The joined names are the key; a name holding the separator could make two lists one key.
  if (list.some((x) => x.includes(SEPARATOR))) return JSON.stringify(list);
  const key = list.join(SEPARATOR);
  let out = s.lists.get(key);
  if (out === undefined) s.lists.set(key, (out = JSON.stringify(list)));
  return out;
}

/**
 * Canonical serialisation: a JSON array of the HASHED columns in that order. Spelled out rather than mapped over HASHED: it runs for every log row on every
 * answer, and the test holds it equal to `JSON.stringify(HASHED.map(...))`. `shared` must be
 * `sharedJson` of a row of the same request.
 */
export function canonicalRow(r: AccessLogEntry, s: SharedJson = sharedJson(r)): string {
  return `[${j(r.id)},${s.requestId},${repeated(s, r.action)},${repeated(s, r.outcome)},${repeated(s, r.reason)},${s.principalId},` +
    `${s.principalCategory},${s.client},${repeated(s, r.recipientId)},${repeated(s, r.recipientCategory)},${s.purpose},` +
    `${s.processingRecordVersion},${s.justification},${repeated(s, r.subjectType)},${j(r.subjectId)},${j(r.personId)},` +
    `${repeatedList(s, r.fields)},${repeatedList(s, r.categories)},${s.operationName},${s.operationId},${s.policyRevision}]`;
}

/** SHA-256 of a row's canonical form, hex. */
export function rowHash(row: AccessLogEntry, shared?: SharedJson): string {
  return hash('sha256', canonicalRow(row, shared), 'hex');
}
