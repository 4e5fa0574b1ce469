import { SignJWT, generateKeyPair } from 'jose';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const ME = '{ me { id } }';
const secret = new TextEncoder().encode(DEVELOPMENT_JWT_SECRET);
const claims = (b: SignJWT) => b.setSubject('case-manager-a').setIssuer('need-to-know-api').setAudience('need-to-know-api').setIssuedAt();

async function expectUnauthenticated(token: string | undefined, headers: Record<string, string> = {}) {
  const res = await s.gql(null, ME, { token, headers });
  expect(res.status).toBe(401);
  expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.body.data).toBeUndefined();
}

describe('authentication over HTTP', () => {
  test('a valid token for a demo principal answers me', async () => {
    const res = await s.gql('case-manager-a', '{ me { id kind roles unit institution } }');
    expect(res.status).toBe(200);
    expect(res.body.data.me).toEqual({ id: 'case-manager-a', kind: 'staff', roles: ['case_manager'], unit: 'institution-A', institution: 'A' });
  });

  test('R13 answers with personal data are never stored by a cache: cache-control no-store, also on errors', async () => {
    const token = await s.token('case-manager-b');
    const ok = await s.post(JSON.stringify({ query: '{ person(id: "person-b1") { surname } }' }),
      { authorization: `Bearer ${token}`, 'x-purpose': 'DETENTION_MANAGEMENT' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const refused = await s.post(JSON.stringify({ query: ME }), {});
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  test('a client system is authenticated, then held to persisted operations', async () => {
    const res = await s.gql('afis-link', '{ me { id kind unit } }');
    expect(res.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
  });

  test('no token is UNAUTHENTICATED', () => expectUnauthenticated(undefined));

  test('a malformed token is UNAUTHENTICATED', () => expectUnauthenticated('not-a-jwt'));

  test('a non-bearer authorization header is UNAUTHENTICATED', () => expectUnauthenticated(undefined, { authorization: 'Basic Zm9vOmJhcg==' }));

  test('a token signed with another key is UNAUTHENTICATED', async () => {
    const other = await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-at-least-thirty-two-bytes!'));
    await expectUnauthenticated(other);
  });

  test('an expired token is UNAUTHENTICATED', async () => {
    const expired = await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }))
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(secret);
    await expectUnauthenticated(expired);
  });

  test('a token without expiry is UNAUTHENTICATED', async () => {
    await expectUnauthenticated(await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).sign(secret));
  });

  test('alg none is UNAUTHENTICATED', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'dpo', iss: 'need-to-know-api', aud: 'need-to-know-api', iat: now, exp: now + 3600 })}.`;
    await expectUnauthenticated(unsigned);
  });

  test('another algorithm (RS256 with the attacker\'s key) is UNAUTHENTICATED', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectUnauthenticated(await claims(new SignJWT({}).setProtectedHeader({ alg: 'RS256' })).setExpirationTime('1h').sign(privateKey));
  });

  test('a token for an unknown subject is UNAUTHENTICATED', async () => {
    await expectUnauthenticated(await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setSubject('nobody').setExpirationTime('1h').sign(secret));
  });

  test('R11 a revoked client system is UNAUTHENTICATED on its next request', async () => {
    await s.sql(`update client_system set active = false where id = 'municipality-x'`);
    try {
      await expectUnauthenticated(await s.token('municipality-x'));
    } finally {
      await s.sql(`update client_system set active = true where id = 'municipality-x'`);
    }
  });

  test('the error never echoes the token', async () => {
    const res = await s.gql(null, ME, { token: 'aaaa.bbbb.cccc' });
    expect(JSON.stringify(res.body)).not.toContain('aaaa.bbbb.cccc');
  });
});

describe('token lifetime and clock skew (issue 16, finding 16)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (iat: number, exp: number) =>
    new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('case-manager-a').setIssuer('need-to-know-api')
      .setAudience('need-to-know-api').setIssuedAt(iat).setExpirationTime(exp).sign(secret);
  const accepted = async (token: string) => {
    const res = await s.gql(null, ME, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.me.id).toBe('case-manager-a');
  };

  test('R15 a token issued an hour in the future is UNAUTHENTICATED', async () => {
    await expectUnauthenticated(await signed(now() + 3600, now() + 7200));
  });

  test('R15 a token that expires a century ahead is UNAUTHENTICATED', async () => {
    await expectUnauthenticated(await signed(now(), now() + 100 * 365 * 24 * 3600));
  });

  test('R15 a token issued more than the maximum lifetime ago is UNAUTHENTICATED, even if not yet expired', async () => {
    await expectUnauthenticated(await signed(now() - 13 * 3600, now() + 3600));
  });

  test('R15 a token without iat is UNAUTHENTICATED (its age cannot be bounded)', async () => {
    const noIat = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('case-manager-a').setIssuer('need-to-know-api')
      .setAudience('need-to-know-api').setExpirationTime('1h').sign(secret);
    await expectUnauthenticated(noIat);
  });

  test('within the bounds: iat 30 s ahead (clock skew) and a lifetime of exactly 12 h are accepted', async () => {
    await accepted(await signed(now() + 30, now() + 3600));
    await accepted(await signed(now(), now() + 12 * 3600));
  });

  test('R15 both bounds are configurable: JWT_MAX_LIFETIME_SECONDS and JWT_CLOCK_SKEW_SECONDS', async () => {
    const strict = await startTestServer({ env: { JWT_MAX_LIFETIME_SECONDS: '600', JWT_CLOCK_SKEW_SECONDS: '0' } });
    try {
      const ask = async (token: string) => (await strict.gql(null, ME, { token })).status;
      expect(await ask(await signed(now(), now() + 600))).toBe(200);
      expect(await ask(await signed(now(), now() + 3600))).toBe(401);
      expect(await ask(await signed(now() + 30, now() + 300))).toBe(401);
    } finally {
      await strict.stop();
    }
  });
});

describe('HTTP surface', () => {
  test('GET /healthz and GET /readyz answer', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('a body over the limit is refused before parsing', async () => {
    const res = await s.post(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(200_000)}` }), { authorization: `Bearer ${await s.token('dpo')}` });
    expect(res.status).toBe(413);
  });

  test('batched requests are refused', async () => {
    const res = await s.post(JSON.stringify([{ query: ME }, { query: ME }]), { authorization: `Bearer ${await s.token('dpo')}` });
    expect(res.status).toBe(400);
  });

  test('invalid JSON is a BAD_REQUEST', async () => {
    const res = await s.post('{"query": ', { authorization: `Bearer ${await s.token('dpo')}` });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('GET /graphql is refused', async () => {
    expect((await fetch(`${s.url}/graphql?query=%7Bme%7Bid%7D%7D`)).status).toBe(405);
  });

  test('a bad x-purpose header is BAD_USER_INPUT naming the header', async () => {
    const res = await s.gql('case-manager-a', ME, { purpose: 'drop table' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-purpose' });
  });
});

describe('query limits before execution', () => {
  test('a query deeper than the limit is refused', async () => {
    const deep = '{ persons { edges { node { dossiers { person { dossiers { person { dossiers { person { dossiers { person { dossiers { person { id } } } } } } } } } } } } } }';
    const res = await s.gql('case-manager-a', deep, { purpose: 'DETENTION_MANAGEMENT' });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await s.sql(`select count(*)::int as n from access_log where principal_id = 'case-manager-a' and outcome = 'GRANTED'`)).toEqual([{ n: 0 }]);
  });

  test('too many aliases are refused', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await s.gql('case-manager-a', `{ ${aliases} }`);
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('an unknown field gives a validation error without a stack trace', async () => {
    const res = await s.gql('case-manager-a', '{ nope }');
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.ts:/);
  });
});
