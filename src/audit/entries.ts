import type { Principal } from '../authz/principal.js';
import { AccessLogEntry } from './AccessLogEntry.js';
import { rowHash, sharedJson, type SharedJson } from './canonical.js';
import { timeOrderedId } from './ids.js';
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
  const at = meta.at.getTime();
  const category = principalCategory(p);
  let shared: SharedJson | undefined;
  return rows.map((r) => {
    const e = Object.assign(new AccessLogEntry(), {
      // Time-ordered, so the primary key grows at its right edge like the log.
      id: timeOrderedId(at),
      at: meta.at,
      requestId: meta.requestId,
      action: r.action,
      outcome: r.outcome,
      reason: r.reason,
      principalId: p.id,
      principalCategory: category,
      client: p.kind === 'client' ? p.id : null,
      // Internal reads go to the staff member within their unit; client reads are disclosures to its
      // organisation; a disclosure made by staff names its own recipient.
      recipientId: r.recipient?.id ?? (p.kind === 'client' ? p.unit : p.id),
      recipientCategory: r.recipient?.category ?? (p.kind === 'client' ? p.recipientCategory : `internal:${p.unit}`),
      purpose: meta.purpose,
      processingRecordVersion: meta.processingRecordVersion,
      justification: meta.justification,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      personId: r.personId,
      fields: r.fields,
      categories: r.categories,
      operationName: meta.operationName,
      operationId: meta.operationId,
      policyRevision: meta.policyRevision,
    });
    shared ??= sharedJson(e);
    e.hash = rowHash(e, shared);
    return e;
  });
}
