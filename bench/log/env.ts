import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchFailed, progress } from '../lib/runner.js';

/** Progress of `npm run bench:log`, on stderr. */
export const log = progress('bench:log');

/** The PostgreSQL server the benchmark runs on; there is no embedded fallback: pgbench needs a real server. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchFailed('bench:log needs DATABASE_URL, a PostgreSQL 15 server the login role may create databases on, ' +
      'e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:log');
  }
  return url;
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
