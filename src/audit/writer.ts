import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { AccessLogEntry } from './AccessLogEntry.js';
import { errorCode } from '../db/error-code.js';
import { isDataError, logHealth } from './health.js';
import { logSettings } from './settings.js';

/**
 * Writes log rows with one statement, of one request or of several (src/audit/group-commit.ts), in
 * the caller's transaction if it has one: a mutation's rows commit with its data or not at all
 * (fail-closed). The commit never waits on the hash chain: the row's `tx` column (default: the
 * writing transaction) is all the sealer needs. What a request shares travels once per request
 * (subscripted by the row's request number), what differs per row as parallel arrays (`u`); the
 * lists of field and of category names, mostly alike across a request's rows, travel once each.
 * The row's time, sequence number and transaction are the database's: the application role may not
 * write those columns (Migration20261205000100).
 */
const INSERT = `insert into access_log (id, request_id, action, outcome, reason, principal_id, principal_category, client,
    recipient_id, recipient_category, purpose, processing_record_version, justification, subject_type, subject_id,
    person_id, fields, categories, operation_name, operation_id, policy_revision, hash, mac)
  select u.id, (?::text[])[u.r], u.action, u.outcome, u.reason, (?::text[])[u.r], (?::text[])[u.r],
    (?::text[])[u.r], u.recipient_id, u.recipient_category, (?::text[])[u.r], (?::int[])[u.r], (?::text[])[u.r],
    u.subject_type, u.subject_id, u.person_id, string_to_array((?::text[])[u.f], E'\\x1f'), string_to_array((?::text[])[u.c], E'\\x1f'),
    (?::text[])[u.r], (?::text[])[u.r], (?::text[])[u.r], u.hash, u.mac
  from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])
    as u(id, r, action, outcome, reason, recipient_id, recipient_category, subject_type, subject_id, person_id, f, c, hash, mac)`;

/** Every answer writes rows: PostgreSQL parses and plans the statement once per connection. */
const PREPARED = 'access_log_insert_v2';
let placeholder = 0;
const INSERT_NUMBERED = INSERT.replace(/\?/g, () => `$${++placeholder}`);

/** Field and category names, one string per row (names never hold the unit separator). */
const SEPARATOR = '\x1f';
function joinNames(names: readonly string[]): string {
  if (names.some((n) => n.includes(SEPARATOR))) throw new Error('access log: a field or category name holds a control character');
  return names.join(SEPARATOR);
}

/** The distinct values, and each value's number in them (1-based, as SQL arrays). */
function dictionary(values: readonly string[]): { distinct: string[]; numbers: number[] } {
  const index = new Map<string, number>();
  const numbers = values.map((v) => {
    let n = index.get(v);
    if (n === undefined) index.set(v, (n = index.size + 1));
    return n;
  });
  return { distinct: [...index.keys()], numbers };
}

/** Do two rows share the columns that travel once per request (always so for the rows of one request)? */
const sameRequest = (a: AccessLogEntry, b: AccessLogEntry) => a.requestId === b.requestId &&
  a.principalId === b.principalId && a.principalCategory === b.principalCategory && a.client === b.client && a.purpose === b.purpose &&
  a.processingRecordVersion === b.processingRecordVersion && a.justification === b.justification &&
  a.operationName === b.operationName && a.operationId === b.operationId && a.policyRevision === b.policyRevision;

/**
 * Writes the rows, with lock and statement timeouts of AUDIT_WRITE_TIMEOUT_MS: a log that is locked
 * or stalled fails the request closed within that bound instead of holding it (issue 16, finding 6).
 * In the caller's transaction (a mutation) they are `SET LOCAL` before the INSERT; without one the
 * INSERT gets a transaction of its own to carry them (the group commit has a session of its own
 * instead, `LogSession`, where they are set once).
 */
export async function writeEntries(em: EntityManager, entries: readonly AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const values = insertValues(entries);
  const timeouts = timeoutSettings('local');
  const trx = em.getTransactionContext<WithClient>();
  const knex = em.getConnection().getKnex() as unknown as WithClient;
  const client = (trx ?? knex).client;
  const connection = await client.acquireConnection();
  try {
    if (trx) {
      await connection.query(timeouts);
      await connection.query({ name: PREPARED, text: INSERT_NUMBERED, values });
    } else {
      await connection.query(`begin; ${timeouts}`);
      try {
        await connection.query({ name: PREPARED, text: INSERT_NUMBERED, values });
        await connection.query('commit');
      } catch (e) {
        await connection.query('rollback').catch(() => undefined);
        throw e;
      }
    }
    logHealth.written();
  } catch (e) {
    logHealth.failed(e);
    throw e;
  } finally {
    await client.releaseConnection(connection);
  }
}

