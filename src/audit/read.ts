import type { EntityManager } from '@mikro-orm/postgresql';
import { AccessLogEntry, entryFromRow } from './AccessLogEntry.js';

/**
 * Log rows for the auditor resolvers, as plain objects: the rows are only read, so they skip the
 * ORM's entity creation, identity map and change check at commit, which cost more than the search
 * itself on a page of rows (bench/log-results.md).
 */
export async function readLogRows(
  em: EntityManager, where: object, order: 'asc' | 'desc', limit: number,
): Promise<AccessLogEntry[]> {
  const rows = await em.createQueryBuilder(AccessLogEntry)
    .select('*').where(where as never).orderBy({ seq: order }).limit(limit)
    .execute<Record<string, unknown>[]>('all', false);
  return rows.map(entryFromRow);
}
