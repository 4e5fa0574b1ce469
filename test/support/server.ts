import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../src/app.js';
import { signToken } from '../../src/auth/tokens.js';
import { defaultPolicyDir, loadPolicy, type Policy } from '../../src/authz/policy.js';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config.js';
import { openApiOrms } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import type { PersistedOperation } from '../../src/persisted/manifest.js';
import { freshDatabase, type TestDatabase } from './database.js';

export interface GqlOptions {
  purpose?: string;
  justification?: string;
  variables?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
}

/**
 * The `data` of a GraphQL answer as a test reads it: JSON whose shape the test's own assertions
 * check. Typing each query's answer would restate the schema in every test; this is the suite's
 * one `any`, and eslint.config.js lets tests read it without the no-unsafe-* rules.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Answer = any;

export interface GqlResult<T = Answer> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  orm: MikroORM;
  /** The read requests' ORM on a server (read-only sessions); none on the embedded database. */
  readOrm?: MikroORM;
  policy: Policy;
  token(principalId: string): Promise<string>;
  gql<T = Answer>(principalId: string | null, query: string, options?: GqlOptions): Promise<GqlResult<T>>;
  post(body: string, headers: Record<string, string>): Promise<Response>;
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  clock: { now: Date };
  stop(): Promise<void>;
}

/** A test that needs a PostgreSQL server (DATABASE_URL): skipped on the embedded database. */
export const onServer: typeof test = process.env.DATABASE_URL ? test : test.skip;

export interface TestServerOptions {
  /** Configuration variables over the test defaults, e.g. NODE_ENV=production with its keys. */
  env?: Record<string, string>;
  /** Persisted operations in place of schema/operations/manifest.json (e.g. imported into a temporary folder). */
  manifest?: Map<string, PersistedOperation>;
}

/** The real server over HTTP on a fresh database with the demo data, as `npm start` would run it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = await freshDatabase();
  await prepareDatabase(db.url, { seed: true });
  // As in production: the API logs in as the application role, which may not change log rows.
  // As npm start: read requests on read-only sessions, but on the embedded database.
  const orms = await openApiOrms({ databaseUrl: db.url, poolMax: db.real ? 10 : 1, appRole: db.real ? 'ntk_app' : undefined, readSessions: db.real });
  const { orm, readOrm } = orms;
  const policy = loadPolicy(defaultPolicyDir);
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', ...options.env });
  const clock = { now: new Date() };
  const app: App = await createApp({ orm, readOrm, policy, config, now: () => clock.now, manifest: options.manifest });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sqlClient = new pg.Client({ connectionString: db.url });
  await sqlClient.connect();
  let sqlQueue: Promise<unknown> = Promise.resolve();

  const token = (id: string) => signToken(id, { secret: config.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  return {
    url, db, orm, readOrm, policy, clock, token, post,
    async gql(principalId, query, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      const tok = o.token ?? (principalId ? await token(principalId) : undefined);
      if (tok) headers.authorization = `Bearer ${tok}`;
      if (o.purpose) headers['x-purpose'] = o.purpose;
      if (o.justification) headers['x-justification'] = o.justification;
      const res = await post(JSON.stringify({ query, variables: o.variables }), headers);
      return { status: res.status, body: await res.json() };
    },
    sql(text, params) {
      // One session (tests set roles and session settings), one statement at a time: pg deprecates
      // queueing a query on a client that is still busy.
      const run = sqlQueue.then(() => sqlClient.query(text, params));
      sqlQueue = run.then(() => undefined, () => undefined);
      return run.then((r) => r.rows);
    },
    async stop() {
      await sqlClient.end();
      await app.stop();
      await orms.close();
      await db.drop();
    },
  };
}

/** The errors of a result by path, for assertions: { 'person.medicalNotes': 'CATEGORY_NOT_IN_PURPOSE' }. */
export function deniedPaths(result: GqlResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of result.body.errors ?? []) {
    if (e.extensions?.code === 'FORBIDDEN') out[(e.path ?? []).join('.')] = e.extensions.reason as string;
  }
  return out;
}
