import { AccessLogEntry } from './AccessLogEntry.js';
import { rowHash, rowHashV1 } from './canonical.js';
import { GENESIS, linkHash, sealDigest, sealDigestV2 } from './chain.js';
import { checkpointMessage } from './signing.js';
import { checkCheckpoint, type TrustedKey } from './trusted-keys.js';
import type { IntegrityProblem } from './verify.js';

/**
 * The offline verifier (R10, issue 16 finding 3): checks a file of `exportAccessLog(format:
 * JSON_LINES)` pages, `content` and `proof` appended page after page, with the published public keys
 * and nothing else: no database, no API. Pure: scripts/verify-export.ts reads the file and prints.
 *
 * What it proves: each row hashes to what its seal lists, with its time and sequence number; each
 * seal's digest and link follow; the seals up to a checkpoint are unbroken and the checkpoint is
 * signed by a trusted key within `maxAgeMs` of the rows it covers; the rows are in export order, none
 * twice; and for an export filtered on time only, that no listed row in the range is missing.
 * What it cannot: rows' MACs (the key is the API's), and, for an export filtered on other columns,
 * that a matching row was left out (the seals' lists do not say which rows match a filter).
 */
export type OfflineProblem = IntegrityProblem | 'UNREADABLE_LINE';

export interface OfflineFinding {
  problem: OfflineProblem;
  /** The row concerned, when one is. */
  id: string | null;
  /** Line number in the file (1-based), when one is. */
  line: number | null;
  detail: string;
}

export interface OfflineReport {
  ok: boolean;
  rows: number;
  seals: number;
  checkpoints: number;
  /** Whether the file's scope let the verifier check that no row is missing. */
  completenessChecked: boolean;
  findings: OfflineFinding[];
}

interface Entry { id: string; seq: string; hash: string; at: string | null }
interface Seal { position: string; format: number; previous: string | null; digest: string; chainHash: string; entries?: Entry[]; line: number }
interface Checkpoint { position: string; chainHash: string; signedAt: string; keyId: string; signature: string; line: number }
interface Scope { filter: Record<string, unknown>; from: string | null; to: string | null }
type RowLine = Record<string, unknown> & { id: string; at: string; seq: string; hash: string };

export interface OfflineOptions {
  publicKeys: readonly TrustedKey[];
  /** A row must be covered by a checkpoint signed at most this long after it (the API's AUDIT_CHECKPOINT_MAX_AGE_MS). */
  maxAgeMs: number;
}

/** A row line as an entry, to hash it as the API did. */
function entryOf(r: RowLine): AccessLogEntry {
  return Object.assign(new AccessLogEntry(), { ...r, at: new Date(r.at) });
}

/** What the file holds, read line by line, and the findings so far. */
interface Parsed {
  rows: { row: RowLine; line: number }[];
  seals: Map<string, Seal>;
  checkpoints: Map<string, Checkpoint>;
  scopes: Set<string>;
  findings: OfflineFinding[];
}

type Report = (problem: OfflineProblem, id: string | null, line: number | null, detail: string) => void;

export function verifyExport(text: string, o: OfflineOptions): OfflineReport {
  const file = parse(text);
  const report: Report = (problem, id, line, detail) => file.findings.push({ problem, id, line, detail });
  const sealOf = checkSeals(file, report);
  const validCheckpoint = checkCheckpoints(file, o, report);
  const { inFile, oldestOf } = checkRows(file, sealOf, report);
  checkCoverage(file, oldestOf, validCheckpoint, o, report);
  const completenessChecked = checkCompleteness(file, inFile, report);
  const { rows, seals, checkpoints, findings } = file;
  return { ok: findings.length === 0, rows: rows.length, seals: seals.size, checkpoints: checkpoints.size, completenessChecked, findings };
}

