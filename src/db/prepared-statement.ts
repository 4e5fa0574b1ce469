import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `text` (with `?` placeholders) as the named prepared statement `name`, in the entity
 * manager's transaction when it has one: PostgreSQL parses and plans it once per connection. A name
 * must always stand for the same text. Returns the rows.
 */
export async function runPrepared<R = Record<string, unknown>>(
  em: EntityManager, name: string, text: string, values: readonly unknown[],
): Promise<R[]> {
  const query = em.getConnection().getKnex().raw(text, values as never[]).options({ name });
  const trx = em.getTransactionContext();
  const result = (await (trx ? query.transacting(trx) : query)) as { rows: R[] };
  return result.rows;
}