const timeoutSettings = (scope: 'local' | 'session') => {
  const ms = logSettings().writeTimeoutMs;
  const set = scope === 'local' ? 'set local' : 'set';
  return `${set} lock_timeout = ${ms}; ${set} statement_timeout = ${ms}`;
};

/**
 * The group commit's own session: a connection of the write pool kept for it, its timeouts set once,
 * each batch one INSERT that commits by itself (one round trip a batch). The group commit writes one
 * batch at a time, so one connection is all it needs. A failure of the log's own (a timeout, a lost
 * connection) gives the connection back to the pool, its settings reset; the next batch takes another.
 */
export class LogSession {
  private connection: Promise<PgConnection> | null = null;
  private readonly client: KnexClient;

  constructor(em: EntityManager) {
    this.client = (em.getConnection().getKnex() as unknown as WithClient).client;
  }

  async write(entries: readonly AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values = insertValues(entries);
    const connection = await (this.connection ??= this.open());
    try {
      await connection.query({ name: PREPARED, text: INSERT_NUMBERED, values });
      logHealth.written();
    } catch (e) {
      logHealth.failed(e);
      // A refused row leaves the session as it was; anything else may have broken it.
      if (!isDataError(errorCode(e) ?? '')) await this.close();
      throw e;
    }
  }

  /** Gives the connection back to the pool (at shutdown, or after a failure), its settings reset. */
  async close(): Promise<void> {
    const held = this.connection;
    this.connection = null;
    const connection = held ? await held.catch(() => null) : null;
    if (!connection) return;
    await connection.query('reset lock_timeout; reset statement_timeout').catch(() => undefined);
    await this.client.releaseConnection(connection);
  }

  private async open(): Promise<PgConnection> {
    const connection = await this.client.acquireConnection();
    try {
      await connection.query(timeoutSettings('session'));
      return connection;
    } catch (e) {
      this.connection = null;
      await this.client.releaseConnection(connection);
      throw e;
    }
  }
}

/** What writeEntries needs of a knex client: its pool, or a transaction's one connection (as src/db/prepared-statement.ts). */
interface PgConnection {
  query(config: string | { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}
interface KnexClient { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> }
type WithClient = { client: KnexClient };

/** The INSERT's parameters: per request what the rows share, per row what differs. */
function insertValues(entries: readonly AccessLogEntry[]): unknown[] {
  // Request number (1-based, as SQL arrays) of each row; rows of one request arrive together.
  const heads: AccessLogEntry[] = [];
  const numbers = entries.map((e) => {
    const last = heads[heads.length - 1];
    if (last && sameRequest(last, e)) return heads.length;
    const known = heads.findIndex((h) => sameRequest(h, e));
    if (known >= 0) return known + 1;
    heads.push(e);
    return heads.length;
  });
  const perRequest = (f: (e: AccessLogEntry) => string | number | null | undefined) => pgArray(heads.map(f));
  const perRow = (f: (e: AccessLogEntry) => string | null | undefined) => pgArray(entries.map(f));
  const fields = dictionary(entries.map((e) => joinNames(e.fields)));
  const categories = dictionary(entries.map((e) => joinNames(e.categories)));
  return [
    perRequest((e) => e.requestId), perRequest((e) => e.principalId),
    perRequest((e) => e.principalCategory), perRequest((e) => e.client), perRequest((e) => e.purpose),
    perRequest((e) => e.processingRecordVersion), perRequest((e) => e.justification),
    pgArray(fields.distinct), pgArray(categories.distinct),
    perRequest((e) => e.operationName), perRequest((e) => e.operationId), perRequest((e) => e.policyRevision),
    perRow((e) => e.id), pgArray(numbers), perRow((e) => e.action), perRow((e) => e.outcome), perRow((e) => e.reason),
    perRow((e) => e.recipientId), perRow((e) => e.recipientCategory), perRow((e) => e.subjectType), perRow((e) => e.subjectId),
    perRow((e) => e.personId), pgArray(fields.numbers), pgArray(categories.numbers), perRow((e) => e.hash), perRow((e) => e.mac),
  ];
}
