import { createHash } from 'node:crypto';

/** The hash before the first link. */
export const GENESIS = '0'.repeat(64);

/** A link's hash: the previous link's hash, the link's position and the row's hash (R10 integrity). */
export function linkHash(previous: string, position: string, rowHash: string): string {
  return createHash('sha256').update(`${previous}|${position}|${rowHash}`).digest('hex');
}
