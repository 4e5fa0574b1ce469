import { z } from 'zod';

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(100_000),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
});

export type Config = z.infer<typeof schema> & { production: boolean; jwtSecret?: string };

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
  const jwtSecret = c.JWT_SECRET ?? (production || c.JWT_JWKS_URL ? undefined : DEVELOPMENT_JWT_SECRET);
  return { ...c, production, jwtSecret };
}
