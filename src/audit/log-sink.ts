import type { EntityManager } from '@mikro-orm/postgresql';
import type { CollectedRow } from './collector.js';
import { buildEntries, type RequestMeta } from './entries.js';
import { GroupCommit } from './group-commit.js';
import { LogSession, writeEntries } from './writer.js';

/** Where a request's decisions go to become log rows; resolves once the rows are committed (fail-closed, R10). */
export interface LogSink {
  write(rows: CollectedRow[], meta: RequestMeta): Promise<void>;
  /** Gives back what the sink holds (a connection), once no request writes any more. */
  close?(): Promise<void>;
}

/**
 * The rows of a request that writes, inserted in its own transaction: they commit with what it
 * changed, or neither does.
 */
export const transactionLog = (em: EntityManager): LogSink => ({
  write: (rows, meta) => writeEntries(em, buildEntries(rows, meta)),
});

/**
 * The rows of read requests, group-committed (src/audit/group-commit.ts) apart from the read-only
 * sessions the requests read on. With `ownSession`, on a session of the write pool kept for it
 * (src/audit/writer.ts, LogSession: one round trip a batch); without, each batch borrows a pooled
 * connection for a transaction of its own. A pool of one connection (the embedded database) cannot
 * spare one for good. `em` gives the pool.
 */
export function groupCommittedLog(em: EntityManager, o: { ownSession: boolean; maxRows?: number }): LogSink {
  const session = o.ownSession ? new LogSession(em) : null;
  const commit = new GroupCommit((entries) => (session ? session.write(entries) : writeEntries(em, entries)), o.maxRows);
  return {
    // async: a row that cannot be built rejects the write like one that cannot be written.
    write: async (rows, meta) => commit.write(buildEntries(rows, meta)),
    close: async () => { await session?.close(); },
  };
}
