import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { keyIdOf } from './signing.js';

/** Ed25519 SPKI DER is this prefix followed by the 32-byte public key. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/** A public key whose checkpoints verification accepts: from configuration, never from the database (R10). */
export interface TrustedKey {
  keyId: string;
  /** SPKI PEM, as key ids are computed from it. */
  pem: string;
  /** The raw 32-byte key in hex, the form to publish. */
  hex: string;
  key: KeyObject;
}

export function trustedKey(publicKey: KeyObject | string): TrustedKey {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('a trusted audit key must be an Ed25519 public key');
  const pem = key.export({ format: 'pem', type: 'spki' }).toString();
  const hex = key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('hex');
  return { keyId: keyIdOf(pem), pem, hex, key };
}

/** A trusted key from a raw 32-byte Ed25519 public key in hex. */
export function trustedKeyFromHex(hex: string): TrustedKey {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('a raw public key is 64 hex digits');
  return trustedKey(createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' }));
}

/**
 * AUDIT_TRUSTED_PUBLIC_KEYS (and the offline verifier's --public-key): SPKI PEM blocks and raw
 * 32-byte keys in hex, separated by commas, spaces or newlines (`\n` escapes in one-line env files
 * read as newlines). Throws on anything else.
 */
export function parseTrustedKeys(text: string): TrustedKey[] {
  const normalised = text.replace(/\\n/g, '\n');
  const keys = (normalised.match(PEM_BLOCK) ?? []).map((pem) => trustedKey(pem));
  for (const token of normalised.replace(PEM_BLOCK, ' ').split(/[\s,]+/).filter(Boolean)) keys.push(trustedKeyFromHex(token));
  return keys;
}

export type CheckpointTrust = 'ok' | 'unknown-key' | 'invalid';

/**
 * A checkpoint's signature, checked with the trusted key its key id names: the public key stored
 * beside it proves nothing, whoever wrote the row chose it (issue 16, finding 3).
 */
export function checkCheckpoint(trusted: readonly TrustedKey[], keyId: string, message: string, signature: string): CheckpointTrust {
  const key = trusted.find((k) => k.keyId === keyId);
  if (!key) return 'unknown-key';
  try {
    return verify(null, Buffer.from(message), key.key, Buffer.from(signature, 'base64')) ? 'ok' : 'invalid';
  } catch {
    return 'invalid';
  }
}