/** The file's lines: rows, seals (one per position, pages share them), checkpoints and export scopes. */
function parse(text: string): Parsed {
  const file: Parsed = { rows: [], seals: new Map(), checkpoints: new Map(), scopes: new Set(), findings: [] };
  const report: Report = (problem, id, line, detail) => file.findings.push({ problem, id, line, detail });
  const { rows, seals, checkpoints, scopes } = file;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(raw) as Record<string, unknown>;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    } catch {
      return report('UNREADABLE_LINE', null, line, 'not a JSON object');
    }
    if (v.kind === 'export') return void scopes.add(JSON.stringify({ filter: v.filter ?? {}, from: v.from ?? null, to: v.to ?? null }));
    if (v.kind === 'seal') {
      const seal = { ...(v as unknown as Seal), position: String(v.position), line };
      const known = seals.get(seal.position);
      // Pages share seals; the same seal twice must say the same, with its entries or without.
      if (known && (known.chainHash !== seal.chainHash || known.digest !== seal.digest || known.previous !== seal.previous ||
        (known.entries && seal.entries && JSON.stringify(known.entries) !== JSON.stringify(seal.entries)))) {
        return report('CHAIN_BROKEN', seal.entries?.[0]?.id ?? null, line, `seal ${seal.position} appears twice with different contents`);
      }
      if (!known || (!known.entries && seal.entries)) seals.set(seal.position, seal);
      return;
    }
    if (v.kind === 'checkpoint') return void checkpoints.set(String(v.position), { ...(v as unknown as Checkpoint), position: String(v.position), line });
    if (typeof v.id !== 'string' || typeof v.hash !== 'string' || typeof v.at !== 'string') {
      return report('UNREADABLE_LINE', typeof v.id === 'string' ? v.id : null, line, 'not a log row, a seal, a checkpoint or an export scope');
    }
    rows.push({ row: v as RowLine, line });
  });

  return file;
}

/** Seals: digest from their lists, link from the one before. Returns where each listed row stands. */
function checkSeals({ seals }: Parsed, report: Report): Map<string, { seal: Seal; index: number }> {
  const sealOf = new Map<string, { seal: Seal; index: number }>();
  for (const seal of seals.values()) {
    const first = seal.entries?.[0]?.id ?? null;
    if (seal.entries) {
      const digest = seal.format === 2
        ? sealDigestV2(seal.entries.map((e) => ({ hash: e.hash, at: new Date(e.at ?? NaN), seq: e.seq })))
        : sealDigest(seal.entries.map((e) => e.hash));
      if (digest !== seal.digest) report('CHAIN_BROKEN', first, seal.line, `seal ${seal.position}: its entries do not give its digest`);
      seal.entries.forEach((e, index) => sealOf.set(e.id, { seal, index }));
    }
    const before = seals.get(String(BigInt(seal.position) - 1n));
    const previous = seal.position === '1' ? GENESIS : before?.chainHash ?? seal.previous;
    if (previous === null || previous !== seal.previous || linkHash(previous, seal.position, seal.digest) !== seal.chainHash) {
      report('CHAIN_BROKEN', first, seal.line, `seal ${seal.position}: its link does not follow from the seal before`);
    }
  }

  return sealOf;
}

/** Checkpoints: a trusted key's signature over the chain at their position. Returns the valid ones' positions. */
function checkCheckpoints({ seals, checkpoints }: Parsed, o: OfflineOptions, report: Report): Set<string> {
  const validCheckpoint = new Set<string>();
  for (const cp of checkpoints.values()) {
    const seal = seals.get(cp.position);
    const trust = checkCheckpoint(o.publicKeys, cp.keyId, checkpointMessage(cp.position, cp.chainHash, new Date(cp.signedAt)), cp.signature);
    const first = seal?.entries?.[0]?.id ?? null;
    if (trust === 'unknown-key') report('CHECKPOINT_UNKNOWN_KEY', first, cp.line, `checkpoint ${cp.position}: key ${cp.keyId} is not among the public keys given`);
    else if (trust === 'invalid') report('CHECKPOINT_INVALID', first, cp.line, `checkpoint ${cp.position}: the signature does not verify with the trusted key`);
    else if (seal && seal.chainHash !== cp.chainHash) report('CHECKPOINT_INVALID', first, cp.line, `checkpoint ${cp.position}: signs another chain than the file's`);
    else if (seal) validCheckpoint.add(cp.position);
  }

  return validCheckpoint;
}

