import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const started = Date.now();

/** Progress on stderr, so stdout carries the report only. */
export const log = (msg: string) => console.error(`[bench:log ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

/** A failure the run cannot recover from, with a message that is safe to print (no data, no SQL parameters). */
export class BenchFailed extends Error {}

/** The PostgreSQL server the benchmark runs on; there is no embedded fallback: pgbench needs a real server. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchFailed('bench:log needs DATABASE_URL, a PostgreSQL 15 server the login role may create databases on, ' +
      'e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:log');
  }
  return url;
}

/** The same server, another database. */
export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a client, runs `fn`, always closes it. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** pgbench on PATH, else next to pg_config's binaries (Debian keeps them in /usr/lib/postgresql/N/bin). */
export function pgbenchBinary(): string {
  const onPath = (process.env.PATH ?? '').split(':').map((d) => join(d, 'pgbench')).find((p) => existsSync(p));
  if (onPath) return onPath;
  try {
    const bindir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(bindir, 'pgbench'))) return join(bindir, 'pgbench');
  } catch {
    // No pg_config either: reported below.
  }
  throw new BenchFailed('pgbench not found on PATH nor in $(pg_config --bindir); install the PostgreSQL client tools (e.g. postgresql-client-15)');
}

/** Seconds since `start` (a Date.now() value). */
export const secondsSince = (start: number) => (Date.now() - start) / 1000;
