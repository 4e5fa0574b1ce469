import type { EntityManager } from '@mikro-orm/postgresql';

/** What runPrepared needs of a knex client: its pool, or a transaction's one connection. */
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}
interface PgConnection {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}
type WithClient = { client: KnexClient };

/** `?` placeholders as PostgreSQL's `$1, $2, …` (a `\?` stays a question mark), once per statement. */
const numberedTexts = new Map<string, string>();
function numbered(text: string): string {
  let out = numberedTexts.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/(\\*)\?/g, (_match, escapes: string) => (escapes.length % 2 ? '?' : `${escapes}$${++n}`));
    numberedTexts.set(text, out);
  }
  return out;
}

/**
 * Runs `text` (with `?` placeholders) as the named prepared statement `name`, in the entity
 * manager's transaction when it has one: PostgreSQL parses and plans it once per connection. A name
 * must always stand for the same text. Returns the rows.
 *
 * The statement goes to the pg connection as it is: these statements run on every request (the
 * principal, the register entry, the log's INSERT), and knex's query builder, placeholder rewriting
 * and events would cost more than the statement takes to send.
 */
export async function runPrepared<R = Record<string, unknown>>(
  em: EntityManager, name: string, text: string, values: readonly unknown[],
): Promise<R[]> {
  const trx = em.getTransactionContext<WithClient>();
  const knex = em.getConnection().getKnex() as unknown as WithClient;
  const client = (trx ?? knex).client;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text: numbered(text), values })).rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
}
