import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface TokenVerifierOptions {
  /** HS256 shared secret (development default, or JWT_SECRET). */
  secret?: string;
  /** RS256 / ES256 keys published as a JWKS. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Clock difference tolerated with the issuer, in seconds (iat, nbf, exp). Default 60. */
  clockSkewSeconds?: number;
  /** Longest a token may live, in seconds: `exp − iat`, and its age. Default 12 hours. */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;

export class InvalidToken extends Error {}

/**
 * Verifies bearer tokens with the algorithm pinned: HS256 with a secret, or RS256/ES256 from a JWKS.
 * `alg: none`, another algorithm, a bad signature, expiry, issuer or audience all fail. So does a
 * token issued in the future or meant to live longer than the maximum lifetime (issue 16, finding
 * 16): a stolen token stays useful until it expires, and no issuer of ours signs one for a century.
 */
export function tokenVerifier(o: TokenVerifierOptions): (token: string) => Promise<string> {
  let key: Promise<CryptoKey> | JWTVerifyGetKey;
  let algorithms: string[];
  if (o.jwksUrl) {
    key = createRemoteJWKSet(new URL(o.jwksUrl));
    algorithms = ['RS256', 'ES256'];
  } else if (o.secret) {
    // Imported once: given the raw secret, jose would import it again for every token.
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(o.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    algorithms = ['HS256'];
  } else {
    throw new Error('No JWT verification key configured');
  }
  const clockTolerance = o.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const maxLifetime = o.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  return async (token) => {
    try {
      // maxTokenAge makes iat required and refuses an iat further ahead than the tolerance, or older than the lifetime.
      const { payload } = await jwtVerify(token, typeof key === 'function' ? key : await key, {
        algorithms, issuer: o.issuer, audience: o.audience, requiredClaims: ['sub', 'exp', 'iat'], clockTolerance, maxTokenAge: maxLifetime,
      });
      if (payload.exp! - payload.iat! > maxLifetime) throw new InvalidToken('lifetime too long');
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) throw new InvalidToken('bad subject');
      return payload.sub;
    } catch (e) {
      throw new InvalidToken(e instanceof Error ? e.message : 'invalid token');
    }
  };
}

/** Signs a development token (npm run token); only with the HS256 secret. `ttl`: a jose duration or seconds. */
export async function signToken(subject: string, o: { secret: string; issuer: string; audience: string; ttl?: string | number }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setIssuedAt()
    .setExpirationTime(typeof o.ttl === 'number' ? `${o.ttl}s` : o.ttl ?? '8h')
    .sign(new TextEncoder().encode(o.secret));
}
