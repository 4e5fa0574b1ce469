import { runOversight } from '../../src/oversight/job/run.js';
import { sealEverything } from '../audit/seal-everything.js';
import { onServer, startTestServer, type Answer, type TestServer } from '../support/server.js';

/**
 * Issue 20's done test (R10): a log of thousands of ordinary, explained reads with planted misuse
 * among them gives exactly the planted findings (precision and recall 1.0), none for a read a task
 * explains. Rows are inserted as the database owner with the times a real log would hold (the API's
 * role cannot choose `at`), sealed, folded by the job as the application role, then read over HTTP.
 */
let s: TestServer;
const CM = 'staff:case_manager@institution-A';

interface Row { principal: string; category?: string; person: string | null; at: string; outcome?: 'GRANTED' | 'DENIED'; reason?: string; justification?: string }

/** Inserts log rows and returns their ids, in order. */
async function logRows(rows: Row[]): Promise<string[]> {
  const col = <T>(f: (r: Row) => T) => rows.map(f);
  const out = await s.sql<{ id: string }>(`insert into access_log (id, at, request_id, action, outcome, reason, principal_id, principal_category,
      recipient_id, recipient_category, justification, subject_type, subject_id, person_id, fields, categories, policy_revision, hash)
    select gen_random_uuid(), u.at, 'planted', 'consult', u.outcome, u.reason, u.principal, u.category, u.principal, 'internal:test', u.justification,
      'Person', u.person, u.person, '{surname}', '{identity.name}', 'test', 'x'
    from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
      as u(at, outcome, reason, principal, category, person, justification)
    returning id`, [col((r) => r.at), col((r) => r.outcome ?? 'GRANTED'), col((r) => r.reason ?? null), col((r) => r.principal),
    col((r) => r.category ?? CM), col((r) => r.person), col((r) => r.justification ?? null)]);
  return out.map((r) => r.id);
}

const FINDINGS = `query($filter: OversightFindingFilter, $after: String) { oversightFindings(first: 100, filter: $filter, after: $after) {
  edges { node { id signal principalId personId day explanation facts logRowIds reviewCaseId } } pageInfo { hasNextPage endCursor } } }`;

