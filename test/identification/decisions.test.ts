import { spawnSync } from 'node:child_process';
import { runRetention } from '../../src/retention/run.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';
import { answer, answerRow, decide, register } from './flow.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const DAY = 86_400_000;
const at = (iso: string) => { s.clock.now = new Date(iso); };
const retention = (iso: string) => runRetention(s.orm, new Date(iso), s.policy.revision);

describe('R8 the human decision on a match', () => {
  test('R3 R8 sufficient agreement: decided by the designated officer, answer data erased at once, only the fingerprint reference kept', async () => {
    at('2026-11-01T10:00:00Z');
    const id = await register(s, 'Agreement', '2026-11-01T09:00:00Z');
    await answer(s, id, true, 'AFIS-500001');
    const res = await decide(s, 'id-officer', id, 'SUFFICIENT_AGREEMENT', 'decision 1');
    expect(res.body.data.decideIdentification).toMatchObject({ status: 'AGREED', decidedBy: 'id-officer' });
    expect(await answerRow(s, id)).toMatchObject({
      pv_references: [], identities: [], fingerprint_reference: 'AFIS-500001', erased_at: expect.any(Date), status: 'AGREED', person_reference: 'AFIS-500001',
    });
    const rows = await s.sql(`select action, subject_type, principal_id from access_log where justification = 'decision 1' and action <> 'consult' order by action`);
    expect(rows).toEqual([
      { action: 'alter', subject_type: 'VerificationRequest', principal_id: 'id-officer' },
      { action: 'erase', subject_type: 'VerificationAnswer', principal_id: 'id-officer' },
    ]);
  });

  test('R6 R7 the undesignated and the unpledged officer are refused with the matching reason, and nothing changes', async () => {
    at('2026-11-02T10:00:00Z');
    const id = await register(s, 'Refused', '2026-11-02T09:00:00Z');
    await answer(s, id, true, 'AFIS-500002');
    const undesignated = await decide(s, 'id-officer-undesignated', id, 'SUFFICIENT_AGREEMENT');
    expect(undesignated.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_DESIGNATED' });
    const unpledged = await decide(s, 'id-officer-nopledge', id, 'SUFFICIENT_AGREEMENT');
    expect(unpledged.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONFIDENTIALITY_PLEDGE' });
    const intake = await decide(s, 'intake-a', id, 'SUFFICIENT_AGREEMENT');
    expect(intake.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE' });
    expect(await answerRow(s, id)).toMatchObject({ status: 'ANSWERED', pv_references: ['PV-2020-100'], erased_at: null, person_reference: null });
  });

  test('a decision on a request that is not answered yet is BAD_USER_INPUT naming the argument', async () => {
    const id = await register(s, 'Unanswered', '2026-11-02T09:30:00Z');
    const res = await decide(s, 'id-officer', id, 'SUFFICIENT_AGREEMENT');
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision' });
  });
});

describe('R3 retention timers, driven by the clock', () => {
  test('R3 a match left undecided: the answer data are erased 15 days after receipt, not a day earlier', async () => {
    at('2026-10-01T12:00:00Z');
    const id = await register(s, 'Fifteen', '2026-10-01T11:00:00Z');
    await answer(s, id, true, 'AFIS-500003');
    await retention(new Date(Date.parse('2026-10-01T12:00:00Z') + 15 * DAY - 60_000).toISOString());
    expect((await answerRow(s, id)).erased_at).toBeNull();
    await retention(new Date(Date.parse('2026-10-01T12:00:00Z') + 15 * DAY).toISOString());
    expect(await answerRow(s, id)).toMatchObject({ pv_references: [], identities: [], fingerprint_reference: 'AFIS-500003', erased_at: expect.any(Date) });
    const [row] = await s.sql(`select action, principal_id, principal_category, categories from access_log
      where action = 'erase' and principal_id = 'retention' and subject_type = 'VerificationAnswer' order by seq desc limit 1`);
    expect(row).toEqual({ action: 'erase', principal_id: 'retention', principal_category: 'system:none@retention-job', categories: ['identification.verification_result'] });
  });

  test('R3 insufficient agreement: an investigation runs; at the latest 3 months after the query only the fingerprint reference is kept', async () => {
    at('2026-06-10T10:00:00Z');
    const id = await register(s, 'Investigation', '2026-06-10T09:00:00Z');
    await answer(s, id, true, 'AFIS-500004');
    const res = await decide(s, 'id-officer', id, 'ADMINISTRATIVE_INVESTIGATION');
    expect(res.body.data.decideIdentification.status).toBe('UNDER_INVESTIGATION');
    // Past the 15 days, the investigation keeps the answer.
    await retention('2026-07-10T00:00:00Z');
    expect((await answerRow(s, id)).erased_at).toBeNull();
    await retention('2026-09-10T08:59:00Z');
    expect((await answerRow(s, id)).erased_at).toBeNull();
    await retention('2026-09-10T09:00:00Z');
    expect(await answerRow(s, id)).toMatchObject({ status: 'CLOSED', pv_references: [], erased_at: expect.any(Date), person_reference: 'AFIS-500004' });
  });

  test('R3 closing the investigation erases the answer data at once', async () => {
    at('2026-11-03T10:00:00Z');
    const id = await register(s, 'Closed', '2026-11-03T09:00:00Z');
    await answer(s, id, true, 'AFIS-500005');
    await decide(s, 'id-officer', id, 'ADMINISTRATIVE_INVESTIGATION');
    const res = await decide(s, 'id-officer', id, 'INVESTIGATION_CLOSED');
    expect(res.body.data.decideIdentification.status).toBe('CLOSED');
    expect(await answerRow(s, id)).toMatchObject({ erased_at: expect.any(Date), person_reference: 'AFIS-500005' });
  });

  test('R3 no match: the reference the national database assigned is kept and the federal police is informed', async () => {
    at('2026-11-04T10:00:00Z');
    const id = await register(s, 'Nomatch', '2026-11-04T09:00:00Z');
    const res = await answer(s, id, false, 'ANG-2026-000123');
    expect(res.status).toBe('CLOSED');
    expect(await answerRow(s, id)).toMatchObject({ person_reference: 'ANG-2026-000123', status: 'CLOSED' });
    const [personId] = (await s.sql('select person_id from verification_request where id = $1', [id])).map((r) => r.person_id);
    const notices = await s.sql(`select action, recipient_id, recipient_category, categories from access_log where person_id = $1 and action = 'disclose'`, [personId]);
    expect(notices).toContainEqual({ action: 'disclose', recipient_id: 'federal-police', recipient_category: 'police',
      categories: ['biometric.fingerprint_reference', 'identity.name'] });
  });

  test('R3 R5 the retention run is safe to repeat and to run concurrently, and never shortens the log', async () => {
    at('2026-01-01T10:00:00Z');
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const id = await register(s, `Batch${i}`, '2026-01-01T09:00:00Z');
      await answer(s, id, true, `AFIS-6000${i}`);
      ids.push(id);
    }
    const [{ n: logBefore }] = await s.sql<{ n: number }>('select count(*)::int as n from access_log');
    const [a, b] = await Promise.all([retention('2026-03-01T00:00:00Z'), retention('2026-03-01T00:00:00Z')]);
    expect(a.answersErased + b.answersErased).toBeGreaterThanOrEqual(4);
    const again = await retention('2026-03-01T00:00:00Z');
    expect(again.answersErased).toBe(0);
    for (const id of ids) expect((await answerRow(s, id)).erased_at).not.toBeNull();
    const erased = await s.sql(`select subject_id, count(*)::int as n from access_log where action = 'erase' and principal_id = 'retention' group by subject_id having count(*) > 1`);
    expect(erased).toEqual([]);
    const [{ n: logAfter }] = await s.sql<{ n: number }>('select count(*)::int as n from access_log');
    expect(logAfter).toBeGreaterThan(logBefore);
  });

  onServer('R3 npm run retention takes the clock it is given', async () => {
    at('2026-02-01T10:00:00Z');
    const id = await register(s, 'Command', '2026-02-01T09:00:00Z');
    await answer(s, id, true, 'AFIS-700001');
    const run = (now: string) => spawnSync('npx', ['tsx', 'scripts/retention.ts', '--now', now], {
      env: { ...process.env, DATABASE_URL: s.db.url, NODE_OPTIONS: '' }, encoding: 'utf8',
    });
    const early = run('2026-02-05T00:00:00Z');
    expect(early.status).toBe(0);
    expect(JSON.parse(early.stdout.trim().split('\n').pop()!)).toMatchObject({ answersErased: 0 });
    const due = run('2026-02-17T00:00:00Z');
    expect(JSON.parse(due.stdout.trim().split('\n').pop()!).answersErased).toBeGreaterThanOrEqual(1);
    expect((await answerRow(s, id)).erased_at).not.toBeNull();
  });
});
