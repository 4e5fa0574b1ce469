import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { ChainLinkRef } from './export.js';

/**
 * What an export page needs besides its rows to be verified with no database (R10, issue 16 finding
 * 3; src/audit/offline-verify.ts checks it): the seals holding its rows with their lists, the links
 * from each to the checkpoint that covers it, and those checkpoints with their signatures. As JSON
 * Lines, each record with a `kind`:
 * - `{"kind":"export","filter":{…},"from":…,"to":…}` the page's scope, first;
 * - `{"kind":"seal","position","format","previous","digest","chainHash","entries"?}`, `entries` being
 *   `[{"id","seq","hash","at"}]` in seal order;
 * - `{"kind":"checkpoint","position","chainHash","signedAt","keyId","signature"}`.
 * An export filtered on anything but time gives the entries of the seals holding its rows only (the
 * other seals on the way to a checkpoint are links); an unfiltered one gives every seal from the one
 * before its first row to the checkpoint after its last, each with entries, so that a row missing
 * from the file is found.
 */
export interface ExportScope {
  filter: Record<string, unknown>;
  from: Date | null;
  to: Date | null;
}

interface PageRow { id: string; tx?: string; seq?: string }

/** Where each row of a page sits in the chain: its seal and its place in the seal's list. */
export async function chainLinks(em: EntityManager, rows: readonly PageRow[]): Promise<Map<string, ChainLinkRef>> {
  if (rows.length === 0) return new Map();
  const links = await em.getConnection().execute<{ id: string; position: string; chain_hash: string; idx: number }[]>(
    `select r.id, s.position, s.chain_hash, array_position(s.entry_ids, r.id) - 1 as idx
     from unnest(?::uuid[], ?::xid8[], ?::bigint[]) as r(id, tx, seq)
     cross join lateral (select position, chain_hash, entry_ids from access_log_seal
       where (last_tx, last_seq) >= (r.tx, r.seq) order by last_tx, last_seq limit 1) s`,
    [pgArray(rows.map((r) => r.id)), pgArray(rows.map((r) => r.tx)), pgArray(rows.map((r) => r.seq))],
    'all', em.getTransactionContext());
  return new Map(links.filter((l) => l.idx != null).map((l) => [l.id, { position: l.position, index: Number(l.idx), chainHash: l.chain_hash }]));
}

interface SealRecord {
  position: string; format: number; previous: string | null; digest: string; chain_hash: string;
  entry_ids: string[] | null; entry_seqs: string[] | null; row_hashes: string[] | null; entry_ats: Date[] | null;
}

/** The proof of one export page, as JSON Lines (see ExportScope). */
export async function exportProof(em: EntityManager, links: ReadonlyMap<string, ChainLinkRef>, scope: ExportScope): Promise<string> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext<Knex.Transaction>();
  const q = <T>(sql: string, params: unknown[]) => conn.execute<T[]>(sql, params, 'all', trx);
  const filtered = Object.values(scope.filter).some((v) => v != null);
  const held = [...new Set([...links.values()].map((l) => BigInt(l.position)))].sort((a, b) => (a < b ? -1 : 1));
  const lines = [JSON.stringify({ kind: 'export', filter: scope.filter, from: scope.from?.toISOString() ?? null, to: scope.to?.toISOString() ?? null })];
  if (held.length === 0) return lines.join('\n');

  // Each held seal's walk ends at the first checkpoint at or after it, or at the chain's head.
  const ends = await q<{ p: string; end: string }>(
    `select p::text, coalesce((select min(position) from access_log_checkpoint where position >= p),
       (select max(position) from access_log_seal)) ::text as end from unnest(?::bigint[]) as p`, [pgArray(held.map(String))]);
  const ranges: [bigint, bigint][] = ends.map((e) => [BigInt(e.p), BigInt(e.end)]);
  if (!filtered) {
    // One unbroken stretch, from the seal before the first row (it shows where the range begins).
    const first = held[0] > 1n ? held[0] - 1n : held[0];
    ranges.splice(0, ranges.length, [first, ranges.reduce((m, [, end]) => (end > m ? end : m), first)]);
  }
  const withEntries = filtered ? held.map(String) : null;
  const seals = await q<SealRecord>(
    `select distinct on (s.position) s.position, s.format, (select p.chain_hash from access_log_seal p where p.position = s.position - 1) as previous,
       s.digest, s.chain_hash,
       case when ?::bigint[] is null or s.position = any(?::bigint[]) then s.entry_ids end as entry_ids,
       case when ?::bigint[] is null or s.position = any(?::bigint[]) then s.entry_seqs::text[] end as entry_seqs,
       case when ?::bigint[] is null or s.position = any(?::bigint[]) then s.row_hashes end as row_hashes,
       case when ?::bigint[] is null or s.position = any(?::bigint[]) then coalesce(s.entry_ats,
         (select array_agg(l.at order by e.n) from unnest(s.entry_ids) with ordinality as e(id, n) join access_log l on l.id = e.id)) end as entry_ats
     from unnest(?::bigint[], ?::bigint[]) as r(lo, hi) join access_log_seal s on s.position between r.lo and r.hi
     order by s.position`,
    [...Array.from({ length: 8 }, () => (withEntries ? pgArray(withEntries) : null)),
      pgArray(ranges.map(([lo]) => String(lo))), pgArray(ranges.map(([, hi]) => String(hi)))]);
  for (const s of seals) {
    lines.push(JSON.stringify({
      kind: 'seal', position: String(s.position), format: Number(s.format), previous: s.previous ?? (String(s.position) === '1' ? '0'.repeat(64) : null),
      digest: s.digest, chainHash: s.chain_hash,
      ...(s.entry_ids ? {
        entries: s.entry_ids.map((id, i) => ({
          id, seq: String(s.entry_seqs![i]), hash: s.row_hashes![i], at: s.entry_ats?.[i] ? new Date(s.entry_ats[i]).toISOString() : null,
        })),
      } : {}),
    }));
  }
  const checkpoints = await q<{ position: string; chain_hash: string; signed_at: Date; key_id: string; signature: string }>(
    `select distinct on (c.position) c.position, c.chain_hash, c.signed_at, c.key_id, c.signature
     from unnest(?::bigint[], ?::bigint[]) as r(lo, hi) join access_log_checkpoint c on c.position between r.lo and r.hi order by c.position`,
    [pgArray(ranges.map(([lo]) => String(lo))), pgArray(ranges.map(([, hi]) => String(hi)))]);
  for (const c of checkpoints) {
    lines.push(JSON.stringify({
      kind: 'checkpoint', position: String(c.position), chainHash: c.chain_hash, signedAt: new Date(c.signed_at).toISOString(),
      keyId: c.key_id, signature: c.signature,
    }));
  }
  return lines.join('\n');
}
