import type { Knex, MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { registry } from './registry.js';

/** A scrape never waits long for the database: past this, the figures are missing and ntk_access_log_lag_query_ok is 0. */
const QUERY_TIMEOUT_MS = 1_000;
/** Unsealed rows are counted up to this many: a backlog beyond it is an alert whatever its size, and counting it would be slow. */
const COUNT_CAP = 100_000;

/**
 * Rows after the newest seal (the sealer's own condition, on the (tx, seq) index), the age of the
 * oldest of them, and the age of the newest signed checkpoint. Times are the database's.
 */
const LAG = `with head as (select last_tx, last_seq from access_log_seal order by position desc limit 1),
unsealed as (
  select l.at from access_log l
  where (l.tx, l.seq) > (coalesce((select last_tx from head), '0'::xid8), coalesce((select last_seq from head), 0))
  limit ${COUNT_CAP}
)
select (select count(*) from unsealed)::int as unsealed,
  extract(epoch from now() - (select min(at) from unsealed))::float8 as oldest_unsealed_age,
  extract(epoch from now() - (select signed_at from access_log_checkpoint order by position desc limit 1))::float8 as checkpoint_age`;

interface Lag {
  unsealed: number;
  oldest_unsealed_age: number | null;
  checkpoint_age: number | null;
}

let source: MikroORM | null = null;
let pending: Promise<Lag | null> | null = null;

/** The ORM the scrape asks (read-only sessions serve: the query only reads). */
export function watchSealLag(orm: MikroORM): () => void {
  source = orm;
  return () => {
    if (source === orm) source = null;
  };
}

async function queryLag(orm: MikroORM): Promise<Lag> {
  return orm.em.fork().transactional(async (em) => {
    const conn = em.getConnection();
    const trx = em.getTransactionContext<Knex.Transaction>();
    await conn.execute(`set local statement_timeout = ${QUERY_TIMEOUT_MS}`, [], 'run', trx);
    const [row] = await conn.execute<Lag[]>(LAG, [], 'all', trx);
    return row;
  });
}

/** One query per scrape, shared by the gauges below; null when it failed or took too long. */
function lag(): Promise<Lag | null> {
  if (!source) return Promise.resolve(null);
  if (!pending) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), QUERY_TIMEOUT_MS * 2); });
    pending = Promise.race([queryLag(source).catch(() => null), timeout]).finally(() => {
      clearTimeout(timer);
      pending = null;
    });
  }
  return pending;
}

const gauge = (name: string, help: string, pick: (l: Lag) => number | null) => new Gauge({
  name, help, registers: [registry],
  async collect() {
    const l = await lag();
    this.reset();
    const value = l ? pick(l) : null;
    if (value !== null) this.set(value);
  },
});

new Gauge({
  name: 'ntk_access_log_lag_query_ok', help: 'Whether the scrape could read the seal lag and checkpoint age (1) or not (0)', registers: [registry],
  async collect() {
    this.set((await lag()) ? 1 : 0);
  },
});
gauge('ntk_access_log_unsealed_rows', `Committed log rows not yet sealed into the hash chain (counted up to ${COUNT_CAP})`, (l) => l.unsealed);
gauge('ntk_access_log_oldest_unsealed_age_seconds', 'Age of the oldest row not yet sealed (0 when none)', (l) => l.oldest_unsealed_age ?? 0);
gauge('ntk_access_log_checkpoint_age_seconds', 'Age of the newest signed checkpoint (absent when there is none)', (l) => l.checkpoint_age);
