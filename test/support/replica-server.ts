import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp, type App } from '../../src/app.js';
import { signToken } from '../../src/auth/tokens.js';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config.js';
import { openApiOrms, type ApiOrms } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import type { Answer } from './server.js';

/** The primary and hot standby of scripts/ci/replica.sh, when it ran (CI; locally: eval "$(scripts/ci/replica.sh start)"). */
export const replicaUrls = process.env.TEST_PRIMARY_URL && process.env.TEST_REPLICA_URL
  ? { primary: process.env.TEST_PRIMARY_URL, replica: process.env.TEST_REPLICA_URL } : null;

/** `describe` where the replica pair runs; else skipped, saying why. */
export function describeWithReplica(name: string, body: () => void): void {
  if (replicaUrls) return describe(name, body);
  describe.skip(`${name} (skipped: TEST_REPLICA_URL unset; run eval "$(scripts/ci/replica.sh start)")`, body);
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export interface ReplicaServer {
  url: string;
  orms: ApiOrms;
  primaryUrl: string;
  replicaUrl: string;
  gql(principalId: string, query: string, o?: { purpose?: string; variables?: Record<string, unknown> }): Promise<{ status: number; body: Answer }>;
  post(body: unknown, principalId: string): Promise<{ status: number; body: Answer }>;
  /** A statement as the owner on the primary, or as the superuser on the replica. */
  primary<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  replica<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Until the replica has replayed everything the primary flushed so far. */
  caughtUp(): Promise<void>;
  /** Stops or restarts WAL replay on the replica: the lag of a standby that fell behind. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/** The API on a fresh database of the replica pair's primary, with DATABASE_READ_URL on its standby, over HTTP. */
export async function startReplicaServer(): Promise<ReplicaServer> {
  if (!replicaUrls) throw new Error('TEST_PRIMARY_URL and TEST_REPLICA_URL are unset');
  const name = `ntk_replica_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: replicaUrls.primary });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const primaryUrl = withDatabase(replicaUrls.primary, name);
  const replicaUrl = withDatabase(replicaUrls.replica, name);
  await prepareDatabase(primaryUrl, { seed: true });

  const primaryClient = new pg.Client({ connectionString: primaryUrl });
  await primaryClient.connect();
  const run = (c: pg.Client) => async <R>(text: string, params?: unknown[]) => (await c.query(text, params)).rows as R[];
  const primary = run(primaryClient);
  // The database appears on the standby once replay passes its creation.
  let replicaClient: pg.Client | null = null;
  for (let i = 0; !replicaClient; i++) {
    const c = new pg.Client({ connectionString: replicaUrl });
    try {
      await c.connect();
      replicaClient = c;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const replica = run(replicaClient);
  const caughtUp = async () => {
    for (let i = 0; i < 200; i++) {
      const [{ lsn }] = await primary<{ lsn: string }>('select pg_current_wal_flush_lsn()::text as lsn');
      const [{ done }] = await replica<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn]);
      if (done) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the replica did not catch up');
  };
  await caughtUp();

  const orms = await openApiOrms({ databaseUrl: primaryUrl, poolMax: 10, appRole: 'ntk_app', readSessions: true, replicaUrl });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0' });
  const app: App = await createApp({ orm: orms.orm, readOrm: orms.readOrm, replicaOrm: orms.replicaOrm, policy: loadPolicy(defaultPolicyDir), config });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const post = async (body: unknown, principalId: string, headers: Record<string, string> = {}) => {
    const token = await signToken(principalId, { secret: DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    url, orms, primaryUrl, replicaUrl, primary, replica, caughtUp,
    gql: (principalId, query, o = {}) => post({ query, variables: o.variables }, principalId, o.purpose ? { 'x-purpose': o.purpose } : {}),
    post: (body, principalId) => post(body, principalId),
    async pauseReplay() { await replica('select pg_wal_replay_pause()'); },
    async resumeReplay() { await replica('select pg_wal_replay_resume()'); },
    async stop() {
      await replica('select pg_wal_replay_resume()').catch(() => undefined);
      await replicaClient.end();
      await primaryClient.end();
      await app.stop();
      await orms.close();
      const c = new pg.Client({ connectionString: replicaUrls.primary });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
