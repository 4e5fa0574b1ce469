import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Embedded PostgreSQL for `npm start` without DATABASE_URL: PGlite served over the wire protocol,
 * so the application talks to it through `pg` exactly as to a server. See docs/embedded-mode.md
 * for what it does not guarantee.
 */
export async function startEmbeddedDatabase(dataDir: string | null, maxConnections = 4): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Without a folder (tests with no DATABASE_URL) the database lives in memory.
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgresql://postgres:postgres@${conn}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
