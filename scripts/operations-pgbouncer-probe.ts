import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { signToken } from '../src/auth/tokens.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config.js';
import { openApiOrms } from '../src/db/orm.js';
import { prepareDatabase } from '../src/db/prepare.js';

/**
 * npx tsx scripts/operations-pgbouncer-probe.ts — what a connection pooler in front of PostgreSQL does to the API
 * (docs/operations.md, "Pooling"). DATABASE_URL is the server itself, as the owner; PROBE_VIA lists
 * the URLs to try, comma-separated, each a pooler's address for the database `ntk_pgb_probe` (its
 * pgbouncer.ini names the pool mode per database alias). The database is made afresh with the demo
 * data, then for each URL: the session-level settings the API relies on, and a slice of the API
 * (reads and writes through the real HTTP server) with the outcome of every request counted.
 */
const direct = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const via = (process.env.PROBE_VIA ?? '').split(',').filter(Boolean);
const CLIENTS = Number(process.env.PROBE_CLIENTS ?? 20);
const REQUESTS = Number(process.env.PROBE_REQUESTS ?? 30);
const DB = 'ntk_pgb_probe';

const withDb = (url: string, db: string) => { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); };

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: direct });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

/** Named prepared statements on several clients whose transactions share fewer server connections. */
async function preparedStatements(url: string) {
  const clients = await Promise.all(Array.from({ length: 8 }, async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); return c; }));
  const errors = new Map<string, number>();
  let ok = 0;
  await Promise.all(clients.map(async (c, i) => {
    for (let k = 0; k < 20; k++) {
      try {
        await c.query({ name: 'probe_statement', text: 'select $1::int as n from pg_sleep(0.001)', values: [i] });
        ok++;
      } catch (e) {
        const code = (e as { code?: string }).code ?? 'unknown';
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }
  }));
  await Promise.all(clients.map((c) => c.end()));
  return { ok, errors: Object.fromEntries(errors) };
}

/** A session made read-only (as the API's read sessions are): do other clients' transactions inherit it? */
async function sessionSettings(url: string) {
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  await reader.query('set session characteristics as transaction read only');
  const others = await Promise.all(Array.from({ length: 8 }, async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); return c; }));
  let inherited = 0;
  for (let k = 0; k < 5; k++) {
    const seen = await Promise.all(others.map((c) => c.query<{ ro: string }>("select current_setting('default_transaction_read_only') as ro").then((r) => r.rows[0].ro)));
    inherited += seen.filter((ro) => ro === 'on').length;
  }
  const readerStill = (await reader.query<{ ro: string }>("select current_setting('default_transaction_read_only') as ro")).rows[0].ro;
  await Promise.all([reader, ...others].map((c) => c.end()));
  return { otherClientsReadOnly: `${inherited} of ${others.length * 5}`, readerStillReadOnly: readerStill === 'on' };
}

/** The API on `url`: reads and writes over HTTP, each outcome counted, and the log rows compared with the answers. */
async function apiSlice(url: string, label: string) {
  const orms = await openApiOrms({ databaseUrl: url, poolMax: 10, appRole: 'ntk_app', readSessions: true });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0' });
  const app = await createApp({ orm: orms.orm, readOrm: orms.readOrm, policy: loadPolicy(defaultPolicyDir), config });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const sign = (id: string) => signToken(id, { secret: config.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const tokens = { read: await sign('case-manager-a'), write: await sign('intake-a') };
  const outcomes = new Map<string, number>();
  let answered = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    for (let k = 0; k < REQUESTS; k++) {
      const write = (c + k) % 5 === 0;
      const body = write
        ? { query: `mutation { registerDetainee(input: { surname: "Probe", givenNames: "P${c}x${k}", institution: "A", admittedAt: "2026-11-20T08:00:00Z", capture: { deviceReference: "LIVESCAN-A-01", capturedAt: "2026-11-20T08:05:00Z" } }) { id } }` }
        : { query: '{ person(id: "person-a1") { surname } }' };
      const res = await fetch(endpoint, {
        method: 'POST', body: JSON.stringify(body),
        headers: {
          'content-type': 'application/json', authorization: `Bearer ${write ? tokens.write : tokens.read}`,
          'x-purpose': write ? 'IDENTIFICATION_OF_DETAINEES' : 'DETENTION_MANAGEMENT', 'x-justification': `pgbouncer probe ${label}`,
        },
      });
      const json = await res.json() as { errors?: { extensions?: { code?: string } }[] };
      const key = `${write ? 'write' : 'read'} ${res.status} ${json.errors?.[0]?.extensions?.code ?? 'ok'}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (res.status === 200 && !json.errors) answered++;
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  await app.stop();
  await orms.close();
  const c = new pg.Client({ connectionString: withDb(direct, DB) });
  await c.connect();
  const { rows } = await c.query<{ requests: string }>(`select count(distinct request_id)::text as requests from access_log where justification = $1`, [`pgbouncer probe ${label}`]);
  await c.end();
  return { requests: CLIENTS * REQUESTS, answered, loggedRequests: Number(rows[0].requests), perSecond: Math.round((CLIENTS * REQUESTS) / seconds), outcomes: Object.fromEntries([...outcomes].sort()) };
}

await admin(`drop database if exists ${DB} with (force)`);
await admin(`create database ${DB}`);
try {
  await prepareDatabase(withDb(direct, DB), { seed: true });
  for (const url of [withDb(direct, DB), ...via]) {
    const label = new URL(url).port + new URL(url).pathname;
    console.log(`\n== ${label}`);
    console.log('named prepared statements:', JSON.stringify(await preparedStatements(url)));
    console.log('session settings:', JSON.stringify(await sessionSettings(url)));
    try {
      console.log('API slice:', JSON.stringify(await apiSlice(url, label), null, 1));
    } catch (e) {
      // The probe's own database holds only the demo data: its messages may be shown.
      console.log('API slice failed:', (e as { code?: string }).code, e instanceof Error ? e.message : String(e));
    }
  }
} finally {
  await admin(`drop database if exists ${DB} with (force)`);
}
