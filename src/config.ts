import { z } from 'zod';
import { DEVELOPMENT_AUDIT_SEED } from './audit/signing.js';
import { checkAuditConfig } from './audit/config-check.js';
import type { AuditConfig } from './audit/settings.js';
import { limitSettings, limitVariables } from './limits/config.js';
import type { LimitSettings } from './limits/settings.js';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** HS256 secret; the development default is refused in production mode. */
  JWT_SECRET: z.string().min(32).optional(),
  /** RS256 / ES256 through a JWKS endpoint instead of the shared secret. */
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('need-to-know-api'),
  JWT_AUDIENCE: z.string().default('need-to-know-api'),
  /** Clock difference tolerated between the token issuer and this server (iat, nbf, exp). */
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  /** Longest a token may live, from iat to exp; older or longer-lived tokens are refused. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().max(7 * 24 * 3600).default(12 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(100_000),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** The API's login as the application role (with its password); else DATABASE_URL with the user swapped to DB_APP_ROLE. */
  DATABASE_APP_URL: z.string().url().optional(),
  /** Database role the API logs in as once migrations ran (append-only log); empty to stay the owner (production refuses a superuser). */
  DB_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$|^$/).default('ntk_app'),
  /** Ed25519 key sealing checkpoints of the access log: 32-byte seed in hex or PKCS#8 PEM. */
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** Replaced by AUDIT_TRUSTED_PUBLIC_KEYS (ids named keys the database supplied); refused when set. */
  AUDIT_TRUSTED_KEY_IDS: z.string().optional(),
  /** Public keys whose checkpoints verification accepts (PEM or 64 hex digits, comma- or newline-separated); the signing key's is always trusted. */
  AUDIT_TRUSTED_PUBLIC_KEYS: z.string().default(''),
  /** Former signing keys, kept only so that verifyAccessLog can still check the MACs of rows they covered. */
  AUDIT_RETIRED_SIGNING_KEYS: z.string().default(''),
  /** A row not covered by a checkpoint signed within this time after it is reported (default: checkpoint + seal interval + 30 s). */
  AUDIT_CHECKPOINT_MAX_AGE_MS: z.coerce.number().int().positive().optional(),
  /** Longest wait of the log's statements and locks: past it the request fails closed with AUDIT_LOG_UNAVAILABLE. */
  AUDIT_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SEAL_INTERVAL_MS: z.coerce.number().int().positive().default(500),
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Issue 20: how often the API folds newly sealed log rows into oversight findings; 0 turns it off (default 5 min, off under NODE_ENV=test). */
  OVERSIGHT_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /** Prometheus metrics (docs/metrics.md); false turns every observation off. */
  METRICS_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** GET /metrics only with `Authorization: Bearer <METRICS_TOKEN>`; production serves /metrics on the API's port only with it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** GET /metrics on a port of its own (kept internal) instead of the API's. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** On SIGTERM: longest wait for requests in flight to finish before their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  /** A streaming replica (read-only sessions) for reads that decide nothing (docs/scale-out.md); unset: reads stay on the primary. */
  DATABASE_READ_URL: z.string().url().optional(),
  ...limitVariables,
});

export type Config = z.infer<typeof schema> & { production: boolean; jwtSecret?: string; auditSigningKey: string; audit: AuditConfig; limits: LimitSettings };

export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-never-use-in-production!';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (production && !c.JWT_SECRET && !c.JWT_JWKS_URL) {
    throw new Error('Invalid configuration: production mode needs JWT_SECRET or JWT_JWKS_URL');
  }
  if (production && !c.AUDIT_SIGNING_KEY) {
    throw new Error('Invalid configuration: production mode needs AUDIT_SIGNING_KEY');
  }
  // Issue 16, finding 13: the development secrets are public; production refuses them even when set explicitly.
  if (production && c.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new Error('Invalid configuration: JWT_SECRET is the development secret, refused in production mode');
  }
  const jwtSecret = c.JWT_SECRET ?? (production || c.JWT_JWKS_URL ? undefined : DEVELOPMENT_JWT_SECRET);
  const auditSigningKey = c.AUDIT_SIGNING_KEY ?? DEVELOPMENT_AUDIT_SEED;
  const audit: AuditConfig = {
    signingKey: auditSigningKey, trustedPublicKeys: c.AUDIT_TRUSTED_PUBLIC_KEYS, retiredSigningKeys: c.AUDIT_RETIRED_SIGNING_KEYS,
    checkpointMaxAgeMs: c.AUDIT_CHECKPOINT_MAX_AGE_MS ?? c.CHECKPOINT_INTERVAL_MS + c.SEAL_INTERVAL_MS + 30_000,
    writeTimeoutMs: c.AUDIT_WRITE_TIMEOUT_MS,
  };
  checkAuditConfig(audit, { production, trustedKeyIdsSet: c.AUDIT_TRUSTED_KEY_IDS !== undefined });
  return { ...c, production, jwtSecret, auditSigningKey, audit, limits: limitSettings(c, production) };
}
