import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, finding 9 (R5, R10): the application role can no longer choose a log row's time or its
 * place in the chain, and rows it did not get from the API can be told apart.
 * - `at` is the database's: the time of the INSERT statement, to the millisecond (the canonical form
 *   and JavaScript dates carry milliseconds). `ntk_app` may INSERT only the columns the API writes,
 *   so `at`, `seq` and `tx` always take their defaults (column privileges: nothing per row to run).
 * - `mac`: a keyed MAC of the row's hash by the API (src/audit/row-mac.ts), checked by verifyAccessLog.
 * - Seals of format 2 chain each row's time and sequence number besides its hash (the row hash no
 *   longer covers `at`, which the API does not know): `entry_ats`, and a digest over
 *   `hash|at|seq` lines. The rows logged so far are sealed here in format 1, as the sealer did.
 * Run with the API stopped, as every migration: a row an older API commits after this point is
 * sealed in format 2 and reported.
 */
export class Migration20261205000100_access_log_database_time extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table access_log add column mac text;`);
    this.addSql(`alter table access_log alter column at set default date_trunc('milliseconds', statement_timestamp());`);
    this.addSql(`revoke insert on access_log from ntk_app;`);
    this.addSql(`grant insert (id, request_id, action, outcome, reason, principal_id, principal_category, client, recipient_id,
      recipient_category, purpose, processing_record_version, justification, subject_type, subject_id, person_id, fields,
      categories, operation_name, operation_id, policy_revision, hash, mac) on access_log to ntk_app;`);

    this.addSql(`alter table access_log_seal add column format smallint not null default 1;`);
    this.addSql(`alter table access_log_seal add column entry_ats timestamptz[];`);
    // What is ready now, as the sealer of format 1 sealed it (below the snapshot's horizon).
    this.addSql(`with head as (
  select position, last_tx, last_seq, chain_hash from access_log_seal order by position desc limit 1
), batch as (
  select l.id, l.seq, l.at, l.hash, l.tx from access_log l
  where (l.tx, l.seq) > (coalesce((select last_tx from head), '0'::xid8), coalesce((select last_seq from head), 0))
    and l.tx < pg_snapshot_xmin(pg_current_snapshot())
), agg as (
  select array_agg(id order by tx, seq) as ids, array_agg(seq order by tx, seq) as seqs, array_agg(hash order by tx, seq) as hashes,
    min(at) as first_at, max(at) as last_at, count(*) as n,
    encode(sha256(convert_to(string_agg(hash, E'\\n' order by tx, seq), 'UTF8')), 'hex') as digest,
    coalesce((select position from head), 0) + 1 as position
  from batch
), last_row as (
  select tx, seq from batch order by tx desc, seq desc limit 1
)
insert into access_log_seal (position, last_tx, last_seq, entry_ids, entry_seqs, row_hashes, first_at, last_at, digest, chain_hash, sealed_at, format)
select agg.position, last_row.tx, last_row.seq, agg.ids, agg.seqs, agg.hashes, agg.first_at, agg.last_at, agg.digest,
  encode(sha256(convert_to(coalesce((select chain_hash from head), repeat('0', 64)) || '|' || agg.position::text || '|' || agg.digest, 'UTF8')), 'hex'),
  now(), 1
from agg, last_row where agg.n > 0;`);
  }
}
