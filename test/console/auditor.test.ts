import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyExport } from '../../src/audit/offline-verify.js';
import { DEVELOPMENT_AUDIT_SEED, publicKeyPemOf } from '../../src/audit/signing.js';
import { parseTrustedKeys } from '../../src/audit/trusted-keys.js';
import {
  openBrowser, openPage, outputDir, recordFigure, screenshot, seriousViolations, signIn, startApp, type ConsoleBrowser, type RunningApp,
} from '../support/browser.js';

let app: RunningApp;
let b: ConsoleBrowser;
beforeAll(async () => {
  app = await startApp();
  b = await openBrowser(app);
}, 180_000);
afterAll(async () => {
  await b?.close();
  await app?.stop();
});

const AUDIT = { purpose: 'SUPERVISION_AUDIT', justification: 'supervision file 2026-17' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A read of a person by a case manager, through the API as any client would make it. */
async function caseManagerReads(personId: string, justification: string): Promise<void> {
  const { token } = await (await fetch(`${app.url}/console/dev-token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ principalId: 'case-manager-a' }),
  })).json() as { token: string };
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'DETENTION_MANAGEMENT', 'x-justification': justification },
    body: JSON.stringify({ query: `{ person(id: "${personId}") { surname } }` }),
  });
  expect((await res.json() as { data: { person: { surname: string } } }).data.person.surname).toBeTruthy();
}

describe('the auditor\'s pages (issue 21, R10)', () => {
  let readRowId: string;

  test('R10 the auditor finds by person the row of a read just made, and opens it', async () => {
    await caseManagerReads('person-a1', 'dossier 4711 review');
    await signIn(b.page, app, 'auditor');
    await openPage(b.page, 'Access log', AUDIT);
    await b.page.getByLabel('Person id').fill('person-a1');
    await b.page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = b.page.getByTestId('log-results');
    const row = results.locator('tr', { hasText: 'case-manager-a' }).first();
    await row.waitFor();
    readRowId = (await row.getAttribute('data-row-id'))!;
    expect(await row.textContent()).toContain('consult');
    const ms = Number(await results.getAttribute('data-search-ms'));
    recordFigure('access-log search, click to rows (demo data)', ms, 'ms');
    await row.getByRole('button', { name: /^Details/ }).click();
    const detail = b.page.getByTestId('row-detail');
    await expect(detail.textContent()).resolves.toContain('dossier 4711 review');
    await screenshot(b.page, 'access-log');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R10 an export of the filtered range downloads and verifies offline', async () => {
    // Up to now: rows of before are sealed and checkpointed by the time of the export (CHECKPOINT_INTERVAL_MS=1000 in the harness).
    const until = await b.page.evaluate(() => {
      const d = new Date(Date.now() - 1000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    });
    await wait(2500);
    await openPage(b.page, 'Integrity');
    await b.page.locator('#f-to').fill(until);
    const download = b.page.waitForEvent('download');
    await b.page.getByRole('button', { name: 'Download the export' }).click();
    const file = join(outputDir, 'access-log-export.jsonl');
    await (await download).saveAs(file);
    await b.page.getByTestId('export-done').waitFor();
    const report = verifyExport(readFileSync(file, 'utf8'), { publicKeys: parseTrustedKeys(publicKeyPemOf(DEVELOPMENT_AUDIT_SEED)), maxAgeMs: 90_500 });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(0);
    await screenshot(b.page, 'integrity-export');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R10 verification shows the log intact, then broken at the row a superuser changed', async () => {
    await b.page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(b.page.getByTestId('verification').getAttribute('data-ok')).resolves.toBe('true');
    await screenshot(b.page, 'integrity-ok');
    // The table refuses changes to every role that cannot disable triggers; a superuser can.
    await app.sql('begin');
    await app.sql('set local session_replication_role = replica');
    await app.sql(`update access_log set justification = 'nothing to see' where id = $1`, [readRowId]);
    await app.sql('commit');
    await b.page.getByRole('button', { name: 'Verify', exact: true }).click();
    await b.page.getByTestId('verification').and(b.page.locator('[data-ok="false"]')).waitFor();
    await expect(b.page.getByTestId('first-broken').textContent()).resolves.toBe(readRowId);
    await screenshot(b.page, 'integrity-broken');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R10 plots: reads per day per principal, denials per reason, a principal against its baseline', async () => {
    await openPage(b.page, 'Plots');
    await b.page.getByRole('button', { name: 'Draw' }).click();
    await expect(b.page.getByTestId('plot-rows').textContent()).resolves.toMatch(/^[1-9]\d* rows drawn/);
    // Reads and the baseline are drawn; denials too, or "No denial in this range" when there is none.
    const figures = b.page.locator('.plot > [role="img"]');
    await figures.nth(1).waitFor();
    const denials = await b.page.getByText('No denial in this range.').count();
    expect(await figures.count()).toBe(denials ? 2 : 3);
    await screenshot(b.page, 'plots');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R10 oversight: the review queue shows the demo data\'s open case about case-manager-b', async () => {
    await openPage(b.page, 'Oversight');
    await b.page.getByTestId('review-cases').locator('tr', { hasText: 'case-manager-b' }).first().waitFor();
    await screenshot(b.page, 'oversight');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('R12 a case manager opening the audit pages sees FORBIDDEN with its reason', async () => {
    await b.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(b.page, app, 'case-manager-a');
    await openPage(b.page, 'Access log', { purpose: 'SUPERVISION_AUDIT', justification: 'curious' });
    await b.page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = b.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/FORBIDDEN — reason PURPOSE_NOT_ALLOWED_FOR_ROLE/);
    await screenshot(b.page, 'access-log-forbidden');
    expect(await seriousViolations(b.page)).toEqual([]);
    await openPage(b.page, 'Integrity');
    await expect(b.page.getByRole('alert').first().textContent()).resolves.toMatch(/FORBIDDEN — reason/);
  });

  test('no request left for another origin', () => {
    expect(b.foreignRequests).toEqual([]);
  });
});
