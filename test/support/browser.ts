import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import pg from 'pg';
import { freshDatabase, type TestDatabase } from './database.js';

const root = new URL('../../', import.meta.url).pathname;
export const outputDir = join(root, 'test-output');
const screenshotDir = join(outputDir, 'screenshots');
const figuresFile = join(outputDir, 'console-figures.json');

/** The app as `npm start` runs it (prestart build included), on a fresh database of the PostgreSQL server. */
export interface RunningApp {
  url: string;
  db: TestDatabase;
  /** Superuser SQL on the app's database (tampering tests, looking up rows). */
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm start was not ready within 120 s:\n${output()}`);
}

/**
 * `npm start` (its prestart step builds the console when its sources changed) against a new database
 * on DATABASE_URL, on a free port; `env` over the defaults. Stopped with SIGTERM to its process group.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!process.env.DATABASE_URL) throw new Error('The browser tests need DATABASE_URL (a PostgreSQL server)');
  const db = await freshDatabase();
  const port = await freePort();
  let out = '';
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, NODE_OPTIONS: '', DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'warn',
      SEAL_INTERVAL_MS: '200', CHECKPOINT_INTERVAL_MS: '1000', ...env,
    },
  });
  const keep = (b: Buffer) => { out = (out + b.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stopChild = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 10_000); })]);
    clearTimeout(timer);
    if (child.exitCode === null) {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    }
  };
  try {
    await waitReady(url, child, () => out);
  } catch (e) {
    await stopChild();
    await db.drop();
    throw e;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    url, db,
    async sql(text, params) {
      return (await client.query(text, params)).rows;
    },
    async stop() {
      await client.end();
      await stopChild();
      await db.drop();
    },
  };
}

/** Debian's Chromium (`command -v chromium`): Playwright's own browser download is unreachable here. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
}

export interface ConsoleBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page made to another origin than the app's: the console must make none. */
  foreignRequests: string[];
  close(): Promise<void>;
}

/** Headless Chromium on a laptop-sized window (1366×768), recording any request to another origin. */
export async function openBrowser(app: RunningApp): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const origin = new URL(app.url).origin;
  const foreignRequests: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreignRequests.push(u);
  });
  const page = await context.newPage();
  return { browser, context, page, foreignRequests, close: () => browser.close() };
}

/** Signs in through the development picker, as a person would. */
export async function signIn(page: Page, app: RunningApp, principalId: string): Promise<void> {
  await page.goto(`${app.url}/console/`);
  await page.getByRole('radio', { name: new RegExp(`^${principalId} `) }).check();
  await page.getByRole('button', { name: `Sign in as ${principalId}` }).click();
  await page.getByTestId('principal').filter({ hasText: principalId }).waitFor();
}

/** Opens a console page by its navigation link and, when asked, declares purpose and justification. */
export async function openPage(page: Page, title: string, declare?: { purpose: string; justification: string }): Promise<void> {
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: title, exact: true }).click();
  if (declare) {
    await page.getByLabel('Purpose (processing activity)').selectOption(declare.purpose);
    await page.getByLabel('Justification (case, dossier or ticket)').fill(declare.justification);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
}

/** A full-page screenshot in test-output/screenshots/ (not committed). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Records a measured figure in test-output/console-figures.json and prints it (measured, reported, never a timed assertion). */
export function recordFigure(name: string, value: number | string, unit: string): void {
  mkdirSync(outputDir, { recursive: true });
  let figures: Record<string, { value: number | string; unit: string; at: string }> = {};
  try {
    figures = JSON.parse(readFileSync(figuresFile, 'utf8')) as typeof figures;
  } catch {
    // first figure
  }
  figures[name] = { value, unit, at: new Date().toISOString() };
  writeFileSync(figuresFile, JSON.stringify(figures, null, 2) + '\n');
  console.log(`console figure: ${name} = ${value} ${unit}`);
}
