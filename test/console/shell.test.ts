import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDistDir } from '../../src/http/console-route.js';
import { openBrowser, recordFigure, screenshot, seriousViolations, signIn, startApp, type ConsoleBrowser, type RunningApp } from '../support/browser.js';

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

describe('the console shell (issue 21)', () => {
  test('npm start serves /console with a strict content security policy, and a page path falls back to the app', async () => {
    const res = await fetch(`${app.url}/console/access-log`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(await res.text()).toContain('<div id="root">');
    expect((await fetch(`${app.url}/console/assets/missing-00000000.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/console/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  test('sign-in page: a demo principal is picked, its token minted outside production, kept in the tab only', async () => {
    await b.page.goto(`${app.url}/console/`);
    await b.page.getByRole('heading', { name: 'Sign in to the need-to-know console' }).waitFor();
    await screenshot(b.page, 'sign-in');
    expect(await seriousViolations(b.page)).toEqual([]);
    await signIn(b.page, app, 'auditor');
    expect(await b.page.evaluate(() => localStorage.length)).toBe(0);
    expect(await b.page.evaluate(() => Object.keys(sessionStorage))).toContain('ntk-console-session');
    await b.page.getByRole('link', { name: 'Who am I', exact: true }).first().click();
    await expect(b.page.getByTestId('me-id').textContent()).resolves.toBe('auditor');
    await screenshot(b.page, 'me');
    expect(await seriousViolations(b.page)).toEqual([]);
  });

  test('the console\'s JavaScript is at most 300 kB gzipped', () => {
    const assets = join(consoleDistDir, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
    recordFigure('console JavaScript, gzipped', Math.round(gz / 1024), 'kB');
    expect(gz).toBeLessThanOrEqual(300 * 1024);
  });

  test('no request left for another origin', () => {
    expect(b.foreignRequests).toEqual([]);
  });
});
