import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { runPrepared } from './prepared-statement.js';
import { rootFields } from './root-fields.js';

/**
 * Root query fields that read only the access log (auditors' searches and exports): the log is
 * append-only and nothing in it decides access, so a lagging replica only shows it as of a moment
 * earlier. Everything else a read may touch carries decision inputs (a person's restriction flag
 * and institution, R22, row conditions; the register), so it goes to the replica only when the
 * replica has caught up (below).
 */
export const LOG_ONLY_FIELDS: ReadonlySet<string> = new Set(['accessLog', 'accessLogCheckpoints', 'exportAccessLog']);

/** How long a replica that failed a check is left alone before it is tried again. */
const RETRY_AFTER_MS = 5_000;

/**
 * Chooses where a read request runs when DATABASE_READ_URL names a streaming replica. The caller,
 * the register entry and every other decision input were already read on the primary
 * (src/http/graphql-handler.ts), so a revocation counts from the next request whatever the replica's
 * lag (R11). Then:
 * - a request reading only the log runs on the replica, lag or not;
 * - any other read runs on the replica only if it has replayed the primary's WAL up to where it was
 *   flushed when the request began (a fence: `pg_last_wal_replay_lsn() >= pg_current_wal_flush_lsn()`),
 *   so it sees every commit acknowledged before the request, as the primary would; else on the primary.
 * A replica that cannot be reached is left for a few seconds and the primary serves meanwhile.
 */
export class ReplicaReads {
  private downUntil = 0;

  constructor(private readonly replica: MikroORM, private readonly now: () => number = Date.now) {}

  /** The session for a read: the replica's, or `primary` (the request's read-only session on the primary). */
  async sessionFor(body: { query?: unknown }, primary: EntityManager): Promise<EntityManager> {
    if (this.now() < this.downUntil) return primary;
    const fields = typeof body.query === 'string' ? rootFields(body.query) : null;
    const logOnly = fields !== null && fields.length > 0 && fields.every((f) => LOG_ONLY_FIELDS.has(f));
    const em = this.replica.em.fork();
    try {
      if (logOnly) {
        await runPrepared(em, 'replica_alive', 'select 1', []);
        return em;
      }
      const [{ lsn }] = await runPrepared<{ lsn: string }>(primary, 'primary_flush_lsn', 'select pg_current_wal_flush_lsn()::text as lsn', []);
      const [{ current }] = await runPrepared<{ current: boolean | null }>(em, 'replica_caught_up', 'select pg_last_wal_replay_lsn() >= ?::pg_lsn as current', [lsn]);
      return current === true ? em : primary;
    } catch (e) {
      this.downUntil = this.now() + RETRY_AFTER_MS;
      logger.warn({ code: (e as { code?: string }).code ?? (e instanceof Error ? e.name : 'unknown') }, 'read replica unreachable: reads go to the primary for a few seconds');
      return primary;
    }
  }
}
