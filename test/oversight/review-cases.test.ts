import { openOrJoinCase } from '../../src/oversight/cases/open-case.js';
import { DEMO_REVIEW_CASE_ID } from '../../src/oversight/cases/demo-case.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const AUDIT = 'SUPERVISION_AUDIT';
const CASE_FIELDS = 'id principalId status source openedAt dueAt overdue assigneeId verdict note closedAt closedBy findings { id signal } breakGlassIds events { kind actorId text }';

/** Opens (or joins) the open case about a principal, as the oversight job does. */
const openCase = (principalId: string, at = s.clock.now) => s.orm.em.fork().transactional((em) =>
  openOrJoinCase(em, { principalId, principalCategory: `staff:test@${principalId}`, at, source: { kind: 'FINDING', findingIds: [] } }));

const queue = (who: string, args: string, justification = `queue ${Math.random()}`) =>
  s.gql(who, `{ reviewCases(${args}) { edges { cursor node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`, { purpose: AUDIT, justification });
const act = (who: string, mutation: string, justification: string, purpose = AUDIT) =>
  s.gql(who, `mutation { ${mutation} { ${CASE_FIELDS} } }`, { purpose, justification });
const logRows = (justification: string) => s.sql(`select action, outcome, reason, principal_id, subject_type, subject_id, categories
  from access_log where justification = $1 order by seq`, [justification]);