/** Rows: each listed by a seal, hashing to its entry, in export order, once. */
function checkRows({ rows }: Parsed, sealOf: Map<string, { seal: Seal; index: number }>, report: Report): { inFile: Set<string>; oldestOf: Map<string, number> } {
  const inFile = new Set<string>();
  const oldestOf = new Map<string, number>();
  let previousKey: { at: number; seq: bigint } | null = null;
  for (const { row, line } of rows) {
    if (inFile.has(row.id)) report('ROW_INSERTED', row.id, line, 'the row appears twice');
    inFile.add(row.id);
    const key = { at: Date.parse(row.at), seq: BigInt(/^\d+$/.test(String(row.seq)) ? String(row.seq) : '-1') };
    if (previousKey && (key.at < previousKey.at || (key.at === previousKey.at && key.seq <= previousKey.seq))) {
      report('ROW_REORDERED', row.id, line, 'out of the export\'s (at, seq) order');
    }
    previousKey = key;
    const place = sealOf.get(row.id);
    if (!place) {
      if (row.chain == null) report('NOT_CHECKPOINTED', row.id, line, 'the row was not sealed when exported');
      else report('ROW_INSERTED', row.id, line, 'no seal of the file lists the row');
      continue;
    }
    const { seal, index } = place;
    const entry = seal.entries![index];
    const hash = seal.format === 2 ? rowHash(entryOf(row)) : rowHashV1(entryOf(row));
    if (hash !== row.hash || entry.hash !== row.hash || String(row.seq) !== entry.seq || (seal.format === 2 && entry.at !== row.at)) {
      report('ROW_CHANGED', row.id, line, `the row differs from what seal ${seal.position} lists`);
    }
    const t = Date.parse(row.at);
    if (!(oldestOf.get(seal.position)! <= t)) oldestOf.set(seal.position, t);
  }

  return { inFile, oldestOf };
}

/** Coverage: from each seal holding rows, unbroken links to a valid checkpoint signed soon enough. */
function checkCoverage({ seals, checkpoints }: Parsed, oldestOf: Map<string, number>, validCheckpoint: Set<string>, o: OfflineOptions, report: Report): void {
  for (const [position, oldestRow] of oldestOf) {
    const seal = seals.get(position)!;
    let oldest = oldestRow;
    if (seal.format === 2) for (const e of seal.entries!) oldest = Math.min(oldest, Date.parse(e.at ?? ''));
    let p = BigInt(position);
    while (seals.has(String(p)) && !checkpoints.has(String(p))) p += 1n;
    const cp = checkpoints.get(String(p));
    const first = seal.entries![0]?.id ?? null;
    if (!cp) report('NOT_CHECKPOINTED', first, seal.line, `no checkpoint in the file covers seal ${position}`);
    else if (validCheckpoint.has(cp.position) && Date.parse(cp.signedAt) - oldest > o.maxAgeMs) {
      report('NOT_CHECKPOINTED', first, seal.line, `seal ${position} was first signed ${Date.parse(cp.signedAt) - oldest} ms after its oldest row`);
    }
  }

}

/** Completeness, for an export filtered on time only: every listed row in its range is in the file. Returns whether it was checked. */
function checkCompleteness({ seals, scopes }: Parsed, inFile: Set<string>, report: Report): boolean {
  const [scopeText, ...otherScopes] = [...scopes];
  const scope = scopeText ? (JSON.parse(scopeText) as Scope) : null;
  if (otherScopes.length > 0) report('UNREADABLE_LINE', null, null, 'the pages of the file were exported with different filters');
  if (!scope) report('UNREADABLE_LINE', null, null, 'no export scope: not the content and proof of exportAccessLog pages');
  const completenessChecked = scope !== null && otherScopes.length === 0 && !Object.values(scope.filter).some((v) => v != null);
  if (completenessChecked && seals.size > 0) {
    const from = scope.from ? Date.parse(scope.from) : -Infinity;
    const to = scope.to ? Date.parse(scope.to) : Infinity;
    const inRange = (e: Entry) => e.at === null || (Date.parse(e.at) >= from && Date.parse(e.at) < to);
    const positions = [...seals.keys()].map(BigInt).sort((a, b) => (a < b ? -1 : 1));
    for (let p = positions[0]; p <= positions[positions.length - 1]; p++) {
      const seal = seals.get(String(p));
      if (!seal?.entries) {
        report('CHAIN_BROKEN', null, seal?.line ?? null, `seal ${p} is missing from the file, or its entries are`);
        continue;
      }
      for (const e of seal.entries) if (inRange(e) && !inFile.has(e.id)) report('ROW_DELETED', e.id, seal.line, `seal ${p} lists the row but the file lacks it`);
    }
    // The first seal shows where the range begins: it holds no row of the range, or it is the chain's first.
    const first = seals.get(String(positions[0]))!;
    if (positions[0] > 1n && first.entries?.some((e) => inRange(e))) {
      report('CHAIN_BROKEN', first.entries[0].id, first.line, `the file starts inside the range: the seals before ${positions[0]} are missing`);
    }
  }

  return completenessChecked;
}