async function findings(filter: Record<string, unknown> = {}): Promise<Answer[]> {
  const nodes: Answer[] = [];
  let after: string | null = null;
  do {
    const r: { body: { data?: Answer; errors?: unknown } } = await s.gql('auditor', FINDINGS, { purpose: 'SUPERVISION_AUDIT', variables: { filter, after } });
    expect(r.body.errors).toBeUndefined();
    const page: Answer = r.body.data.oversightFindings;
    nodes.push(...page.edges.map((e: Answer) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

const key = (f: Answer) => `${f.signal} ${f.principalId} ${f.personId ?? '-'} ${f.day}`;
const planted: Record<string, string[]> = {};

beforeAll(async () => {
  s = await startTestServer();
  const staff = [['cm-spike', 'Tom Peters'], ['cm-kin', 'Eva de Vries'], ['cm-probe', 'Ben Probst'], ['cm-outsider', 'Ada Roos'],
    ['cm-unexplained', 'Kim Mertens'], ['cm-justified', 'Lou Wouters'], ['cm-tasked', 'Jo Claes'], ['cm-night', 'Nel Goossens']];
  for (const [id, name] of staff) {
    await s.sql(`insert into staff_member (id, display_name, roles, institution, unit) values ($1, $2, '{case_manager}', 'A', 'institution-A')`, [id, name]);
  }
  await s.sql(`insert into person (id, surname, given_names, current_institution)
    select 'p-a-' || lpad(i::text, 3, '0'), 'Klaassen', 'Ordinary', 'A' from generate_series(1, 80) i`);
  await s.sql(`insert into person (id, surname, given_names, current_institution) values ('p-kin', 'Vries', 'Anna', 'A'), ('p-flag', 'Klaassen', 'Famous', 'A')`);
  await s.sql(`insert into oversight_flagged_person (person_id, flagged_by, flagged_at) values ('p-flag', 'dpo', now())`);
  // cm-tasked's read of a person of institution B is explained by the disclosure it authored about them.
  await s.sql(`insert into disclosure (id, person_id, processing_code, legal_basis, recipient_client_id, recipient_category, categories, data,
      motivation, authored_by, disclosed_at, retain_until)
    values (gen_random_uuid(), 'person-b1', 'RISK_DISCLOSURE_18B', 'art. 18b', 'municipality-x', 'municipality', '{identity.name}', '{}',
      'test', 'cm-tasked', '2026-11-10T10:00:00Z', '2036-11-10T10:00:00Z')`);

  // Ordinary reads: 30 weekdays from Monday 12 October 2026, ten staff, ten reads each, 10:00-10:09 Brussels time,
  // of persons of their own institution; cm-spike's baseline is two persons a day. Below every threshold: two probing denials a day.
  const ordinary = await s.sql<{ n: number }>(`with days as (
      select d from generate_series(date '2026-10-12', date '2026-11-20', interval '1 day') d where extract(isodow from d) < 6
    ), who as (select unnest(array['case-manager-a', 'intake-a', 'cm-spike', 'cm-kin', 'cm-probe', 'cm-outsider', 'cm-unexplained',
      'cm-justified', 'cm-tasked', 'cm-night']) as p)
    insert into access_log (id, at, request_id, action, outcome, reason, principal_id, principal_category, recipient_id, recipient_category,
      subject_type, subject_id, person_id, fields, categories, policy_revision, hash)
    select gen_random_uuid(), (d::date + time '10:00' + i * interval '1 minute') at time zone 'Europe/Brussels', 'ordinary', 'consult',
      case when i < 8 then 'GRANTED' else 'DENIED' end, case when i < 8 then null else 'CATEGORY_NOT_IN_PURPOSE' end, who.p,
      case when who.p = 'intake-a' then 'staff:intake_officer@institution-A' else '${CM}' end, who.p, 'internal:institution-A', 'Person', pid, pid,
      '{surname}', '{identity.name}', 'test', 'x'
    from days, who, generate_series(0, 9) i,
      lateral (select 'p-a-' || lpad((case when who.p = 'cm-spike' then 1 + i % 2 else 1 + i end)::text, 3, '0') as pid) x
    returning 1 as n`);
  expect(ordinary.length).toBe(3000);

  const wed = '2026-11-18';
  planted['VOLUME_SPIKE cm-spike - 2026-11-18'] = await logRows(Array.from({ length: 60 }, (_, i) => ({
    principal: 'cm-spike', person: `p-a-${String(i + 11).padStart(3, '0')}`, at: `${wed}T13:${String(i % 60).padStart(2, '0')}:00Z` })));
  planted['SAME_SURNAME cm-kin p-kin 2026-11-18'] = await logRows([{ principal: 'cm-kin', person: 'p-kin', at: `${wed}T14:00:00Z` }]);
  planted['REPEATED_DENIALS cm-probe - 2026-11-18'] = await logRows(Array.from({ length: 12 }, (_, i) => ({
    principal: 'cm-probe', person: 'p-a-001', at: `${wed}T14:${String(10 + i)}:00Z`, outcome: 'DENIED' as const, reason: 'NOT_DESIGNATED' })));
  planted['OUTSIDE_UNIT cm-outsider - 2026-11-18'] = await logRows(Array.from({ length: 4 }, (_, i) => ({
    principal: 'cm-outsider', person: 'person-b1', at: `${wed}T14:3${i}:00Z`, outcome: 'DENIED' as const, reason: 'ROW_CONDITION' })));
  planted['UNEXPLAINED cm-unexplained person-b1 2026-11-18'] = await logRows([{ principal: 'cm-unexplained', person: 'person-b1', at: `${wed}T15:00:00Z` }]);
  planted['OUTSIDE_UNIT cm-justified person-b1 2026-11-18'] = await logRows([
    { principal: 'cm-justified', person: 'person-b1', at: `${wed}T15:05:00Z`, justification: 'transfer 2026/118' }]);
  // 23:30 Brussels time (22:30 UTC), a Wednesday: outside MON-FRI 07:00-19:00.
  planted['OFF_HOURS cm-night - 2026-11-18'] = await logRows([{ principal: 'cm-night', person: 'p-a-003', at: `${wed}T22:30:00Z` }]);
  planted['RESTRICTED_OR_FLAGGED medical-officer person-restricted 2026-11-18'] = await logRows([{
    principal: 'medical-officer', category: 'staff:medical_officer@medical-service', person: 'person-restricted', at: `${wed}T15:10:00Z` }]);
  planted['RESTRICTED_OR_FLAGGED case-manager-a p-flag 2026-11-18'] = await logRows([{ principal: 'case-manager-a', person: 'p-flag', at: `${wed}T15:20:00Z` }]);
  // Explained by a task: no finding.
  await logRows([{ principal: 'cm-tasked', person: 'person-b1', at: `${wed}T15:30:00Z` }]);

  await sealEverything(s);
  const run = await runOversight(s.orm.em.fork());
  expect(run.rows).toBeGreaterThanOrEqual(3000);
}, 120_000);

afterAll(() => s?.stop());

describe('oversight signals over a planted log (issue 20, R10)', () => {
  onServer('R10 the planted cases and nothing else: precision and recall 1.0, none for the read a task explains', async () => {
    const found = await findings();
    expect(found.map(key).sort()).toEqual(Object.keys(planted).sort());
  });

  onServer('R10 each finding cites exactly the log rows it rests on, explains itself without personal values and joined a review case', async () => {
    for (const f of await findings()) {
      // A day's signal rests on all of the day's rows it counts: the planted ones and that principal's ordinary ones.
      const ordinary = { VOLUME_SPIKE: 8, REPEATED_DENIALS: 2 }[f.signal as string] ?? 0;
      expect(f.logRowIds).toEqual(expect.arrayContaining(planted[key(f)]));
      expect(f.logRowIds).toHaveLength(planted[key(f)].length + ordinary);
      expect(f.facts.rows).toBe(planted[key(f)].length + ordinary);
      expect(f.explanation).not.toMatch(/Vries|Klaassen|Visser|Peeters/);
      expect(f.reviewCaseId).toEqual(expect.any(String));
    }
    const spike = (await findings({ signal: 'VOLUME_SPIKE' }))[0];
    expect(spike.facts).toMatchObject({ persons: 62, baselineDays: 28, floor: 50, mean: 1.43 });
    expect(spike.facts.z).toBeGreaterThanOrEqual(3);
  });

  onServer('R10 a rerun adds nothing; concurrent runs fold a new row once (idempotent by log position)', async () => {
    const before = (await findings()).length;
    expect((await runOversight(s.orm.em.fork())).rows).toBe(0);
    const [late] = await logRows([{ principal: 'cm-night', person: 'p-a-004', at: '2026-11-19T21:00:00Z' }]);
    await sealEverything(s);
    const runs = await Promise.all([runOversight(s.orm.em.fork()), runOversight(s.orm.em.fork())]);
    expect(runs.reduce((n, r) => n + r.findings, 0)).toBe(1);
    const night = await findings({ signal: 'OFF_HOURS', principalId: 'cm-night' });
    expect(night.map((f: Answer) => [f.day, f.logRowIds])).toContainEqual(['2026-11-19', [late]]);
    expect((await findings()).length).toBe(before + 1);
  });

  onServer('R10 filters by signal, principal, time window and review case; the auditor\'s reading is logged', async () => {
    expect((await findings({ principalId: 'cm-probe' })).map((f: Answer) => f.signal)).toEqual(['REPEATED_DENIALS']);
    expect(await findings({ from: '2026-11-20T00:00:00Z' })).toEqual([]);
    const one = (await findings({ signal: 'SAME_SURNAME' }))[0];
    expect((await findings({ caseId: one.reviewCaseId })).map((f: Answer) => f.principalId)).toEqual(['cm-kin']);
    const bad = await s.gql('auditor', FINDINGS, { purpose: 'SUPERVISION_AUDIT', variables: { filter: { caseId: 'nope' } } });
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await sealEverything(s);
    const [row] = await s.sql<{ n: number }>(`select count(*)::int as n from access_log where principal_id = 'auditor' and subject_type = 'OversightFinding'
      and outcome = 'GRANTED' and 'oversight.finding' = any(categories)`);
    expect(row.n).toBeGreaterThan(0);
  });

  onServer('R10 only the auditor and the DPO read findings: a case manager is refused', async () => {
    const r = await s.gql('case-manager-a', FINDINGS, { purpose: 'DETENTION_MANAGEMENT', variables: {} });
    expect(r.body.data?.oversightFindings ?? null).toBeNull();
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const dpo = await s.gql('dpo', FINDINGS, { purpose: 'SUPERVISION_AUDIT', variables: {} });
    expect(dpo.body.errors).toBeUndefined();
  });
});
