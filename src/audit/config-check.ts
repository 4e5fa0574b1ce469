import { auditSettings, parseSigningKeys, type AuditConfig } from './settings.js';
import { DEVELOPMENT_AUDIT_SEED, publicKeyPemOf } from './signing.js';
import { trustedKey } from './trusted-keys.js';

/**
 * The audit keys of a configuration, checked at start (src/config.ts): each parses, and production
 * mode refuses the development key in any role (issue 16, finding 13): it is derived from a public
 * string, so checkpoints and row MACs made with it prove nothing. Errors name the variable, never a key.
 */
export function checkAuditConfig(c: AuditConfig, o: { production: boolean; trustedKeyIdsSet: boolean }): void {
  const fail = (variable: string, why: string) => { throw new Error(`Invalid configuration: ${variable}: ${why}`); };
  if (o.trustedKeyIdsSet) {
    fail('AUDIT_TRUSTED_KEY_IDS', 'replaced by AUDIT_TRUSTED_PUBLIC_KEYS (the public keys themselves, docs/access-log.md)');
  }
  let settings;
  try {
    settings = auditSettings(c);
  } catch {
    for (const [variable, check] of [
      ['AUDIT_SIGNING_KEY', () => publicKeyPemOf(c.signingKey)],
      ['AUDIT_RETIRED_SIGNING_KEYS', () => parseSigningKeys(c.retiredSigningKeys).map(publicKeyPemOf)],
    ] as const) {
      try { check(); } catch { fail(variable, 'not an Ed25519 key (a 32-byte seed in hex or a PKCS#8 PEM)'); }
    }
    return fail('AUDIT_TRUSTED_PUBLIC_KEYS', 'not a list of Ed25519 public keys (SPKI PEM or 64 hex digits)');
  }
  if (!o.production) return;
  const development = trustedKey(publicKeyPemOf(DEVELOPMENT_AUDIT_SEED)).keyId;
  if (settings.signer.keyId === development) fail('AUDIT_SIGNING_KEY', 'the development key is refused in production mode');
  if (settings.trustedKeys.some((k) => k.keyId === development)) fail('AUDIT_TRUSTED_PUBLIC_KEYS', 'the development key is refused in production mode');
  if (settings.macKeys.has(development)) fail('AUDIT_RETIRED_SIGNING_KEYS', 'the development key is refused in production mode');
}
