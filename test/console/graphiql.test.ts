import { AxeBuilder } from '@axe-core/playwright';
import { openBrowser, screenshot, startApp, type ConsoleBrowser, type RunningApp } from '../support/browser.js';

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

describe('GraphiQL for front-end teams (issue 21, development only)', () => {
  test('R10, R12 GraphiQL runs a query with the pre-filled token, x-purpose and x-justification, and shows the answer with its denial', async () => {
    const { page } = b;
    await page.goto(`${app.url}/graphiql/`);
    const headers = page.getByRole('form', { name: 'Request headers' });
    await headers.getByLabel('Principal').selectOption('case-manager-a');
    await headers.getByLabel('Purpose (x-purpose)').selectOption('DETENTION_MANAGEMENT');
    await headers.getByLabel('Justification (x-justification)').fill('ticket FE-21 GraphiQL check');
    await headers.getByRole('button', { name: 'Fill the headers' }).click();
    // The header editor shows what will be sent.
    await page.locator('.graphiql-editor-tool').getByText('x-justification').first().waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.result-window');
    await response.getByText('Jansen').first().waitFor({ timeout: 30_000 });
    await response.getByText('CATEGORY_NOT_IN_PURPOSE').first().waitFor();
    await screenshot(page, 'graphiql');
    // The request carried the three headers: its log row names the principal, the purpose and the justification.
    const rows = await app.sql<{ principal_id: string; purpose: string }>(
      `select principal_id, purpose from access_log where justification = 'ticket FE-21 GraphiQL check' and person_id = 'person-a1'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toEqual({ principal_id: 'case-manager-a', purpose: 'DETENTION_MANAGEMENT' });
  });

  // GraphiQL's tab bar (its own markup, upstream) puts each tab's close button inside the element
  // with role=tab: axe's nested-interactive. Everything else on the page, editors included, is checked.
  test('axe-core finds no serious or critical violation on the GraphiQL page (but in GraphiQL\'s own tab bar)', async () => {
    const result = await new AxeBuilder({ page: b.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .exclude('.graphiql-tabs').analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });

  test('no request left for another origin (no CDN: Monaco and its workers come from the build)', () => {
    expect(b.foreignRequests).toEqual([]);
  });
});
