import { jest } from '@jest/globals';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildSchema } from '../../src/schema/index.js';
import { FIRST_PARTY_CLIENT, operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { loadPrincipal } from '../../src/auth/principal-loader.js';
import { DEMO_REVIEW_CASE_ID } from '../../src/oversight/cases/demo-case.js';
import { startTestServer, type Answer, type GqlResult, type TestServer } from '../support/server.js';
import { canary, canariesIn, categorisedValues, DecisionOracle, type LogRow } from '../support/walk/oracle.js';
import { print, selectAll, splitToFit, tokenCount, type Selection } from '../support/walk/selection.js';

/**
 * The decision-coverage test (R10, R12, R13, R22 and every R of the decisions): walks the printed
 * schema from every root field, queries and the payloads of mutations, to every field, and runs each
 * walk over HTTP for every demo principal under every purpose its roles may use (and one they may
 * not), for every demo person, including a restricted one and one of another institution. In the
 * answer, every non-null value of a categorised field must have a granted log row of that category,
 * and every planted value (a canary naming its category and person) must have a granted row for that
 * person whose decision, recomputed from the database by the decision function, allows it. A new
 * root field fails here until it has arguments below; its payload is then walked by itself.
 */
jest.setTimeout(600_000);

const PERSONS = ['person-a1', 'person-a2', 'person-b1', 'person-restricted'];
const DOSSIERS = ['dossier-a1', 'dossier-a2', 'dossier-b1', 'dossier-restricted'];
const NO_ID = '00000000-0000-4000-8000-000000000000';
const WALK = { repeat: 2, maxDepth: 6 };
/** Under the API's limit of 2,000 tokens, with room for the operation around the selection. */
const MAX_TOKENS = 1_900;

interface Ids {
  verificationRequest?: string;
  rightsRequests: string[];
  notification?: string;
  designation?: string;
  pledge?: string;
  entryOfA1?: string;
}

/** Arguments for each root query field: one walk per entry. */
const QUERIES: Record<string, (ids: Ids, purpose: string) => string[]> = {
  me: () => [''],
  person: () => PERSONS.map((p) => `(id: "${p}")`),
  persons: () => ['(first: 10)', '(first: 10, filter: { institution: "A" })'],
  dossier: () => DOSSIERS.map((d) => `(id: "${d}")`),
  restrictionHistory: () => PERSONS.map((p) => `(personId: "${p}")`),
  accessLog: () => PERSONS.map((p) => `(first: 5, filter: { personId: "${p}" })`),
  exportAccessLog: () => ['(format: JSON_LINES, first: 5, filter: { personId: "person-a1" })'],
  accessLogCheckpoints: () => ['(last: 3)'],
  verifyAccessLog: () => [''],
  breaches: () => ['(first: 5)'],
  designations: () => [''],
  pledges: () => ['', '(pending: true)'],
  myRules: (_ids, purpose) => [`(purpose: "${purpose}")`],
  oversightFindings: () => ['(first: 5)', '(first: 5, filter: { signal: OFF_HOURS, principalId: "case-manager-a" })'],
  pendingVerificationRequests: () => ['(first: 5)'],
  processingRecord: () => ['(code: "DETENTION_MANAGEMENT")'],
  processingRecords: () => [''],
  receivedDisclosures: () => ['(first: 5)'],
  registerExport: () => ['(format: JSON)'],
  rightsRequest: (ids) => ids.rightsRequests.map((id) => `(id: "${id}")`),
  rightsRequests: () => ['(first: 5)'],
  reviewCases: () => ['(first: 5)', '(first: 5, filter: { overdue: true })'],
  verificationRequest: (ids) => [`(id: "${ids.verificationRequest ?? NO_ID}")`],
};

interface Step {
  field: string;
  /** Who does it: the first is meant to succeed; the others are refused (or not) as the decisions say. */
  as: [string, string][];
  args: (ids: Ids) => string;
  /** The actor's act must succeed, so its payload is really walked (false: the decisions must refuse it). */
  succeeds?: boolean;
  after?: (data: Record<string, Answer> | null | undefined, ids: Ids) => void;
}

const DPO_RIGHTS: [string, string] = ['dpo', 'SUBJECT_RIGHTS'];
const DPO_AUDIT: [string, string] = ['dpo', 'SUPERVISION_AUDIT'];
const OUTSIDERS: [string, string][] = [['case-manager-a', 'DETENTION_MANAGEMENT'], ['auditor', 'SUPERVISION_AUDIT']];
const ID_OFFICER: [string, string] = ['id-officer', 'IDENTIFICATION_OF_DETAINEES'];

/** The mutations, in an order where each finds what it needs; each is also tried by others first. */
const STEPS: Step[] = [
  { field: 'createProcessingRecord', succeeds: true, as: [DPO_AUDIT], args: () => `(input: { code: "COVERAGE_TEST", name: "Coverage", purpose: "Testing the walk",
      legalBasis: "none", dataSubjectCategories: ["detainees"], dataCategories: ["identity.name"], recipientCategories: ["internal:test"], retention: "P1Y" })` },
  { field: 'amendProcessingRecord', succeeds: true, as: [DPO_AUDIT], args: () => '(code: "COVERAGE_TEST", change: "coverage", input: { name: "Coverage 2" })' },
  { field: 'deactivateProcessingRecord', succeeds: true, as: [DPO_AUDIT], args: () => '(code: "COVERAGE_TEST", reason: "coverage done")' },
  { field: 'designateStaff', as: [DPO_AUDIT], args: () => '(processing: "MEDICAL_CARE", staffMemberId: "medical-officer")',
    after: (d, ids) => { ids.designation = d?.designateStaff?.id; } },
  { field: 'confirmDesignation', succeeds: true, as: [['director-general', 'SUPERVISION_AUDIT']], args: (ids) => `(id: "${ids.designation ?? NO_ID}")` },
  { field: 'revokeDesignation', as: [DPO_AUDIT], args: (ids) => `(id: "${ids.designation ?? NO_ID}")` },
  { field: 'recordPledge', as: [DPO_AUDIT], args: () => '(staffMemberId: "case-manager-b", documentReference: "coverage pledge", signedAt: "2026-01-01T00:00:00Z")',
    after: (d, ids) => { ids.pledge = d?.recordPledge?.id; } },
  { field: 'confirmPledge', succeeds: true, as: [['director-general', 'SUPERVISION_AUDIT']], args: (ids) => `(id: "${ids.pledge ?? NO_ID}")` },
  { field: 'revokePledge', as: [DPO_AUDIT], args: (ids) => `(id: "${ids.pledge ?? NO_ID}")` },
  { field: 'revokeClient', succeeds: true, as: [DPO_AUDIT], args: () => '(clientId: "municipality-x", reason: "coverage")' },
  { field: 'reactivateClient', succeeds: true, as: [DPO_AUDIT], args: () => '(clientId: "municipality-x")' },
  { field: 'registerDetainee', succeeds: true, as: [['intake-a', 'IDENTIFICATION_OF_DETAINEES']], args: () => `(input: { surname: "Coverage", givenNames: "Walk",
      institution: "A", admittedAt: "2026-03-01T08:00:00Z", capture: { deviceReference: "DEV-COV-1", capturedAt: "2026-03-01T08:05:00Z" } })`,
  after: (d, ids) => { ids.verificationRequest = d?.registerDetainee?.id; } },
  { field: 'submitVerificationAnswer', as: [], args: () => '' },
  { field: 'decideIdentification', succeeds: true, as: [ID_OFFICER], args: (ids) => `(requestId: "${ids.verificationRequest ?? NO_ID}", decision: SUFFICIENT_AGREEMENT, note: "coverage")` },
  { field: 'disclose18b', succeeds: true, as: [['case-manager-b', 'RISK_DISCLOSURE_18B'], ['case-manager-a', 'RISK_DISCLOSURE_18B']], args: () => `(input: { personId: "person-b1",
      recipientClientId: "municipality-x", categories: ["identity.name", "criminal.risk_assessment"], motivation: "Release without a conditional framework." })` },
  { field: 'openRightsRequest', succeeds: true, as: [DPO_RIGHTS], args: () => `(input: { personId: "person-a1", kind: ACCESS, receivedAt: "2026-03-02T09:00:00Z",
      verification: { method: "IN_PERSON_AT_INSTITUTION", reference: "visit log", verifiedBy: "case-manager-a", verifiedAt: "2026-03-02T09:30:00Z" } })`,
  after: (d, ids) => { if (d?.openRightsRequest?.id) ids.rightsRequests.push(d.openRightsRequest.id); } },
  { field: 'extendRightsRequest', succeeds: true, as: [DPO_RIGHTS], args: (ids) => `(id: "${ids.rightsRequests[0] ?? NO_ID}", weeks: 2, reasonToRequester: "coverage")` },
  { field: 'resolveRightsRequest', succeeds: true, as: [DPO_RIGHTS], args: (ids) => `(id: "${ids.rightsRequests[0] ?? NO_ID}", outcome: GRANTED, answer: "coverage")` },
  { field: 'openRightsRequest', succeeds: true, as: [DPO_RIGHTS], args: () => `(input: { personId: "person-b1", kind: RECTIFICATION, receivedAt: "2026-03-02T09:00:00Z",
      verification: { method: "IN_PERSON_AT_INSTITUTION", reference: "visit log", verifiedBy: "case-manager-b", verifiedAt: "2026-03-02T09:30:00Z" } })`,
  after: (d, ids) => { if (d?.openRightsRequest?.id) ids.rightsRequests.push(d.openRightsRequest.id); } },
  { field: 'resolveRightsRequest', succeeds: true, as: [DPO_RIGHTS], args: (ids) => `(id: "${ids.rightsRequests[1] ?? NO_ID}", outcome: GRANTED, answer: "corrected",
      rectification: { address: "Corrected street 1" })`,
  after: (d, ids) => { ids.notification = d?.resolveRightsRequest?.notifications?.[0]?.id; } },
  { field: 'markNotificationSent', succeeds: true, as: [DPO_RIGHTS], args: (ids) => `(id: "${ids.notification ?? NO_ID}")` },
  { field: 'restrictProcessing', succeeds: true, as: [DPO_RIGHTS], args: () => '(personId: "person-a2", reason: "coverage")' },
  { field: 'liftRestriction', succeeds: true, as: [DPO_RIGHTS], args: () => '(personId: "person-a2", reason: "coverage")' },
  { field: 'recordBreach', succeeds: true, as: [DPO_AUDIT], args: () => `(input: { description: "coverage", discoveredAt: "2026-03-02T08:00:00Z", dataCategories: ["identity.name"],
      personsAffectedCount: 1, personIds: ["person-a1"], measures: "none", reportedToAuthority: false, notReportedReason: "no risk" })` },
  { field: 'setLegalHold', succeeds: true, as: [DPO_RIGHTS], args: () => '(personId: "person-b1", hold: true, reason: "coverage")' },
  // Issue 20: for a person of her own institution, so the glass opens nothing the walk's oracle (on today's clock) would not allow.
  { field: 'breakGlass', succeeds: true, as: [['nurse-a', 'MEDICAL_CARE'], ['medical-officer', 'MEDICAL_CARE']],
    args: () => '(personId: "person-a1", reasonCode: "LIFE_THREATENING", justification: "coverage")' },
  // The demo data's open case (about case-manager-b); the auditor, walking first as an outsider, may work it too, so it closes it.
  { field: 'assignReviewCase', succeeds: true, as: [DPO_AUDIT], args: () => `(caseId: "${DEMO_REVIEW_CASE_ID}", assigneeId: "auditor")` },
  { field: 'commentReviewCase', succeeds: true, as: [DPO_AUDIT], args: () => `(caseId: "${DEMO_REVIEW_CASE_ID}", text: "coverage")` },
  { field: 'closeReviewCase', as: [DPO_AUDIT], args: () => `(caseId: "${DEMO_REVIEW_CASE_ID}", verdict: JUSTIFIED, note: "coverage")` },
  // Review finding 2: the source is a restricted person's dossier sharing the target's fingerprint reference.
  { field: 'mergeDossiers', succeeds: false, as: [ID_OFFICER], args: () => '(input: { sourceDossierId: "dossier-restricted", targetDossierId: "dossier-a1", reason: "coverage" })' },
  { field: 'splitDossier', succeeds: false, as: [ID_OFFICER], args: (ids) => `(input: { dossierId: "dossier-a1", entryIds: ["${ids.entryOfA1}"], personId: "person-restricted", reason: "coverage" })` },
  { field: 'undoDossierChange', as: [ID_OFFICER], args: () => `(changeId: "${NO_ID}", reason: "coverage")` },
];

/** Answers that are a decision or a refused input; anything else means the walk did not run. */
const EXPECTED_ERRORS = new Set(['FORBIDDEN', 'BAD_USER_INPUT']);

let s: TestServer;
let schema: GraphQLSchema;
let oracle: DecisionOracle;
const ids: Ids = { rightsRequests: [] };
const failures: string[] = [];
const skipped: string[] = [];
let requests = 0;
let checkedValues = 0;

/** The planted data: every text value of a demo person says which category of which person it is. */
async function plantCanaries(): Promise<void> {
  for (const p of PERSONS) {
    const fingerprint = p === 'person-a1' || p === 'person-restricted' ? canary('biometric.fingerprint_reference', 'person-a1', 'person-restricted')
      : canary('biometric.fingerprint_reference', p);
    await s.sql(`update person set surname = $2, given_names = $2, aliases = array[$2], birth_place = $3, national_register_number = $4,
      fingerprint_reference = $5, address = $6, medical_notes = $7, risk_assessment = $8,
      restriction_reason = case when restriction_active then $9 else null end where id = $1`,
    [p, canary('identity.name', p), canary('identity.birth', p), canary('identifier.national', p), fingerprint, canary('contact', p),
      canary('health', p), canary('criminal.risk_assessment', p), canary('processing.restriction', p)]);
    await s.sql('update placement set detention_title = $2 where person_id = $1', [p, canary('detention.placement', p)]);
    await s.sql(`update dossier_entry set summary = $2 where dossier_id = 'dossier-' || substr($1, 8)`, [p, canary('detention.dossier', p)]);
  }
  // A lineage from before the restriction (review finding 4): person-a2's dossier merged into the restricted person's.
  await s.sql(`update dossier_entry set dossier_id = 'dossier-restricted', summary = $1 where dossier_id = 'dossier-a2'`,
    [canary('detention.dossier', 'person-a2', 'person-restricted')]);
  await s.sql(`update dossier set status = 'MERGED', merged_into_id = 'dossier-restricted' where id = 'dossier-a2'`);
  ids.entryOfA1 = (await s.sql<{ id: string }>(`select id from dossier_entry where dossier_id = 'dossier-a1' limit 1`))[0].id;
}

function documents(root: GraphQLObjectType, field: string, args: string): string[] {
  const operation = root === schema.getQueryType() ? 'query' : 'mutation';
  const top: Selection = { name: field, args, children: selectAll(getObject(root.getFields()[field].type), WALK, skipped) };
  const fits = (sel: Selection) => tokenCount(`${operation} { ${print(sel)} }`) <= MAX_TOKENS;
  return splitToFit(top, fits).map((sel) => `${operation} { ${print(sel)} }`);
}

function getObject(type: unknown): GraphQLObjectType {
  let t = type as { ofType?: unknown };
  while (t.ofType) t = t.ofType;
  return t as unknown as GraphQLObjectType;
}

/** Runs one walk and checks its answer against the log and the decisions. */
async function walk(principal: string, purpose: string, operation: 'query' | 'mutation', document: string, field: string): Promise<GqlResult> {
  const justification = `coverage ${++requests}`;
  const res = await s.gql(principal, document, { purpose, justification });
  const where = `${principal} under ${purpose}: ${document.slice(0, 140)}`;
  for (const e of res.body.errors ?? []) {
    const code = String(e.extensions?.code);
    if (!EXPECTED_ERRORS.has(code)) failures.push(`${where}: unexpected ${code} ${e.message}`);
  }
  await check(principal, purpose, operation, res, field, justification, where);
  return res;
}

async function check(principal: string, purpose: string, operation: 'query' | 'mutation', res: GqlResult, field: string, justification: string, where: string) {
  const text = JSON.stringify(res.body.data ?? null);
  const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const payload = selectAll(getObject(root.getFields()[field].type), WALK, []);
  const values = categorisedValues(schema, getObject(root.getFields()[field].type), payload, res.body.data?.[field]);
  const canaries = canariesIn(text);
  if (values.length === 0 && canaries.length === 0) return;
  const rows = await s.sql<LogRow>(`select action, outcome, reason, subject_type, subject_id, person_id, categories from access_log
    where justification = $1`, [justification]);
  const client = principal === 'afis-link' || principal === 'municipality-x';
  const reads = rows.filter((r) => r.outcome === 'GRANTED' && r.action === (client ? 'disclose' : 'consult'));
  for (const v of values) {
    checkedValues++;
    if (!reads.some((r) => r.categories.includes(v.category))) failures.push(`${where}: ${v.path} (${v.category}) answered without a granted log row`);
  }
  for (const c of canaries) {
    checkedValues++;
    const own = reads.filter((r) => r.person_id && c.persons.includes(r.person_id) && r.categories.includes(c.category));
    if (own.length === 0) {
      failures.push(`${where}: a value of ${c.category} about ${c.persons.join('+')} answered without a granted log row for that person`);
      continue;
    }
    for (const r of own) {
      const denied = await oracle.allows(principal, purpose, r, c.category);
      if (denied) failures.push(`${where}: ${c.category} of ${r.person_id} on ${r.subject_type} ${r.subject_id} logged granted, but the decision is ${denied}`);
    }
  }
}

/** Every purpose the principal's roles may use, and one they may not. */
async function purposesOf(principalId: string): Promise<string[]> {
  const principal = await loadPrincipal(s.orm.em.fork(), principalId, new Date());
  const own = [...new Set(principal!.roles.flatMap((r) => s.policy.roles.get(r)?.purposes ?? []))];
  const foreign = ['MEDICAL_CARE', 'DETENTION_MANAGEMENT'].find((p) => !own.includes(p))!;
  return [...own, foreign];
}

async function inParallel<T>(items: T[], n: number, run: (t: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  }));
}

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
  schema = buildSchema(s.policy);
  oracle = new DecisionOracle(s.orm.em, s.policy);
  await plantCanaries();
});
afterAll(async () => { await s.stop(); });

