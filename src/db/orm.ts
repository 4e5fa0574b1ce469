import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { domainEntities } from '../domain/entities.js';
import { auditEntities } from '../audit/entities.js';
import { reviewCaseEntities } from '../oversight/cases/entities.js';
import { oversightSignalEntities } from '../oversight/signals/entities.js';
import { migrationsList } from '../../migrations/index.js';
import { oneQueryAtATime } from './one-query-at-a-time.js';

export interface OrmOptions {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
  /**
   * Role the pooled connections log in as, in place of the user of `databaseUrl` (R5, R10): the
   * application role's grants — INSERT and SELECT on the access log, no UPDATE or DELETE — are then
   * all the session has. A session that logged in as the owner and only `SET ROLE`d could `RESET ROLE`
   * from any SQL it runs (issue 16, finding 14). See `appRoleUrl` for the password.
   */
  appRole?: string;
  /**
   * Sessions that can only read (SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY): the ORM of
   * read requests, which run their statements without BEGIN and COMMIT, two round trips fewer, and
   * still cannot write, whatever they call. Not with the embedded database: its one backend is
   * shared by every connection.
   */
  readOnly?: boolean;
}

type PoolConnection = { query(...args: unknown[]): unknown };

/** Each new pooled connection queues its queries (one at a time), after running `sql` if any. */
const onConnect = (sql: string | null) => (conn: PoolConnection, done: (err: unknown, conn: PoolConnection) => void) => {
  oneQueryAtATime(conn);
  if (sql) conn.query(sql, (err: unknown) => done(err, conn));
  else done(null, conn);
};

export function ormConfig({ databaseUrl, poolMax = 10, debug = false, appRole, readOnly = false }: OrmOptions): Options {
  const afterCreate = onConnect(readOnly ? 'set session characteristics as transaction read only' : null);
  return {
    clientUrl: appRole ? appRoleUrl(databaseUrl, appRole) : databaseUrl,
    entities: [...domainEntities, ...auditEntities, ...reviewCaseEntities, ...oversightSignalEntities],
    extensions: [Migrator],
    // Migrations are listed in code, not globbed, so they run the same from tsx, jest and a bundle.
    migrations: { migrationsList, path: 'migrations', pathTs: 'migrations', transactional: true, snapshot: false, silent: true },
    pool: { min: 0, max: poolMax, afterCreate },
    discovery: { warnWhenNoEntities: true },
    // Yearly (formerly monthly) partitions of the access log and the two that catch other times are made by the
    // database, not by entities; the *_v1 tables keep the chain of before Migration20261123000700.
    schemaGenerator: { skipTables: [/^access_log_(before|after|default|\d{4}|\d{4}_\d{2}|chain_v1|checkpoint_v1)$/] },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug,
  };
}

/**
 * The owner's URL with the user swapped to the application role and the owner's password dropped:
 * the password then comes from PGPASSWORD or ~/.pgpass, or the server trusts the connection (a
 * local development server). Production sets DATABASE_APP_URL with the role's own password instead.
 */
export function appRoleUrl(databaseUrl: string, role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** The API's ORMs: writes and the log, and on a PostgreSQL server read-only sessions for reads. */
export interface ApiOrms {
  orm: MikroORM;
  /** Read-only sessions on the primary: the caller, the register and reads that must be current. */
  readOrm?: MikroORM;
  /** Read-only sessions on a streaming replica (DATABASE_READ_URL), chosen per request by src/db/replica-reads.ts. */
  replicaOrm?: MikroORM;
  close(): Promise<void>;
}

/**
 * Opens the API's ORMs on one pool setting. `readSessions` is false on the embedded database (its
 * one backend is shared by every connection); read requests then run in a READ ONLY transaction.
 * `extra` goes into both configurations (e.g. a logger of one's own, such as a statement counter).
 */
export async function openApiOrms(
  { readSessions, replicaUrl, ...pool }: Omit<OrmOptions, 'readOnly'> & { readSessions: boolean; replicaUrl?: string }, extra: Partial<Options> = {},
): Promise<ApiOrms> {
  const orm = await MikroORM.init({ ...ormConfig(pool), ...extra });
  let readOrm: MikroORM | undefined;
  let replicaOrm: MikroORM | undefined;
  try {
    if (readSessions) readOrm = await MikroORM.init({ ...ormConfig({ ...pool, readOnly: true }), ...extra });
    // The replica's roles are the primary's (physical replication): the same login as the primary's.
    if (readSessions && replicaUrl) replicaOrm = await MikroORM.init({ ...ormConfig({ ...pool, databaseUrl: replicaUrl, readOnly: true }), ...extra });
  } catch (e) {
    await readOrm?.close();
    await orm.close();
    throw e;
  }
  return {
    orm, readOrm, replicaOrm,
    async close() {
      await replicaOrm?.close();
      await readOrm?.close();
      await orm.close();
    },
  };
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().getPendingMigrations()).length;
}
