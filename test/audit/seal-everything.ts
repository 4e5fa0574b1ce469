import { sealAll } from '../../src/audit/sealer.js';
import type { TestServer } from '../support/server.js';

/**
 * Seals until every committed row is in a seal. The sealer seals only below the server's oldest
 * running transaction, in any database of the server: another test file's open transaction holds it
 * back for a while (docs/access-log.md), so this waits for it rather than seal part of the log.
 */
export async function sealEverything(s: TestServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sealAll(s.orm.em.fork(), new Date());
    const [{ n }] = await s.sql<{ n: number }>(`with head as (select last_tx, last_seq from access_log_seal order by position desc limit 1)
      select count(*)::int as n from access_log
      where (tx, seq) > (coalesce((select last_tx from head), '0'::xid8), coalesce((select last_seq from head), 0))`);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} rows still unsealed after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
