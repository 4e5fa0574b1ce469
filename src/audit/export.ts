import type { AccessLogEntry } from './AccessLogEntry.js';

/** Where a sealed row sits in the chain: its seal and its place in the seal's list. */
export interface ChainLinkRef {
  position: string;
  index: number;
  chainHash: string;
}

/** One JSON Lines record: the row as hashed, plus its link in the chain when sealed. */
export function toJsonLine(row: AccessLogEntry & { key?: unknown }, link: ChainLinkRef | undefined): string {
  // `tx` is the sealer's bookkeeping and `key` a search's (src/audit/read.ts): neither was hashed. The
  // MAC can be checked only with the API's key (verifyAccessLog), not by the file's reader.
  const { seq, tx: _tx, key: _key, mac: _mac, ...rest } = row;
  return JSON.stringify({ ...rest, seq: String(seq), at: row.at.toISOString(), chain: link ?? null });
}

const FHIR_ACTION: Record<string, string> = { collect: 'C', alter: 'U', consult: 'R', disclose: 'R', combine: 'U', erase: 'D', deny: 'E' };

/** Issue 20: a row made under break glass (its start, its reads, its end) is an emergency override, HL7 v3 ActReason BTG. */
const EMERGENCY_OVERRIDE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG', display: 'break the glass' }] };
const BREAK_GLASS = 'BREAK_GLASS';

/** A FHIR R5 AuditEvent for a log row, so the log can go to tools that speak FHIR. */
export function toFhirAuditEvent(row: AccessLogEntry): Record<string, unknown> {
  const detail = (type: string, value: string | null | undefined) => (value ? [{ type: { text: type }, valueString: value }] : []);
  return {
    resourceType: 'AuditEvent',
    id: row.id,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' }] }],
    code: { coding: [{ system: 'urn:need-to-know-api:access-action', code: row.action }] },
    action: FHIR_ACTION[row.action] ?? 'E',
    recorded: row.at.toISOString(),
    outcome: {
      code: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-outcome', code: row.outcome === 'GRANTED' ? '0' : '4' },
      ...(row.reason ? { detail: [{ text: row.reason }] } : {}),
    },
    authorization: [
      ...(row.purpose ? [{ coding: [{ system: 'urn:need-to-know-api:processing', code: row.purpose }], text: row.justification ?? undefined }] : []),
      ...(row.reason === BREAK_GLASS ? [EMERGENCY_OVERRIDE] : []),
    ],
    ...(row.personId ? { patient: { reference: `Person/${row.personId}` } } : {}),
    agent: [
      { type: { text: 'requestor' }, who: { identifier: { value: row.principalId } }, role: [{ text: row.principalCategory }], requestor: true },
      {
        type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110152', display: 'Destination Role ID' }] },
        who: { identifier: { value: row.recipientId } }, role: [{ text: row.recipientCategory }], requestor: false,
      },
    ],
    source: {
      observer: { display: row.client ? `need-to-know-api for client ${row.client}` : 'need-to-know-api' },
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }] }],
    },
    entity: [{
      what: { reference: row.subjectId ? `${row.subjectType}/${row.subjectId}` : row.subjectType },
      securityLabel: row.categories.map((c) => ({ system: 'urn:need-to-know-api:data-category', code: c })),
      detail: [
        ...detail('fields', row.fields.join(',')), ...detail('requestId', row.requestId), ...detail('operationName', row.operationName),
        ...detail('operationId', row.operationId), ...detail('policyRevision', row.policyRevision), ...detail('processingRecordVersion',
          row.processingRecordVersion == null ? null : String(row.processingRecordVersion)), ...detail('hash', row.hash),
      ],
    }],
  };
}
