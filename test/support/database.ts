import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';

export interface TestDatabase {
  url: string;
  /** True on a real PostgreSQL server (DATABASE_URL), false on the embedded one. */
  real: boolean;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a new database on the DATABASE_URL server (CI, local
 * PostgreSQL), or an in-memory embedded PostgreSQL when DATABASE_URL is unset.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded: EmbeddedDatabase = await startEmbeddedDatabase(null);
    return { url: embedded.url, real: false, drop: () => embedded.stop() };
  }
  const name = `ntk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    real: true,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
