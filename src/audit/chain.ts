import { createHash } from 'node:crypto';

/** The hash before the first link. */
export const GENESIS = '0'.repeat(64);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A seal's digest: its rows' hashes in seal order, one per line. */
export function sealDigest(rowHashes: readonly string[]): string {
  return sha256(rowHashes.join('\n'));
}

/** A link's hash: the previous link's hash, the link's position and its digest (R10 integrity). */
export function linkHash(previous: string, position: string, digest: string): string {
  return sha256(`${previous}|${position}|${digest}`);
}