describe('R10 R12 R13 R22 decision coverage: every path decided, every value logged', () => {
  test('R10 every root field of the schema has a walk', () => {
    const queryFields = Object.keys(schema.getQueryType()!.getFields());
    const mutationFields = Object.keys(schema.getMutationType()!.getFields());
    expect(queryFields.filter((f) => !QUERIES[f])).toEqual([]);
    expect(mutationFields.filter((f) => !STEPS.some((st) => st.field === f))).toEqual([]);
  });

  test('R4 R10 R21 R22 every mutation\'s payload, as its actor and as others, answers only decided and logged values', async () => {
    failures.length = 0;
    const mutation = schema.getMutationType()!;
    const submit = readOperations(operationsDir).find((o) => o.name === 'SubmitVerificationAnswer')!;
    for (const step of STEPS) {
      if (step.field === 'submitVerificationAnswer') {
        // The police link answers by persisted operation only.
        const justification = `coverage ${++requests}`;
        const res = await s.post(JSON.stringify({ documentId: submit.id, variables: { input: {
          requestId: ids.verificationRequest, match: true, pvReferences: ['PV-COV-1'], identities: [{ surname: 'Coverage', givenNames: 'Walk' }],
          fingerprintReference: 'AFIS-COV-1' } } }), { authorization: `Bearer ${await s.token('afis-link')}`, 'x-justification': justification });
        const body = await res.json();
        if (body.errors) failures.push(`submitVerificationAnswer: ${JSON.stringify(body.errors)}`);
        continue;
      }
      const [actor, ...others] = step.as;
      const docs = documents(mutation, step.field, step.args(ids));
      for (const [principal, purpose] of [...OUTSIDERS, ...others]) {
        for (const d of docs) await walk(principal, purpose, 'mutation', d, step.field);
      }
      // The actor's first document does the act; the others would repeat it, so they are not sent.
      const res = await walk(actor[0], actor[1], 'mutation', docs[0], step.field);
      const done = res.body.data?.[step.field] != null;
      if (step.succeeds !== undefined && done !== step.succeeds) {
        failures.push(`${step.field} by ${actor[0]}: expected it ${step.succeeds ? 'to succeed' : 'to be refused'}: ${JSON.stringify(res.body.errors ?? null)}`);
      }
      step.after?.(res.body.data, ids);
    }
    oracle.reset();
    expect(failures).toEqual([]);
  });

  test('R10 R12 R13 R22 every query, for every principal under every purpose, answers only decided and logged values', async () => {
    failures.length = 0;
    const query = schema.getQueryType()!;
    const staff = (await s.sql<{ id: string }>('select id from staff_member order by id')).map((r) => r.id);
    const runs: [string, string, string, string][] = [];
    for (const principal of staff) {
      for (const purpose of await purposesOf(principal)) {
        for (const [field, argsOf] of Object.entries(QUERIES)) {
          for (const args of argsOf(ids, purpose)) for (const d of documents(query, field, args)) runs.push([principal, purpose, d, field]);
        }
      }
    }
    // The embedded database has one connection: side by side there, requests only wait on each other.
    await inParallel(runs, process.env.DATABASE_URL ? 4 : 1, ([principal, purpose, d, field]) => walk(principal, purpose, 'query', d, field));
    // Integrators run only their persisted operations, each under its bound purpose.
    // (The console's operations are run by staff under the purpose they declare: test/console.)
    for (const op of readOperations(operationsDir).filter((o) => /^\s*query\b/m.test(o.document) && !o.clients.includes(FIRST_PARTY_CLIENT))) {
      for (const client of op.clients) {
        const justification = `coverage ${++requests}`;
        const res = await s.post(JSON.stringify({ documentId: op.id, variables: { first: 10 } }),
          { authorization: `Bearer ${await s.token(client)}`, 'x-justification': justification });
        const body = await res.json();
        const field = Object.keys(body.data ?? {})[0];
        if (!field) failures.push(`${client} ${op.name}: ${JSON.stringify(body.errors)}`);
        else await check(client, op.purposes[0], 'query', { status: res.status, body }, field, justification, `${client} ${op.name}`);
      }
    }
    expect(failures.slice(0, 40)).toEqual([]);
    // The walk must have looked at something: a test that checks nothing cannot fail.
    expect(checkedValues).toBeGreaterThan(1000);
    expect(requests).toBeGreaterThan(500);
  });

  test('R10 the walk reaches every categorised field: none hides behind a required argument', () => {
    const categorised = (name: string) => {
      const [type, field] = name.split('.');
      const ext = (schema.getType(type) as GraphQLObjectType).getFields()[field].extensions as { category?: string; categoryFrom?: string };
      return ext.category ?? ext.categoryFrom;
    };
    expect([...new Set(skipped)].filter(categorised)).toEqual([]);
  });
});
