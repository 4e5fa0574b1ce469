import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `text` (with `?` placeholders) as the named prepared statement `name`, in the entity
 * manager's transaction when it has one: PostgreSQL parses and plans it once per connection. A name
 * must always stand for the same text. Outside a transaction, a `read` goes to the read-only pool
 * when there is one (src/db/orm.ts). Returns the rows.
 */
export async function runPrepared<R = Record<string, unknown>>(
  em: EntityManager, name: string, text: string, values: readonly unknown[], type: 'read' | 'write' = 'write',
): Promise<R[]> {
  const trx = em.getTransactionContext();
  const query = em.getConnection(trx ? 'write' : type).getKnex().raw(text, values as never[]).options({ name });
  const result = (await (trx ? query.transacting(trx) : query)) as { rows: R[] };
  return result.rows;
}
