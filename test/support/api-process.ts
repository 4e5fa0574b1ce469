import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { signToken } from '../../src/auth/tokens.js';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config.js';

/** An API process as `npm start` runs it (src/main.ts), on a database the test prepared. */
export interface ApiProcess {
  url: string;
  /** The application log so far (pino JSON lines). */
  log(): string[];
  /** A development token naming the principal. */
  token(principalId: string): Promise<string>;
  /** POST /graphql as a principal (development tokens), with the purpose header if given. */
  gql(principalId: string, query: string, purpose?: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Starts src/main.ts in a process of its own with `env` over a quiet development configuration; resolves once it answers. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const { NODE_OPTIONS: _jestOptions, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => { exited = true; done(); }));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`the API process ended before it answered:\n${lines.join('\n')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API process did not answer within 180 s:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const token = (principalId: string) => signToken(principalId, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'need-to-know-api', audience: 'need-to-know-api' });
  return {
    url,
    token,
    log: () => [...lines],
    async gql(principalId, query, purpose) {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await token(principalId)}` };
      if (purpose) headers['x-purpose'] = purpose;
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
      return { status: res.status, headers: res.headers, body: await res.json() as Record<string, unknown> };
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killed);
    },
  };
}
