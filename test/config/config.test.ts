import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config.js';
import { auditSettings } from '../../src/audit/settings.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED } from '../../src/audit/signing.js';
import { trustedKey } from '../../src/audit/trusted-keys.js';

const SEED = '42'.repeat(32);
const production = (env: Record<string, string>) => ({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), AUDIT_SIGNING_KEY: SEED, ...env });
const developmentKey = () => trustedKey(checkpointSigner(DEVELOPMENT_AUDIT_SEED).publicKey);

describe('R10 R13 configuration: production refuses the development secrets (issue 16, finding 13)', () => {
  test('a production configuration with its own keys loads', () => {
    expect(loadConfig(production({}))).toMatchObject({ production: true, jwtSecret: 'x'.repeat(40) });
  });

  test('production refuses the development JWT secret even when passed explicitly', () => {
    expect(() => loadConfig(production({ JWT_SECRET: DEVELOPMENT_JWT_SECRET }))).toThrow(/JWT_SECRET is the development secret/);
    // Outside production it stays the default.
    expect(loadConfig({ NODE_ENV: 'development' }).jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  test('production refuses the development audit signing seed, as hex or as PEM, and as a trusted or retired key', () => {
    expect(() => loadConfig(production({ AUDIT_SIGNING_KEY: DEVELOPMENT_AUDIT_SEED }))).toThrow(/AUDIT_SIGNING_KEY: the development key/);
    expect(() => loadConfig(production({ AUDIT_SIGNING_KEY: DEVELOPMENT_AUDIT_SEED.toUpperCase() }))).toThrow(/AUDIT_SIGNING_KEY: the development key/);
    const pem = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(DEVELOPMENT_AUDIT_SEED, 'hex')]),
      format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadConfig(production({ AUDIT_SIGNING_KEY: pem }))).toThrow(/AUDIT_SIGNING_KEY: the development key/);
    expect(() => loadConfig(production({ AUDIT_TRUSTED_PUBLIC_KEYS: developmentKey().hex }))).toThrow(/AUDIT_TRUSTED_PUBLIC_KEYS: the development key/);
    expect(() => loadConfig(production({ AUDIT_RETIRED_SIGNING_KEYS: DEVELOPMENT_AUDIT_SEED }))).toThrow(/AUDIT_RETIRED_SIGNING_KEYS: the development key/);
    expect(() => loadConfig(production({ AUDIT_SIGNING_KEY: '' }))).toThrow();
  });

  test('production still needs the keys at all', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: SEED })).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/AUDIT_SIGNING_KEY/);
  });
});

describe('R10 configuration of the log\'s trust (issue 16, findings 3 and 6)', () => {
  test('AUDIT_TRUSTED_PUBLIC_KEYS: PEM and 64-hex keys, comma- or newline-separated; the signing key is always trusted', () => {
    const a = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const b = trustedKey(generateKeyPairSync('ed25519').publicKey);
    const c = trustedKey(generateKeyPairSync('ed25519').publicKey);
    const config = loadConfig({ NODE_ENV: 'test', AUDIT_SIGNING_KEY: SEED, AUDIT_TRUSTED_PUBLIC_KEYS: `${a}\n${b.hex}, ${c.hex}` });
    const settings = auditSettings(config.audit);
    expect(settings.trustedKeys.map((k) => k.keyId)).toEqual([checkpointSigner(SEED).keyId, trustedKey(a).keyId, b.keyId, c.keyId]);
    // One-line env files write PEM newlines as \n.
    expect(auditSettings(loadConfig({ NODE_ENV: 'test', AUDIT_TRUSTED_PUBLIC_KEYS: a.replace(/\n/g, '\\n') }).audit).trustedKeys).toHaveLength(2);
  });

  test('bad keys name the variable; AUDIT_TRUSTED_KEY_IDS is refused with its replacement named', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', AUDIT_TRUSTED_PUBLIC_KEYS: 'abc' })).toThrow(/AUDIT_TRUSTED_PUBLIC_KEYS/);
    expect(() => loadConfig({ NODE_ENV: 'test', AUDIT_SIGNING_KEY: 'not a key' })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'test', AUDIT_TRUSTED_KEY_IDS: 'abcd' })).toThrow(/AUDIT_TRUSTED_KEY_IDS: replaced by AUDIT_TRUSTED_PUBLIC_KEYS/);
  });

  test('the checkpoint age defaults to the checkpoint interval plus the seal interval plus 30 s; the write timeout to 5 s', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).audit).toMatchObject({ checkpointMaxAgeMs: 90_500, writeTimeoutMs: 5000 });
    expect(loadConfig({ NODE_ENV: 'test', CHECKPOINT_INTERVAL_MS: '10000', AUDIT_WRITE_TIMEOUT_MS: '2000' }).audit)
      .toMatchObject({ checkpointMaxAgeMs: 40_500, writeTimeoutMs: 2000 });
    expect(loadConfig({ NODE_ENV: 'test', AUDIT_CHECKPOINT_MAX_AGE_MS: '120000' }).audit.checkpointMaxAgeMs).toBe(120_000);
  });
});
