import type { Principal } from '../authz/principal.js';
import { AccessLogEntry } from './AccessLogEntry.js';
import { rowHash, sharedJson, type SharedJson } from './canonical.js';
import { timeOrderedIds } from './ids.js';
import type { CollectedRow } from './collector.js';
import { rowMac } from './row-mac.js';
import { logSettings } from './settings.js';

/** What a request contributes to each of its log rows: why, who, to whom, how (R10). */
export interface RequestMeta {
  requestId: string;
  /** The request's time by the API's clock: not written, the row's `at` is the database's (issue 16, finding 9). */
  at: Date;
  principal: Principal;
  purpose: string | null;
  processingRecordVersion: number | null;
  justification: string | null;
  operationName: string | null;
  operationId: string | null;
  policyRevision: string;
}

export function principalCategory(p: Principal): string {
  return `${p.kind}:${[...p.roles].sort().join('+') || 'none'}@${p.unit}`;
}

/** A NUL, which PostgreSQL text refuses: a row holding one would fail its whole INSERT. */
const nul = (v: string | null | undefined) => v != null && v.includes('\0');
const hasNul = (...values: (string | null | undefined)[]) => values.some(nul);
const rowHasNul = (r: CollectedRow) => nul(r.reason) || nul(r.subjectType) || nul(r.subjectId) || nul(r.personId) ||
  nul(r.recipient?.id) || nul(r.recipient?.category) || r.fields.some(nul) || r.categories.some(nul);

/** A row that PostgreSQL would refuse: its request fails closed alone, before it reaches a shared INSERT (issue 16, finding 7). */
export class UnloggableRow extends Error {
  readonly code = 'UNLOGGABLE_ROW';
  constructor() {
    super('access log: a row holds a character PostgreSQL text refuses (NUL)');
  }
}

/**
 * Turns the collected decisions of a request into hashed access-log rows, each with the API's MAC of
 * its hash. Throws UnloggableRow for a value PostgreSQL would refuse.
 */
export function buildEntries(rows: CollectedRow[], meta: RequestMeta): AccessLogEntry[] {
  const p = meta.principal;
  const { macKey } = logSettings();
  if (hasNul(meta.requestId, p.id, meta.purpose, meta.justification, meta.operationName, meta.operationId, meta.policyRevision)) {
    throw new UnloggableRow();
  }
  const client = p.kind === 'client';
  const category = principalCategory(p);
  // Internal reads go to the staff member within their unit; client reads are disclosures to its
  // organisation; a disclosure made by staff names its own recipient.
  const recipientId = client ? p.unit : p.id;
  const recipientCategory = client ? p.recipientCategory : `internal:${p.unit}`;
  // Time-ordered by the real clock (tests move meta.at), so the primary key grows at its right edge
  // like the log, and a row's id tells when the API made it: a genuine row copied later stands out.
  const nextId = timeOrderedIds(Date.now());
  let shared: SharedJson | undefined;
  return rows.map((r) => {
    if (rowHasNul(r)) throw new UnloggableRow();
    const e = new AccessLogEntry();
    e.id = nextId();
    e.at = meta.at;
    e.requestId = meta.requestId;
    e.action = r.action;
    e.outcome = r.outcome;
    e.reason = r.reason;
    e.principalId = p.id;
    e.principalCategory = category;
    e.client = client ? p.id : null;
    e.recipientId = r.recipient?.id ?? recipientId;
    e.recipientCategory = r.recipient?.category ?? recipientCategory;
    e.purpose = meta.purpose;
    e.processingRecordVersion = meta.processingRecordVersion;
    e.justification = meta.justification;
    e.subjectType = r.subjectType;
    e.subjectId = r.subjectId;
    e.personId = r.personId;
    e.fields = r.fields;
    e.categories = r.categories;
    e.operationName = meta.operationName;
    e.operationId = meta.operationId;
    e.policyRevision = meta.policyRevision;
    shared ??= sharedJson(e);
    e.hash = rowHash(e, shared);
    e.mac = rowMac(macKey, e.hash);
    return e;
  });
}
