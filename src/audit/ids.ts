import { randomUUID } from 'node:crypto';

/**
 * UUIDv7s (RFC 9562) of one millisecond: the time, then randomness. Log rows get time-ordered ids so
 * the primary key grows at its right edge like the log itself. Derived from Node's randomUUID,
 * which draws from a cached pool (a page of 50 rows needs 50 ids per request); the time part is
 * worked out once for all of a request's rows.
 */
export function timeOrderedIds(ms: number): () => string {
  const time = ms.toString(16).padStart(12, '0');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its random bits and variant, set version 7.
  return () => prefix + randomUUID().slice(15);
}

/** The millisecond time a UUIDv7 was made at (its first 48 bits); NaN for an id that is not one. */
export function timeOfId(id: string): number {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(id) ? parseInt(id.slice(0, 8) + id.slice(9, 13), 16) : NaN;
}
