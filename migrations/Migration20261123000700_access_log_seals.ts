import { Migration } from '@mikro-orm/migrations';

/**
 * A cheaper write path for the access log (R5, R10), measured in bench/log-write.ts:
 * - `tx`: each row carries its writing transaction's id. The sealer seals, in (tx, seq) order, the
 *   rows of transactions older than the oldest one still running (the snapshot's xmin): those have
 *   all committed or rolled back, so nothing can still appear below that horizon. This replaces the
 *   per-row pending marks, which cost every request a second insert and the sealer a delete.
 * - `access_log_seal`: one link per sealed batch instead of one per row. It lists the batch's row
 *   ids, sequence numbers and hashes in seal order and chains the batch digest to the previous seal,
 *   so a verifier still names the first changed, deleted, inserted or reordered row.
 * - Indexes kept to what the auditor resolvers need at scale: person and principal (with seq for
 *   the cursor), seq, (tx, seq) for the sealer and a BRIN on time. Purpose, recipient and category
 *   filters are meant to be combined with those or with a time range (docs/access-log.md).
 * Rows logged before this migration have tx 0 and are sealed here, in seq order, as the first seal.
 * The per-row chain and its checkpoints stay, unchanged and append-only, as `access_log_chain_v1` and
 * `access_log_checkpoint_v1`.
 */
export class Migration20261123000700_access_log_seals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table access_log add column tx xid8 not null default '0';`);
    this.addSql(`alter table access_log alter column tx set default pg_current_xact_id();`);
    for (const index of ['purpose_seq', 'recipient_id_seq', 'categories', 'at']) this.addSql(`drop index access_log_${index}_index;`);
    this.addSql(`create index access_log_tx_seq_index on access_log (tx, seq);`);
    this.addSql(`create index access_log_at_index on access_log using brin (at);`);

    this.addSql(`create table access_log_seal (
      position bigint not null primary key, last_tx xid8 not null, last_seq bigint not null,
      entry_ids uuid[] not null, entry_seqs bigint[] not null, row_hashes text[] not null,
      first_at timestamptz not null, last_at timestamptz not null,
      digest text not null, chain_hash text not null, sealed_at timestamptz not null);`);
    this.addSql(`create index access_log_seal_last_at_index on access_log_seal (last_at);`);
    this.addSql(`create index access_log_seal_last_tx_last_seq_index on access_log_seal (last_tx, last_seq);`);

    this.addSql(`alter table access_log_chain rename to access_log_chain_v1;`);
    this.addSql(`alter table access_log_checkpoint rename to access_log_checkpoint_v1;`);
    this.addSql(`alter table access_log_checkpoint_v1 rename constraint access_log_checkpoint_pkey to access_log_checkpoint_v1_pkey;`);
    this.addSql(`create table access_log_checkpoint (
      position bigint not null primary key, chain_hash text not null, signed_at timestamptz not null,
      key_id text not null, public_key text not null, signature text not null);`);
    for (const t of ['access_log_seal', 'access_log_checkpoint']) {
      this.addSql(`create trigger ${t}_no_update_delete before update or delete on ${t} for each row execute function access_log_refuse_change();`);
      this.addSql(`create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function access_log_refuse_change();`);
    }

    // The rows logged so far, as seal 1: the same digest and link the sealer computes (src/audit/chain.ts).
    this.addSql(`insert into access_log_seal
      select 1, '0', max(seq), array_agg(id order by seq), array_agg(seq order by seq), array_agg(hash order by seq), min(at), max(at),
        d.digest, encode(sha256(convert_to(repeat('0', 64) || '|1|' || d.digest, 'UTF8')), 'hex'), now()
      from access_log,
        lateral (select encode(sha256(convert_to(string_agg(hash, E'\\n' order by seq), 'UTF8')), 'hex') as digest from access_log) d
      group by d.digest having count(*) > 0;`);
    this.addSql(`drop table access_log_pending;`);

    this.addSql(`grant select, insert on access_log_seal, access_log_checkpoint to ntk_app;`);
  }
}
