import type { Principal } from '../authz/principal.js';
import { AccessLogEntry } from './AccessLogEntry.js';
import { rowHash, sharedJson, type SharedJson } from './canonical.js';
import { timeOrderedIds } from './ids.js';
import type { CollectedRow } from './collector.js';

/** What a request contributes to each of its log rows: why, who, to whom, how, when (R10). */
export interface RequestMeta {
  requestId: string;
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

/** Turns the collected decisions of a request into hashed access-log rows. */
export function buildEntries(rows: CollectedRow[], meta: RequestMeta): AccessLogEntry[] {
  const p = meta.principal;
  const client = p.kind === 'client';
  const category = principalCategory(p);
  // Internal reads go to the staff member within their unit; client reads are disclosures to its
  // organisation; a disclosure made by staff names its own recipient.
  const recipientId = client ? p.unit : p.id;
  const recipientCategory = client ? p.recipientCategory : `internal:${p.unit}`;
  // Time-ordered, so the primary key grows at its right edge like the log.
  const nextId = timeOrderedIds(meta.at.getTime());
  let shared: SharedJson | undefined;
  return rows.map((r) => {
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
    return e;
  });
}
