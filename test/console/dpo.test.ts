import { callApi, daysAgo } from './api.js';
import { openBrowser, openPage, screenshot, seriousViolations, signIn, startApp, type ConsoleBrowser, type RunningApp } from '../support/browser.js';

let app: RunningApp;
let b: ConsoleBrowser;
const ids: { overdue?: string; dueSoon?: string; restriction?: string } = {};

const OPEN = `mutation($input: OpenRightsRequestInput!) { openRightsRequest(input: $input) { id } }`;
const verification = { method: 'IN_PERSON_AT_INSTITUTION', reference: 'visit log 2026/117', verifiedBy: 'case-manager-b', verifiedAt: daysAgo(40) };
const open = async (personId: string, kind: string, receivedDaysAgo: number) =>
  (await callApi(app, 'dpo', OPEN, { purpose: 'SUBJECT_RIGHTS', justification: 'rights desk setup',
    variables: { input: { personId, kind, receivedAt: daysAgo(receivedDaysAgo), verification } } })).openRightsRequest!.id!;

beforeAll(async () => {
  app = await startApp();
  b = await openBrowser(app);
  // R23: received five weeks ago, so past its four weeks; another due in three days.
  ids.overdue = await open('person-a1', 'ACCESS', 35);
  ids.dueSoon = await open('person-a2', 'RECTIFICATION', 25);
  // R21: person-b1's data went to the municipality; a granted restriction leaves it to be notified.
  await callApi(app, 'case-manager-b', `mutation($input: Disclose18bInput!) { disclose18b(input: $input) { id } }`, {
    purpose: 'RISK_DISCLOSURE_18B', justification: 'release 2026-12', variables: { input: {
      personId: 'person-b1', recipientClientId: 'municipality-x', categories: ['identity.name', 'criminal.risk_assessment'],
      motivation: 'Release without a conditional framework; real risk of a serious violent offence (art. 18b Wsb).' } },
  });
  ids.restriction = await open('person-b1', 'RESTRICTION', 3);
  await callApi(app, 'dpo', `mutation($id: ID!) { resolveRightsRequest(id: $id, outcome: GRANTED, answer: "Restricted as asked.") { id } }`,
    { purpose: 'SUBJECT_RIGHTS', justification: 'rights desk setup', variables: { id: ids.restriction } });
  await callApi(app, 'dpo', `mutation($input: RecordBreachInput!) { recordBreach(input: $input) { id } }`, {
    purpose: 'SUPERVISION_AUDIT', justification: 'breach desk setup', variables: { input: {
      description: 'A printed list of detainees was left on a train.', discoveredAt: daysAgo(2), occurredAt: daysAgo(3),
      dataCategories: ['identity.name'], personsAffectedCount: 2, measures: 'List recovered; printing disabled.',
      reportedToAuthority: true, reportedAt: daysAgo(1) } },
  });
  await signIn(b.page, app, 'dpo');
}, 240_000);
afterAll(async () => {
  await b?.close();
  await app?.stop();
});

const row = (id: string) => b.page.locator(`[data-testid="rights-requests"] tr[data-request-id="${id}"]`);

describe('the DPO pages (issue 21)', () => {
  test('R23 the DPO sees the overdue request marked, first, and the one due in three days marked due this week', async () => {
    await openPage(b.page, 'Rights requests', { purpose: 'SUBJECT_RIGHTS', justification: 'weekly deadline review' });
    await row(ids.overdue!).waitFor();
    await expect(row(ids.overdue!).getAttribute('data-urgency')).resolves.toBe('overdue');
    await expect(row(ids.overdue!).getByTestId('overdue').textContent()).resolves.toBe('Overdue');
    await expect(row(ids.dueSoon!).getAttribute('data-urgency')).resolves.toBe('this-week');
    await expect(row(ids.dueSoon!).textContent()).resolves.toContain('Due this week');
    const order = await b.page.locator('[data-testid="rights-requests"] tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-request-id')));
    expect(order.slice(0, 2)).toEqual([ids.overdue, ids.dueSoon]);
    await screenshot(b.page, 'dpo-rights-requests');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R23 the DPO extends a term with the notice to the requester', async () => {
    const r = row(ids.dueSoon!);
    await r.getByText('Extend…').click();
    await r.getByLabel(/Weeks to add/).selectOption('2');
    await r.getByLabel(/Notice to the requester/).fill('The records of two institutions must be gathered.');
    await r.getByRole('button', { name: 'Extend and send the notice' }).click();
    await r.getByText(/6 weeks/).waitFor();
    await expect(r.textContent()).resolves.toContain('The records of two institutions must be gathered.');
    const [stored] = await app.sql<{ status: string }>(`select status from rights_request where id = $1`, [ids.dueSoon]);
    expect(stored.status).toBe('EXTENDED');
  });

  test('R21 recipients to notify: the municipality is listed, and marking the notice sent records it', async () => {
    const table = b.page.getByTestId('recipients-to-notify');
    await table.getByText('municipality-x').waitFor();
    await screenshot(b.page, 'dpo-recipients-to-notify');
    await table.getByRole('button', { name: 'Mark sent: the notice to municipality-x' }).click();
    await b.page.getByText('No notice is waiting.').waitFor();
    const [n] = await app.sql<{ status: string; sent_by: string }>(`select status, sent_by from rights_notification where request_id = $1`, [ids.restriction]);
    expect(n).toEqual({ status: 'SENT', sent_by: 'dpo' });
  });

  test('R25 the breach register shows the breach, reported within 72 hours', async () => {
    await openPage(b.page, 'Breaches', { purpose: 'SUPERVISION_AUDIT', justification: 'breach register review' });
    await b.page.getByTestId('breaches').getByText('A printed list of detainees was left on a train.').waitFor();
    await expect(b.page.getByTestId('breaches').textContent()).resolves.toContain('within 72 hours');
    await screenshot(b.page, 'dpo-breaches');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R19 the register with its versions, and its export downloads as a document', async () => {
    await openPage(b.page, 'Register');
    await b.page.getByRole('heading', { name: /MEDICAL_CARE/ }).waitFor();
    expect(await b.page.getByTestId('register-record').count()).toBeGreaterThanOrEqual(6);
    await b.page.getByText(/Version 1, 1 version in its history/).first().click();
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByRole('button', { name: 'Export the register' }).click()]);
    expect(download.suggestedFilename()).toBe('processing-register.json');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path, 'utf8')).toContain('MEDICAL_CARE');
    await b.page.getByTestId('register-exported').waitFor();
    await screenshot(b.page, 'dpo-register');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R6, R7 designations and pledges: the designated identification officers are listed, and the pledges in force', async () => {
    // The purpose declared for the breach register (SUPERVISION_AUDIT) serves this page too: not asked again.
    await openPage(b.page, 'Designations and pledges');
    await b.page.getByTestId('designations-current').getByText('id-officer', { exact: true }).waitFor();
    // R7: the pledges in force: the designated officer's, not the one who never signed.
    await b.page.getByTestId('pledges-current').getByText('id-officer', { exact: true }).waitFor();
    await expect(b.page.getByTestId('pledges-current').textContent()).resolves.not.toContain('id-officer-nopledge');
    await screenshot(b.page, 'dpo-designations');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('no request left for another origin', () => {
    expect(b.foreignRequests).toEqual([]);
  });
});
