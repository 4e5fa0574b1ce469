import { createHash } from 'node:crypto';

/** The hash before the first link. */
export const GENESIS = '0'.repeat(64);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A sealed row as its seal lists it: the row's hash, and in format 2 the time and sequence number the database gave it. */
export interface SealedEntry {
  hash: string;
  at: Date;
  seq: string;
}

/** A format-1 seal's digest: its rows' hashes in seal order, one per line. */
export function sealDigest(rowHashes: readonly string[]): string {
  return sha256(rowHashes.join('\n'));
}

/**
 * A format-2 seal's digest: one `hash|at|seq` line per row in seal order, the time in ISO 8601 UTC
 * with milliseconds (the sealer computes the same in SQL, src/audit/sealer.ts). The row hash does not
 * cover the time, which the database sets; the chain does (R10, issue 16 finding 9).
 */
export function sealDigestV2(entries: readonly SealedEntry[]): string {
  return sha256(entries.map((e) => `${e.hash}|${e.at.toISOString()}|${e.seq}`).join('\n'));
}

/** A link's hash: the previous link's hash, the link's position and its digest (R10 integrity). */
export function linkHash(previous: string, position: string, digest: string): string {
  return sha256(`${previous}|${position}|${digest}`);
}
