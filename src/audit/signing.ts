import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Ed25519 PKCS#8 DER is this prefix followed by the 32-byte seed. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CheckpointSigner {
  keyId: string;
  publicKey: string;
  sign(message: string): string;
}

/** The development key: derived from a public string, so it proves nothing and is refused in production. */
export const DEVELOPMENT_AUDIT_SEED = createHash('sha256').update('need-to-know-api development audit key').digest('hex');

/**
 * The checkpoint signer from AUDIT_SIGNING_KEY: a 32-byte Ed25519 seed in hex, or a PKCS#8 PEM.
 * Keep the key outside the database, so whoever can rewrite the tables cannot re-sign the chain.
 */
export function checkpointSigner(key: string): CheckpointSigner {
  const privateKey = signingKeyOf(key);
  const publicKey = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}

/** An Ed25519 private key from a 32-byte seed in hex or a PKCS#8 PEM (AUDIT_SIGNING_KEY's forms). */
export function signingKeyOf(key: string): KeyObject {
  const privateKey: KeyObject = /^[0-9a-f]{64}$/i.test(key.trim())
    ? createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(key.trim(), 'hex')]), format: 'der', type: 'pkcs8' })
    : createPrivateKey(key.replace(/\\n/g, '\n'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 key');
  return privateKey;
}

/** The public key of a signing key, as SPKI PEM (what key ids are computed from). */
export function publicKeyPemOf(key: string): string {
  return createPublicKey(signingKeyOf(key)).export({ format: 'pem', type: 'spki' }).toString();
}

export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(publicKeyPem.trim()).digest('hex').slice(0, 16);
}

/** What a checkpoint signs. */
export function checkpointMessage(position: string, chainHash: string, signedAt: Date): string {
  return `access-log-checkpoint|${position}|${chainHash}|${signedAt.toISOString()}`;
}

export function verifyCheckpointSignature(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(message), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
