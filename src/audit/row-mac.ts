import { createHmac, hkdfSync, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The key of the rows' MACs, derived from the checkpoint signing key (HKDF-SHA256): held by the API,
 * never by the database. A role that can only INSERT into the log (or a superuser without the key)
 * cannot give a row a valid MAC, so verifyAccessLog finds the rows the API did not write (issue 16,
 * finding 9). The signing key never signs with it; the two uses are kept apart by the HKDF info.
 */
export function rowMacKey(signingKey: KeyObject): KeyObject {
  const ikm = signingKey.export({ format: 'der', type: 'pkcs8' });
  return createSecretKey(Buffer.from(hkdfSync('sha256', ikm, 'need-to-know-api access log', 'row-mac v1', 32)));
}

/**
 * A row's MAC: HMAC-SHA256 of its (public) hash, truncated to 128 bits, base64url. One HMAC per row
 * over 64 characters: a few microseconds per answer's rows (docs/access-log.md has the figure).
 */
export function rowMac(key: KeyObject, rowHash: string): string {
  return createHmac('sha256', key).update(rowHash).digest().subarray(0, 16).toString('base64url');
}
