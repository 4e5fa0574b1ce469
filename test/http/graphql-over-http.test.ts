import { auditServer, type AuditResult } from 'graphql-http';
import { statusForMediaType } from '../../src/http/status-by-media-type.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let results: AuditResult[];
beforeAll(async () => {
  s = await startTestServer();
  const authorization = `Bearer ${await s.token('dpo')}`;
  // Every request to this API carries a caller's token: the audit's requests carry a staff member's.
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', authorization);
    return fetch(input, { ...init, headers });
  };
  results = await auditServer({ url: `${s.url}/graphql`, fetchFn });
});
afterAll(async () => { await s.stop(); });

const ids = (status: AuditResult['status']) => results.filter((r) => r.status === status).map((r) => r.id).sort();
const post = async (accept: string | null, body: object) => {
  const headers: Record<string, string> = { authorization: `Bearer ${await s.token('dpo')}` };
  if (accept) headers.accept = accept;
  const res = await s.post(JSON.stringify(body), headers);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
};

describe('GraphQL over HTTP, by graphql-http\'s own audit', () => {
  test('no MUST failure and no SHOULD warning', () => {
    const failing = results.filter((r) => r.status === 'error' || r.status === 'warn').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failing).toEqual([]);
    expect(ids('ok').length).toBeGreaterThanOrEqual(58);
  });

  test('the only notices are the MAY items about GET, which stays off on purpose (POST only)', () => {
    expect(ids('notice')).toEqual(['5A70', '6A70', 'D6D5']);
    for (const r of results.filter((x) => x.status === 'notice')) expect(r.name).toMatch(/GET/);
  });
});

describe('request errors: the status follows the media type the client accepts', () => {
  const PARSE = { query: '{' };
  const INVALID = { query: '{ nope }' };
  const COERCION = { query: 'query Q($all: Boolean) { processingRecords(includeInactive: $all) { code } }', variables: { all: 'yes' } };

  test('under application/json: 200 with the error, and no data', async () => {
    for (const [body, code] of [[PARSE, 'GRAPHQL_PARSE_FAILED'], [INVALID, 'GRAPHQL_VALIDATION_FAILED'], [COERCION, 'BAD_USER_INPUT']] as const) {
      for (const accept of ['application/json', '*/*', null]) {
        const res = await post(accept, body);
        expect([accept, res.status, res.type, res.body.errors?.[0].extensions?.code]).toEqual([accept, 200, 'application/json; charset=utf-8', code]);
        expect(res.body).not.toHaveProperty('data');
      }
    }
  });

  test('under application/graphql-response+json: 400, and no data', async () => {
    for (const [body, code] of [[PARSE, 'GRAPHQL_PARSE_FAILED'], [INVALID, 'GRAPHQL_VALIDATION_FAILED'], [COERCION, 'BAD_USER_INPUT']] as const) {
      const res = await post('application/graphql-response+json', body);
      expect([res.status, res.type, res.body.errors?.[0].extensions?.code]).toEqual([400, 'application/graphql-response+json; charset=utf-8', code]);
      expect(res.body).not.toHaveProperty('data');
    }
  });

  test('a document over the token limit is GRAPHQL_PARSE_FAILED (was a 500 from a plugin hook)', async () => {
    const res = await post('application/graphql-response+json', { query: `{ ${'me { id } '.repeat(700)}}` });
    expect([res.status, res.body.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });

  test('R12 the API\'s own refusals keep their status under either media type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const noPurpose = await post(accept, { query: '{ person(id: "person-a1") { surname } }' });
      expect([noPurpose.status, noPurpose.body.errors?.[0].extensions?.code]).toEqual([400, 'PURPOSE_REQUIRED']);
      const res = await s.post(JSON.stringify({ query: '{ me { id } }' }), { accept });
      expect(res.status).toBe(401);
    }
  });
});

describe('statusForMediaType', () => {
  const errors = (code: string) => JSON.stringify({ errors: [{ message: 'm', extensions: { code } }] });
  test('only a 400 of GraphQL request errors under application/json becomes 200', () => {
    expect(statusForMediaType(400, 'application/json; charset=utf-8', errors('GRAPHQL_VALIDATION_FAILED'))).toBe(200);
    expect(statusForMediaType(400, 'application/graphql-response+json; charset=utf-8', errors('GRAPHQL_VALIDATION_FAILED'))).toBe(400);
    expect(statusForMediaType(400, 'application/json; charset=utf-8', errors('PURPOSE_REQUIRED'))).toBe(400);
    expect(statusForMediaType(400, 'application/json', JSON.stringify({ data: null, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] }))).toBe(400);
    expect(statusForMediaType(503, 'application/json', errors('GRAPHQL_PARSE_FAILED'))).toBe(503);
    expect(statusForMediaType(400, 'application/json', 'not json')).toBe(400);
  });
});