describe('the review queue: reviewCases (issue 20, R10)', () => {
  test('R10 the auditor lists the queue, the earliest due first, and each case read is logged', async () => {
    const res = await queue('auditor', 'first: 10, filter: { principalId: "case-manager-b" }', 'queue read');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.reviewCases.edges.map((e: { node: unknown }) => e.node)).toEqual([expect.objectContaining({
      id: DEMO_REVIEW_CASE_ID, principalId: 'case-manager-b', status: 'OPEN', source: 'FINDING', overdue: true, assigneeId: null, verdict: null,
      findings: [], breakGlassIds: [], events: [{ kind: 'OPENED', actorId: 'oversight', text: null }],
    })]);
    // One row for the query, one for each case read.
    const read = { action: 'consult', outcome: 'GRANTED', reason: null, principal_id: 'auditor', subject_type: 'ReviewCase', categories: ['oversight.case'] };
    expect(await logRows('queue read')).toEqual([{ ...read, subject_id: null }, { ...read, subject_id: DEMO_REVIEW_CASE_ID }]);
  });

  test('R10 overdue cases are listed: open and past the review term of policies/oversight.yaml (14 days)', async () => {
    const fresh = await openCase('intake-a');
    const overdue = await queue('dpo', 'first: 50, filter: { overdue: true }');
    const ids = (r: typeof overdue) => r.body.data.reviewCases.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids(overdue)).toContain(DEMO_REVIEW_CASE_ID);
    expect(ids(overdue)).not.toContain(fresh);
    expect(ids(await queue('dpo', 'first: 50, filter: { overdue: false }'))).toContain(fresh);
    const [{ due_at }] = await s.sql<{ due_at: Date }>('select due_at from review_case where id = $1', [fresh]);
    expect(due_at.toISOString()).toBe('2026-03-19T10:00:00.000Z');
    // Fifteen days on, the fresh case is overdue too.
    s.clock.now = new Date('2026-03-20T10:00:00Z');
    try {
      expect(ids(await queue('dpo', 'first: 50, filter: { overdue: true }'))).toContain(fresh);
    } finally {
      s.clock.now = new Date('2026-03-05T10:00:00Z');
    }
  });

  test('R10 filters by status, principal, assignee and signal; pages by cursor', async () => {
    const probed = await openCase('id-officer-nopledge');
    // Two findings of one signal: the case is listed once.
    for (let i = 0; i < 2; i++) {
      await s.sql(`insert into review_case_event (id, case_id, kind, actor_id, at, text, finding_id)
        values (gen_random_uuid(), $1, 'FINDING_JOINED', 'oversight', now(), 'REPEATED_DENIALS', gen_random_uuid())`, [probed]);
    }
    const bySignal = await queue('auditor', 'first: 10, filter: { signal: "REPEATED_DENIALS" }');
    expect(bySignal.body.data.reviewCases.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([probed]);
    expect(bySignal.body.data.reviewCases.edges[0].node.findings).toEqual([1, 2].map(() => ({ id: expect.any(String), signal: 'REPEATED_DENIALS' })));
    const open = await queue('auditor', 'first: 50, filter: { status: OPEN }');
    expect(open.body.data.reviewCases.edges.length).toBeGreaterThanOrEqual(2);
    const first = await queue('auditor', 'first: 1, filter: { status: OPEN }');
    expect(first.body.data.reviewCases.pageInfo.hasNextPage).toBe(true);
    const next = await queue('auditor', `first: 50, after: "${first.body.data.reviewCases.pageInfo.endCursor}", filter: { status: OPEN }`);
    const paged = [first, next].flatMap((r) => r.body.data.reviewCases.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(paged).toEqual(open.body.data.reviewCases.edges.map((e: { node: { id: string } }) => e.node.id));
    expect((await queue('auditor', 'first: 10, filter: { assigneeId: "nobody-yet" }')).body.data.reviewCases.edges).toEqual([]);
  });

  test('R10 a case manager may not read the queue: FORBIDDEN with a reason, and the refusal is logged', async () => {
    const res = await s.gql('case-manager-a', '{ reviewCases(first: 5) { edges { node { id principalId } } } }',
      { purpose: 'DETENTION_MANAGEMENT', justification: 'queue by case manager' });
    expect(res.body.data?.reviewCases ?? null).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'oversight.case' });
    expect(await logRows('queue by case manager')).toEqual([expect.objectContaining({ outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', principal_id: 'case-manager-a' })]);
  });
});

describe('working a case: assignReviewCase, commentReviewCase, closeReviewCase (issue 20, R10)', () => {
  test('R10 every act on a case is an access-log row and a step of its history', async () => {
    const id = await openCase('medical-officer');
    const assigned = await act('dpo', `assignReviewCase(caseId: "${id}", assigneeId: "auditor")`, 'assign act');
    expect(assigned.body.errors).toBeUndefined();
    expect(assigned.body.data.assignReviewCase).toMatchObject({ assigneeId: 'auditor', status: 'OPEN' });
    const commented = await act('auditor', `commentReviewCase(caseId: "${id}", text: "Asked the unit head for the duty roster.")`, 'comment act');
    expect(commented.body.errors).toBeUndefined();
    const closed = await act('auditor', `closeReviewCase(caseId: "${id}", verdict: JUSTIFIED, note: "On duty that night; roster confirms.")`, 'close act');
    expect(closed.body.errors).toBeUndefined();
    expect(closed.body.data.closeReviewCase).toMatchObject({
      status: 'CLOSED', verdict: 'JUSTIFIED', note: 'On duty that night; roster confirms.', closedBy: 'auditor', closedAt: '2026-03-05T10:00:00.000Z', overdue: false,
      events: [
        { kind: 'OPENED', actorId: 'oversight', text: null },
        { kind: 'ASSIGNED', actorId: 'dpo', text: 'auditor' },
        { kind: 'COMMENTED', actorId: 'auditor', text: 'Asked the unit head for the duty roster.' },
        { kind: 'CLOSED', actorId: 'auditor', text: 'On duty that night; roster confirms.' },
      ],
    });
    for (const [justification, who] of [['assign act', 'dpo'], ['comment act', 'auditor'], ['close act', 'auditor']]) {
      const rows = await logRows(justification);
      expect(rows).toContainEqual({
        action: 'alter', outcome: 'GRANTED', reason: null, principal_id: who, subject_type: 'ReviewCase', subject_id: id, categories: ['oversight.case'],
      });
    }
  });

  test('R10 a case cannot close without a verdict (BAD_USER_INPUT naming verdict), nor without a note; it stays open', async () => {
    const id = await openCase('id-officer-undesignated');
    const noVerdict = await act('auditor', `closeReviewCase(caseId: "${id}", note: "no verdict")`, 'close without verdict');
    expect(noVerdict.body.data.closeReviewCase).toBeNull();
    expect(noVerdict.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'verdict' });
    const noNote = await act('auditor', `closeReviewCase(caseId: "${id}", verdict: UNJUSTIFIED)`, 'close without note');
    expect(noNote.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await s.sql('select status, verdict, closed_at from review_case where id = $1', [id])).toEqual([{ status: 'OPEN', verdict: null, closed_at: null }]);
    expect(await s.sql(`select count(*)::int as n from review_case_event where case_id = $1 and kind = 'CLOSED'`, [id])).toEqual([{ n: 0 }]);
  });

  test('R10 four eyes: nobody assigns, comments on or closes a case about themselves (FORBIDDEN, FOUR_EYES), and each refusal is logged', async () => {
    const id = await openCase('auditor');
    const refusals = [
      ['self assign', `assignReviewCase(caseId: "${id}", assigneeId: "dpo")`],
      ['self comment', `commentReviewCase(caseId: "${id}", text: "All fine.")`],
      ['self close', `closeReviewCase(caseId: "${id}", verdict: JUSTIFIED, note: "All fine.")`],
    ];
    for (const [justification, mutation] of refusals) {
      const res = await act('auditor', mutation, justification);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES', field: 'caseId' });
      expect(await logRows(justification)).toEqual([{
        action: 'alter', outcome: 'DENIED', reason: 'FOUR_EYES', principal_id: 'auditor', subject_type: 'ReviewCase', subject_id: id, categories: ['oversight.case'],
      }]);
    }
    // Nor is anyone assigned a case about their own conduct.
    const toSubject = await act('dpo', `assignReviewCase(caseId: "${id}", assigneeId: "auditor")`, 'assign to subject');
    expect(toSubject.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES', field: 'assigneeId' });
    expect(await s.sql('select status, assignee_id from review_case where id = $1', [id])).toEqual([{ status: 'OPEN', assignee_id: null }]);
    // Another reviewer may.
    const byDpo = await act('dpo', `closeReviewCase(caseId: "${id}", verdict: INCONCLUSIVE, note: "No roster kept for that week.")`, 'dpo closes');
    expect(byDpo.body.data.closeReviewCase).toMatchObject({ status: 'CLOSED', verdict: 'INCONCLUSIVE', closedBy: 'dpo' });
  });

  test('R10 a closed case takes no further acts; an assignee must be an active reviewer; an unknown case is named', async () => {
    const id = await openCase('case-manager-a');
    expect((await act('dpo', `closeReviewCase(caseId: "${id}", verdict: UNJUSTIFIED, note: "Read without a task.")`, 'close once')).body.errors).toBeUndefined();
    for (const mutation of [`commentReviewCase(caseId: "${id}", text: "late")`, `closeReviewCase(caseId: "${id}", verdict: JUSTIFIED, note: "again")`,
      `assignReviewCase(caseId: "${id}", assigneeId: "auditor")`]) {
      const res = await act('auditor', mutation, 'after close');
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    }
    expect(await s.sql('select verdict, closed_by from review_case where id = $1', [id])).toEqual([{ verdict: 'UNJUSTIFIED', closed_by: 'dpo' }]);
    const other = await openCase('intake-a');
    const notReviewer = await act('dpo', `assignReviewCase(caseId: "${other}", assigneeId: "case-manager-b")`, 'assign non reviewer');
    expect(notReviewer.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeId' });
    const unknown = await act('dpo', 'commentReviewCase(caseId: "00000000-0000-4000-8000-000000000000", text: "?")', 'unknown case');
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    const blank = await act('dpo', `commentReviewCase(caseId: "${other}", text: "  ")`, 'blank comment');
    expect(blank.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  test('R10 a case manager may not work a case: FORBIDDEN with a reason, logged, nothing changed', async () => {
    const res = await act('case-manager-a', `closeReviewCase(caseId: "${DEMO_REVIEW_CASE_ID}", verdict: JUSTIFIED, note: "mine to close")`,
      'case manager closes', 'DETENTION_MANAGEMENT');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE' });
    expect(await logRows('case manager closes')).toEqual([expect.objectContaining({ outcome: 'DENIED', principal_id: 'case-manager-a', subject_type: 'ReviewCase' })]);
    expect(await s.sql('select status from review_case where id = $1', [DEMO_REVIEW_CASE_ID])).toEqual([{ status: 'OPEN' }]);
  });
});
