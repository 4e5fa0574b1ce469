import type { MikroORM } from '@mikro-orm/postgresql';
import { openApiOrms, type ApiOrms } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { freshDatabase, type TestDatabase } from '../../test/support/database.js';
import { withClient } from '../lib/pg.js';
import { StatementCounter } from '../lib/statements.js';

/** Synthetic persons at institution A, after the demo persons in id order ('person-s0001' ...). */
export const SYNTHETIC_PERSONS = 300;

export interface BenchDatabase {
  db: TestDatabase;
  orm: MikroORM;
  /** Read-only sessions for read requests (src/db/orm.ts), on a server; none on PGlite. */
  readOrm?: MikroORM;
  counter: StatementCounter;
  /** "PostgreSQL 15.2 server ..." or "embedded PGlite ...". */
  description: string;
  stop(): Promise<void>;
}

/**
 * A fresh database (a new one on the DATABASE_URL server, else in-memory PGlite), prepared as
 * `npm start` does (migrations, demo data, log partitions), plus the synthetic persons; then the
 * ORMs all servers share (writes, and on a server read-only sessions for reads), with a statement
 * counter, acting as the application role on a server.
 */
export async function setupDatabase(appRole: string): Promise<BenchDatabase> {
  const db = await freshDatabase();
  const counter = new StatementCounter();
  let orms: ApiOrms | undefined;
  try {
    await prepareDatabase(db.url, { seed: true });
    const version = await addSyntheticData(db.url);
    // As npm start; as test/support/server.ts, PGlite is one backend behind its socket: one connection,
    // no SET ROLE, no read-only sessions.
    orms = await openApiOrms({
      databaseUrl: db.url, poolMax: db.real ? 10 : 1, appRole: db.real ? appRole || undefined : undefined, readSessions: db.real,
    }, { loggerFactory: counter.loggerFactory });
    const description = db.real
      ? `PostgreSQL ${version} server (DATABASE_URL; a fresh database; the API as role ${appRole || '(login role)'}; ` +
        'a pool of 10 for writes and the log, one of 10 read-only sessions for reads)'
      : `embedded PGlite, PostgreSQL ${version}, in memory, in the same process (one pooled connection)`;
    const opened = orms;
    return {
      db, orm: opened.orm, readOrm: opened.readOrm, counter, description,
      async stop() {
        await opened.close();
        await db.drop();
      },
    };
  } catch (e) {
    await orms?.close();
    await db.drop();
    throw e;
  }
}

/** Invented persons, each with one open placement at A and one active dossier; returns the server version. */
function addSyntheticData(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const n = SYNTHETIC_PERSONS;
    const id = `'person-s' || lpad(i::text, 4, '0')`;
    await client.query(`
      insert into person (id, surname, given_names, aliases, sex, birth_date, nationality, national_register_number,
                          current_institution, address, risk_assessment)
      select ${id}, 'Synthetic-' || i, 'Given-' || i, '{}', case when i % 2 = 0 then 'F' else 'M' end,
             date '1970-01-01' + (i * 37) % 15000, 'NL', lpad((900000000 + i)::text, 9, '0'),
             'A', 'Bench street ' || i, 'Synthetic assessment ' || i
      from generate_series(1, ${n}) as i`);
    await client.query(`
      insert into placement (id, person_id, institution, admitted_at, detention_title)
      select gen_random_uuid(), ${id}, 'A', timestamptz '2025-01-01 08:00:00+00' + i * interval '1 hour', 'custodial sentence'
      from generate_series(1, ${n}) as i`);
    await client.query(`
      insert into dossier (id, person_id, status)
      select 'dossier-s' || lpad(i::text, 4, '0'), ${id}, 'ACTIVE'
      from generate_series(1, ${n}) as i`);
    await client.query('analyze');
    return (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
  });
}
