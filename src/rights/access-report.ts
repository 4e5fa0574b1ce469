import type { EntityManager } from '@mikro-orm/postgresql';
import { covers } from '../authz/ability.js';
import { Dossier } from '../domain/Dossier.js';
import { DossierEntry } from '../domain/DossierEntry.js';
import { Person } from '../domain/Person.js';
import { Placement } from '../domain/Placement.js';
import { VerificationAnswer } from '../domain/VerificationAnswer.js';
import { VerificationRequest } from '../domain/VerificationRequest.js';
import { COLUMNS_BY_CATEGORY } from '../domain/person-categories.js';
import { consultationsOf, type Consultation } from './consultations.js';

export interface ReportSection {
  category: string;
  description: string | null;
  /** Field name → value, or a list of records (placements, dossier entries). */
  values: unknown;
}

/** R21: the answer to an access (or portability) request, stored with the request and handed over as JSON. */
export interface AccessReport {
  requestId: string;
  personId: string;
  kind: 'ACCESS' | 'PORTABILITY';
  generatedAt: string;
  data: ReportSection[];
  /** R21: categories left out, e.g. police and judicial data, with why. */
  withheld: { category: string; reason: string }[];
  /** Who processed the data, when and why (empty for portability, which covers the data only). */
  recipients: Consultation[];
}

const WITHHELD = 'Access limited for police or judicial data (R21); the data protection officer can explain on request.';
const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '';

/** The person's data, category by category, as they stand: only categories holding something. */
async function sectionsOf(em: EntityManager, person: Person): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const row = person as unknown as Record<string, unknown>;
  for (const [category, columns] of Object.entries(COLUMNS_BY_CATEGORY)) {
    if (category === 'processing.restriction') continue;
    const values = Object.fromEntries(columns.filter((c) => present(row[c])).map((c) => [c, row[c]]));
    if (Object.keys(values).length > 0) out.set(category, values);
  }
  if (person.restrictionActive) {
    out.set('processing.restriction', { restrictionActive: true, restrictionReason: person.restrictionReason ?? null, restrictedSince: person.restrictedSince ?? null });
  }
  // Sequential: the request's transaction is one connection.
  const placements = await em.find(Placement, { person: person.id }, { orderBy: { admittedAt: 'asc' } });
  const dossiers = await em.find(Dossier, { person: person.id }, { orderBy: { createdAt: 'asc' } });
  const requests = await em.find(VerificationRequest, { person: person.id }, { orderBy: { capturedAt: 'asc' } });
  if (placements.length > 0) {
    out.set('detention.placement', placements.map((p) => ({
      institution: p.institution, admittedAt: p.admittedAt, releasedAt: p.releasedAt ?? null, detentionTitle: p.detentionTitle ?? null })));
  }
  if (dossiers.length > 0) {
    const entries = await em.find(DossierEntry, { dossier: { $in: dossiers.map((d) => d.id) } }, { orderBy: { recordedAt: 'asc' } });
    out.set('detention.dossier', dossiers.map((d) => ({
      id: d.id, status: d.status,
      entries: entries.filter((e) => e.dossier.id === d.id).map((e) => ({ kind: e.kind, summary: e.summary, recordedAt: e.recordedAt })) })));
  }
  if (requests.length > 0) {
    out.set('identification.capture', requests.map((r) => ({ deviceReference: r.deviceReference, capturedAt: r.capturedAt, status: r.status })));
    const answers = await em.find(VerificationAnswer, { request: { $in: requests.map((r) => r.id) } });
    if (answers.length > 0) {
      out.set('identification.verification_result', answers.map((a) => ({
        match: a.match, pvReferences: a.pvReferences, identities: a.identities, fingerprintReference: a.fingerprintReference,
        receivedAt: a.receivedAt, erasedAt: a.erasedAt ?? null })));
    }
  }
  return out;
}

/**
 * Builds the report of R21 for a person: the data by category, minus what the DPO withholds, and
 * — for access — every recipient and purpose the access log records (CJEU C-579/21, C-154/21).
 */
export async function buildAccessReport(
  em: EntityManager,
  input: { requestId: string; personId: string; kind: 'ACCESS' | 'PORTABILITY'; withheld: string[]; now: Date },
  describe: (category: string) => string | null,
): Promise<AccessReport> {
  const person = await em.findOneOrFail(Person, { id: input.personId }, { refresh: true });
  const sections = await sectionsOf(em, person);
  const kept = [...sections].filter(([category]) => !covers(input.withheld, category));
  const showLog = input.kind === 'ACCESS' && !covers(input.withheld, 'audit.access_log');
  // Plain JSON from here on: stored in the request and returned as it is stored.
  return JSON.parse(JSON.stringify({
    requestId: input.requestId, personId: input.personId, kind: input.kind, generatedAt: input.now.toISOString(),
    data: kept.map(([category, values]) => ({ category, description: describe(category), values })),
    withheld: input.withheld.map((category) => ({ category, reason: WITHHELD })),
    recipients: showLog ? await consultationsOf(em, input.personId) : [],
  } satisfies AccessReport)) as AccessReport;
}

/** How the log names the lists of a report: the fields of the schema they come from. */
const LIST_FIELDS: Record<string, string> = {
  'detention.placement': 'placements', 'detention.dossier': 'dossiers',
  'identification.capture': 'verificationRequests', 'identification.verification_result': 'verificationAnswers',
};

/** The person's fields and categories the report read, for the log (R10). */
export function reportReads(report: AccessReport): { fields: string[]; categories: string[] } {
  const fields = report.data.flatMap((s) => (Array.isArray(s.values) ? [LIST_FIELDS[s.category] ?? s.category] : Object.keys(s.values as object)));
  const categories = report.data.map((s) => s.category);
  if (report.recipients.length > 0) {
    fields.push('disclosures');
    categories.push('audit.access_log');
  }
  return { fields, categories };
}
