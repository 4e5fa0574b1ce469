import { openBrowser, openPage, screenshot, seriousViolations, signIn, startApp, type ConsoleBrowser, type RunningApp } from '../support/browser.js';

let app: RunningApp;
let b: ConsoleBrowser;
beforeAll(async () => {
  app = await startApp();
  b = await openBrowser(app);
  await signIn(b.page, app, 'case-manager-a');
}, 240_000);
afterAll(async () => {
  await b?.close();
  await app?.stop();
});

const field = (name: string) => b.page.getByTestId('person-fields').locator(`dd[data-field="${name}"]`);

describe('the person page for front-end teams, driven by myRules (issue 21)', () => {
  test('R12 a case manager under DETENTION_MANAGEMENT: the health field is denied with CATEGORY_NOT_IN_PURPOSE, without being asked', async () => {
    await openPage(b.page, 'Person', { purpose: 'DETENTION_MANAGEMENT', justification: 'person page FE-77' });
    await b.page.getByLabel('Person id').fill('person-a1');
    await b.page.getByRole('button', { name: 'Show' }).click();
    await field('name').getByText('Jansen Pieter').waitFor();
    await expect(field('health').getAttribute('data-state')).resolves.toBe('denied-by-rules');
    await expect(field('health').locator('.reason').textContent()).resolves.toBe('CATEGORY_NOT_IN_PURPOSE');
    await expect(field('placement').textContent()).resolves.toContain('A, admitted');
    await screenshot(b.page, 'person');
    expect(await seriousViolations(b.page)).toEqual([]);
    // Not asked: the log has the read of the name, and no decision at all about health in this request.
    const rows = await app.sql<{ categories: string[]; outcome: string }>(
      `select categories, outcome from access_log where justification = 'person page FE-77' and person_id = 'person-a1'`);
    expect(rows.flatMap((r) => r.categories)).toContain('identity.name');
    expect(rows.flatMap((r) => r.categories)).not.toContain('health');
  });

  test('R22 a denial the API still answers is shown with its reason: a restricted person', async () => {
    await b.page.getByLabel('Person id').fill('person-restricted');
    await b.page.getByRole('button', { name: 'Show' }).click();
    await field('name').and(b.page.locator('[data-state="denied-by-api"]')).waitFor();
    await expect(field('name').locator('.reason').textContent()).resolves.toBe('RESTRICTED');
    await expect(field('restriction').textContent()).resolves.toContain('restricted since');
    await expect(field('health').locator('.reason').textContent()).resolves.toBe('CATEGORY_NOT_IN_PURPOSE');
    await screenshot(b.page, 'person-restricted');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('no request left for another origin', () => {
    expect(b.foreignRequests).toEqual([]);
  });
});
