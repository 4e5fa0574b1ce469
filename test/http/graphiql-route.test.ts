import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { graphiqlRoute } from '../../src/http/graphiql-route.js';
import { startTestServer } from '../support/server.js';

const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), AUDIT_SIGNING_KEY: randomBytes(32).toString('hex') };

/** The route alone over HTTP, on a build directory the test writes. */
async function serve(env: Record<string, string>, dist: string): Promise<{ url: string; server: Server }> {
  const route = graphiqlRoute(loadConfig(env), dist);
  const server = createServer((req, res) => {
    void route(req, res, (req.url ?? '/').split('?')[0]).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let dist: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'graphiql-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-AbCdEfGh.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'codicon-AbCdEfGh.ttf'), 'font');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('GET /graphiql (issue 21): development only', () => {
  test('in development: the page, its assets with their types, and a policy that loads nothing from another origin', async () => {
    const { url, server } = await serve({ NODE_ENV: 'development' }, dist);
    try {
      const redirect = await fetch(`${url}/graphiql`, { redirect: 'manual' });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.get('location')).toBe('/graphiql/');
      const page = await fetch(`${url}/graphiql/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toMatch(/^default-src 'self'/);
      expect(csp).not.toMatch(/https?:/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect((await fetch(`${url}/graphiql/assets/index-AbCdEfGh.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await fetch(`${url}/graphiql/assets/codicon-AbCdEfGh.ttf`)).headers.get('content-type')).toBe('font/ttf');
      expect((await fetch(`${url}/graphiql/assets/missing-00000000.js`)).status).toBe(404);
      expect((await fetch(`${url}/graphiql/..%2f..%2fpackage.json`)).status).toBe(404);
      expect((await fetch(`${url}/graphiql/`, { method: 'POST' })).status).toBe(405);
    } finally {
      server.close();
    }
  });

  test('in production mode: 404 for the page and every asset, although a build is on disk', async () => {
    const { url, server } = await serve(production, dist);
    try {
      for (const path of ['/graphiql', '/graphiql/', '/graphiql/index.html', '/graphiql/assets/index-AbCdEfGh.js']) {
        const res = await fetch(`${url}${path}`, { redirect: 'manual' });
        expect([path, res.status]).toEqual([path, 404]);
      }
    } finally {
      server.close();
    }
  });

  test('the app in production mode answers 404 at /graphiql/ and mints no development token', async () => {
    const s = await startTestServer({ env: production });
    try {
      expect((await fetch(`${s.url}/graphiql/`)).status).toBe(404);
      const token = await fetch(`${s.url}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"principalId":"dpo"}' });
      expect(token.status).toBe(404);
    } finally {
      await s.stop();
    }
  });
});
