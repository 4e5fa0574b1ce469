import type { EntityManager } from '@mikro-orm/postgresql';
import { covers } from '../authz/ability.js';
import type { Decision } from '../authz/reasons.js';
import { Dossier } from '../domain/Dossier.js';
import { DossierEntry } from '../domain/DossierEntry.js';
import { Person } from '../domain/Person.js';
import { Placement } from '../domain/Placement.js';
import { VerificationAnswer } from '../domain/VerificationAnswer.js';
import { VerificationRequest } from '../domain/VerificationRequest.js';
import { COLUMNS_BY_CATEGORY, columnValues } from '../domain/person-categories.js';
import { consultationsOf, type Consultation } from './consultations.js';

/** One category of the report as stored: which category was handed over, never its values. */
export interface StoredSection {
  category: string;
  description: string | null;
}

/** A category left out of the report, and why: the DPO's limitation (R21) or a decision's reason. */
export interface WithheldCategory {
  category: string;
  reason: string;
  /** `WITHHELD_BY_DPO`, or the reason code of the decision that denied it (NO_CONFIDENTIALITY_PLEDGE ...). */
  code: string;
}

/**
 * R21: the answer to an access (or portability) request as stored with the request: what was handed
 * over and what was withheld, and the recipients from the log. The values themselves are not kept:
 * a stored report must not outlive the data it quotes (R3, R14), so they are read anew, through the
 * decisions, whenever the report is read (`liveReport`).
 */
export interface AccessReport {
  requestId: string;
  personId: string;
  kind: 'ACCESS' | 'PORTABILITY';
  generatedAt: string;
  data: StoredSection[];
  withheld: WithheldCategory[];
  /** Who processed the data, when and why (empty for portability, which covers the data only). */
  recipients: Consultation[];
}

/** A section as read: the category, its current values, and the person they are about (for decisions). */
export interface ReportSection extends StoredSection {
  values: unknown;
  person: Person;
}

export interface LiveReport extends Omit<AccessReport, 'data'> {
  data: ReportSection[];
  person: Person;
}

/** Decides, category by category, the handing over of the person's data to the data subject. */
export type DiscloseDecider = (person: Person, categories: string[]) => Decision[];

const WITHHELD = 'Access limited for police or judicial data (R21); the data protection officer can explain on request.';
const ACCESS_LOG = 'audit.access_log';
const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '';

/** The person's data, category by category, as they stand: only categories holding something. */
async function sectionsOf(em: EntityManager, person: Person): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [category, columns] of Object.entries(COLUMNS_BY_CATEGORY)) {
    if (category === 'processing.restriction') continue;
    const values = Object.fromEntries(Object.entries(columnValues(person, columns)).filter(([, v]) => present(v)));
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
    // R3: an erased answer quotes nothing any more.
    const answers = (await em.find(VerificationAnswer, { request: { $in: requests.map((r) => r.id) } })).filter((a) => !a.erasedAt);
    if (answers.length > 0) {
      out.set('identification.verification_result', answers.map((a) => ({
        match: a.match, pvReferences: a.pvReferences, identities: a.identities, fingerprintReference: a.fingerprintReference,
        receivedAt: a.receivedAt })));
    }
  }
  return out;
}

const loadPerson = (em: EntityManager, id: string) => em.findOneOrFail(Person, { id }, { refresh: true });

/**
 * Builds the report of R21 for a person: the categories holding data, minus what the DPO withholds
 * and minus what the decision point denies to the one compiling it (each category decided on its
 * own as a disclosure to the data subject), and — for access — every recipient and purpose the
 * access log records (CJEU C-579/21, C-154/21). Returns the decisions, for the log.
 */
export async function buildAccessReport(
  em: EntityManager,
  input: { requestId: string; personId: string; kind: 'ACCESS' | 'PORTABILITY'; withheld: string[]; now: Date },
  describe: (category: string) => string | null,
  decide: DiscloseDecider,
): Promise<{ report: AccessReport; decisions: Decision[] }> {
  const person = await loadPerson(em, input.personId);
  const held = [...(await sectionsOf(em, person)).keys()];
  if (input.kind === 'ACCESS') held.push(ACCESS_LOG);
  const asked = held.filter((c) => !covers(input.withheld, c));
  const decisions = decide(person, asked);
  const granted = new Set(decisions.filter((d) => d.allowed).map((d) => d.category));
  const denied = decisions.filter((d) => !d.allowed).map((d) => ({
    category: d.category!, code: d.reason!, reason: `Not handed over: the decision for this category was ${d.reason}.` }));
  const report: AccessReport = {
    requestId: input.requestId, personId: input.personId, kind: input.kind, generatedAt: input.now.toISOString(),
    data: asked.filter((c) => c !== ACCESS_LOG && granted.has(c)).map((category) => ({ category, description: describe(category) })),
    withheld: [...input.withheld.map((category) => ({ category, reason: WITHHELD, code: 'WITHHELD_BY_DPO' })), ...denied],
    recipients: granted.has(ACCESS_LOG) ? await consultationsOf(em, input.personId) : [],
  };
  // Plain JSON from here on: stored in the request and returned as it is stored.
  return { report: JSON.parse(JSON.stringify(report)) as AccessReport, decisions };
}

/**
 * A stored report as it is read: the categories handed over, with their values as they stand now
 * (erased values are gone from it too); each value is decided for the reader by the schema.
 */
export async function liveReport(em: EntityManager, stored: AccessReport): Promise<LiveReport> {
  const person = await loadPerson(em, stored.personId);
  const now = await sectionsOf(em, person);
  const data = stored.data.filter((s) => now.has(s.category))
    .map((s) => ({ category: s.category, description: s.description, values: JSON.parse(JSON.stringify(now.get(s.category))) as unknown, person }));
  const withheld = stored.withheld.map((w) => ({ ...w, code: w.code ?? 'WITHHELD_BY_DPO' }));
  return { ...stored, withheld, data, person };
}
