import type { EntityManager } from '@mikro-orm/postgresql';
import type { DecisionCollector } from './collector.js';
import { buildEntries, type RequestMeta } from './entries.js';
import { GroupCommit } from './group-commit.js';
import { writeEntries } from './writer.js';

/** Where a read request's decisions go to be logged; resolves once their rows are committed. */
export interface ReadLog {
  write(decisions: Pick<DecisionCollector, 'rows'>, meta: RequestMeta): Promise<void>;
}

/**
 * The read requests' log: each request's decisions become hashed rows (src/audit/entries.ts), and
 * the rows are group-committed (src/audit/group-commit.ts) on a connection of the write pool, apart
 * from the read-only sessions the request read on. `em` is used for its connection only.
 */
export function groupCommittedLog(em: EntityManager, maxRows?: number): ReadLog {
  const commit = new GroupCommit((entries) => writeEntries(em, entries), maxRows);
  // async: a row that cannot be built rejects the write like one that cannot be written.
  return { write: async (decisions, meta) => commit.write(buildEntries(decisions.rows(), meta)) };
}
