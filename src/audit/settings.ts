import { rowMacKey } from './row-mac.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED, signingKeyOf, type CheckpointSigner } from './signing.js';
import { parseTrustedKeys, trustedKey, type TrustedKey } from './trusted-keys.js';

/** What the access log's integrity needs, built once from the configuration (src/config.ts). */
export interface AuditSettings {
  signer: CheckpointSigner;
  /** Public keys whose checkpoints verification accepts: AUDIT_TRUSTED_PUBLIC_KEYS, or the signer's own. */
  trustedKeys: TrustedKey[];
  /** A row must be covered by a checkpoint signed at most this long after it (AUDIT_CHECKPOINT_MAX_AGE_MS). */
  checkpointMaxAgeMs: number;
  /** Bound on the log's lock waits and statements, so that a blocked log fails closed (AUDIT_WRITE_TIMEOUT_MS). */
  writeTimeoutMs: number;
  /** The MAC key of new rows (from the signing key). */
  macKey: string;
  /** Every MAC key verification holds, by the key id of the signing key it comes from (the current and AUDIT_RETIRED_SIGNING_KEYS). */
  macKeys: Map<string, string>;
}

export interface AuditConfig {
  signingKey: string;
  trustedPublicKeys: string;
  retiredSigningKeys: string;
  checkpointMaxAgeMs: number;
  writeTimeoutMs: number;
}

const PRIVATE_PEM = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/g;

/** AUDIT_RETIRED_SIGNING_KEYS: PKCS#8 PEM blocks and hex seeds, separated by commas, spaces or newlines. */
export function parseSigningKeys(text: string): string[] {
  const normalised = text.replace(/\\n/g, '\n');
  return [...(normalised.match(PRIVATE_PEM) ?? []), ...normalised.replace(PRIVATE_PEM, ' ').split(/[\s,]+/).filter(Boolean)];
}

export function auditSettings(c: AuditConfig): AuditSettings {
  const signer = checkpointSigner(c.signingKey);
  const listed = parseTrustedKeys(c.trustedPublicKeys);
  // The configured key is always trusted: its own checkpoints must verify.
  const trustedKeys = listed.some((k) => k.keyId === signer.keyId) ? listed : [trustedKey(signer.publicKey), ...listed];
  const macKey = rowMacKey(signingKeyOf(c.signingKey));
  const macKeys = new Map<string, string>([[signer.keyId, macKey]]);
  for (const retired of parseSigningKeys(c.retiredSigningKeys)) {
    macKeys.set(checkpointSigner(retired).keyId, rowMacKey(signingKeyOf(retired)));
  }
  return { signer, trustedKeys, checkpointMaxAgeMs: c.checkpointMaxAgeMs, writeTimeoutMs: c.writeTimeoutMs, macKey, macKeys };
}

/** Defaults of the development configuration, for code that runs before (or without) an app. */
const DEVELOPMENT: AuditConfig = {
  signingKey: DEVELOPMENT_AUDIT_SEED, trustedPublicKeys: '', retiredSigningKeys: '', checkpointMaxAgeMs: 90_500, writeTimeoutMs: 5_000,
};

let installed: AuditSettings | undefined;

/**
 * The settings the log's writer uses in this process (the rows' MAC key, the write timeout), set by
 * createApp and by the retention job. Unset, a development process uses the development key and a
 * production one refuses to write rows: a row MAC'd with the development key would be a forgery.
 */
export function useAuditSettings(s: AuditSettings): void {
  installed = s;
}

export function logSettings(): AuditSettings {
  if (installed) return installed;
  if (process.env.NODE_ENV === 'production') throw new Error('access log: audit settings not installed (useAuditSettings)');
  return (installed = auditSettings(DEVELOPMENT));
}
