import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): the time in milliseconds, then randomness. Log rows get time-ordered ids so
 * the primary key grows at its right edge like the log itself. Derived from Node's randomUUID,
 * which draws from a cached pool (a page of 50 rows needs 50 ids per request).
 */
export function timeOrderedId(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its random bits and variant, set version 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
