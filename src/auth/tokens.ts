import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface TokenVerifierOptions {
  /** HS256 shared secret (development default, or JWT_SECRET). */
  secret?: string;
  /** RS256 / ES256 keys published as a JWKS. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export class InvalidToken extends Error {}

/**
 * Verifies bearer tokens with the algorithm pinned: HS256 with a secret, or RS256/ES256 from a JWKS.
 * `alg: none`, another algorithm, a bad signature, expiry, issuer or audience all fail.
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
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, typeof key === 'function' ? key : await key, {
        algorithms, issuer: o.issuer, audience: o.audience, requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) throw new InvalidToken('bad subject');
      return payload.sub;
    } catch (e) {
      throw new InvalidToken(e instanceof Error ? e.message : 'invalid token');
    }
  };
}

/** Signs a development token (npm run token); only with the HS256 secret. */
export async function signToken(subject: string, o: { secret: string; issuer: string; audience: string; ttl?: string }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setIssuedAt()
    .setExpirationTime(o.ttl ?? '8h')
    .sign(new TextEncoder().encode(o.secret));
}
