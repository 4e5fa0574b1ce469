import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

/** A header value as a client such as curl sends it: UTF-8 bytes, which Node's fetch writes one per character. */
const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('x-justification is stored as the caller wrote it (issue 16, functional bug)', () => {
  test('R10 a UTF-8 justification is stored intact in the access log', async () => {
    const justification = 'zaak 2026/ü 117 — Noël, Łódź';
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', {
      purpose: 'DETENTION_MANAGEMENT', headers: { 'x-justification': utf8Bytes(justification) },
    });
    expect(res.body.errors).toBeUndefined();
    const rows = await s.sql(`select distinct justification from access_log where principal_id = 'case-manager-a' and justification like 'zaak 2026/%'`);
    expect(rows).toEqual([{ justification }]);
  });

  test('a justification whose bytes are not UTF-8 (a browser\'s latin1 "ü") keeps its latin1 reading', async () => {
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', {
      purpose: 'DETENTION_MANAGEMENT', headers: { 'x-justification': 'dossier 2026/ü latin1' },
    });
    expect(res.body.errors).toBeUndefined();
    expect(await s.sql(`select distinct justification from access_log where justification like 'dossier 2026/%'`))
      .toEqual([{ justification: 'dossier 2026/ü latin1' }]);
  });

  test('R10 control characters in x-justification are BAD_USER_INPUT naming the header, and nothing is logged', async () => {
    for (const value of ['case\t117', utf8Bytes('case \u0085 117')]) {
      const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', {
        purpose: 'DETENTION_MANAGEMENT', headers: { 'x-justification': value },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-justification' });
    }
    expect(await s.sql(`select count(*)::int as n from access_log where justification like 'case%117'`)).toEqual([{ n: 0 }]);
  });
});

describe('a mutation registered by automatic persisted query (issue 16, functional bug)', () => {
  const CREATE = `mutation CreateRecord($input: ProcessingRecordInput!) { createProcessingRecord(input: $input) { code version } }`;
  const input = (code: string) => ({
    code, name: 'Transport planning', purpose: 'Planning transports between institutions.', legalBasis: 'Penitentiary Principles Act',
    dataSubjectCategories: ['detainees'], dataCategories: ['identity.name'], recipientCategories: ['internal:transport service'], retention: 'P1Y',
  });
  const apq = async (body: object) => {
    const res = await s.post(JSON.stringify(body), { authorization: `Bearer ${await s.token('dpo')}`, 'x-justification': 'apq mutation' });
    return { status: res.status, body: await res.json() };
  };

  test('R10 sent later by hash only, it still runs where it can write, with its log rows', async () => {
    const sha256Hash = createHash('sha256').update(CREATE).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const registered = await apq({ query: CREATE, variables: { input: input('APQ_FIRST') }, extensions: { persistedQuery } });
    expect(registered.body).toEqual({ data: { createProcessingRecord: { code: 'APQ_FIRST', version: 1 } } });

    const byHash = await apq({ variables: { input: input('APQ_SECOND') }, extensions: { persistedQuery } });
    expect(byHash.status).toBe(200);
    expect(byHash.body).toEqual({ data: { createProcessingRecord: { code: 'APQ_SECOND', version: 1 } } });
    expect(await s.sql(`select code from processing_record where code like 'APQ_%' order by code`)).toEqual([{ code: 'APQ_FIRST' }, { code: 'APQ_SECOND' }]);
    expect(await s.sql(`select subject_id from access_log where justification = 'apq mutation' and action = 'alter' order by seq`))
      .toEqual([{ subject_id: 'APQ_FIRST' }, { subject_id: 'APQ_SECOND' }]);
  });

  test('an unknown hash is still PERSISTED_QUERY_NOT_FOUND, and a read by hash still reads', async () => {
    const unknown = await apq({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const query = '{ me { id } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    expect((await apq({ query, extensions: { persistedQuery } })).body).toEqual({ data: { me: { id: 'dpo' } } });
    expect((await apq({ extensions: { persistedQuery } })).body).toEqual({ data: { me: { id: 'dpo' } } });
  });
});

describe('the cost limit counts with the variables\' values (issue 16, finding 5)', () => {
  // The review's example: fifteen aliases, each 100 persons × their dossiers × 100 entries.
  const aliases = Array.from({ length: 15 }, (_, i) =>
    `p${i}: persons(first: $n) { edges { node { id dossiers { id entries(first: $m) { edges { node { kind summary } } } } } } }`).join('\n');
  const HEAVY = `query Heavy($n: Int, $m: Int) { ${aliases} }`;

  test('R13 the aliased persons × dossiers × entries query with n = m = 100 is refused before execution, with its cost', async () => {
    const started = Date.now();
    const res = await s.gql('case-manager-a', HEAVY, { purpose: 'DETENTION_MANAGEMENT', variables: { n: 100, m: 100 }, justification: 'cost probe' });
    const ms = Date.now() - started;
    // A request error under application/json is 200 (GraphQL over HTTP; test/http/graphql-over-http.test.ts).
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 20_000 });
    expect(res.body.errors?.[0].extensions?.cost).toBeGreaterThan(20_000);
    expect(res.body.errors?.[0].message).toMatch(/over the limit of 20000/);
    // Refused before any resolver ran: nothing was read, so nothing was logged.
    expect(await s.sql(`select count(*)::int as n from access_log where justification = 'cost probe'`)).toEqual([{ n: 0 }]);
    expect(ms).toBeLessThan(5_000);
  });

  test('R13 an absent page size counts as the resolver\'s default, not as one', async () => {
    const withoutN = HEAVY.replace('$n: Int, ', '').replace(/\(first: \$n\)/g, '');
    const res = await s.gql('case-manager-a', withoutN, { purpose: 'DETENTION_MANAGEMENT', variables: { m: 100 } });
    // 15 × 20 persons (the default page) × 10 dossiers × 100 entries.
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 903_900 });
  });

  test('small page sizes in the same document pass', async () => {
    const res = await s.gql('case-manager-a', HEAVY, { purpose: 'DETENTION_MANAGEMENT', variables: { n: 2, m: 2 } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.p0.edges.length).toBeGreaterThan(0);
  });

  const EXPORT = (n: number) => `query Export($first: Int) { ${Array.from({ length: n }, (_, i) => `e${i}: exportAccessLog(format: JSON_LINES, first: $first) { count hasNextPage endCursor content }`).join(' ')} }`;

  test('R10 the documented export maximum, exportAccessLog(first: 10000) once, passes; fifteen of them are refused', async () => {
    const one = await s.gql('auditor', EXPORT(1), { purpose: 'SUPERVISION_AUDIT', variables: { first: 10_000 } });
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data.e0.count).toBeGreaterThan(0);
    const literal = await s.gql('auditor', '{ exportAccessLog(format: JSON_LINES, first: 10000) { count } }', { purpose: 'SUPERVISION_AUDIT' });
    expect(literal.body.errors).toBeUndefined();
    const fifteen = await s.gql('auditor', EXPORT(15), { purpose: 'SUPERVISION_AUDIT', variables: { first: 10_000 } });
    expect(fifteen.status).toBe(200);
    expect(fifteen.body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 150_000 });
  });

  test('fragments spread into each other cannot make the cost uncountable', async () => {
    // 8^6 spreads with a handful of tokens: execution merges them, a cost walk would visit each.
    const levels = 7;
    const fragments = Array.from({ length: levels }, (_, i) => i === levels - 1
      ? `fragment F${i} on Query { me { id } }`
      : `fragment F${i} on Query { ${`...F${i + 1} `.repeat(8)}}`).join('\n');
    const res = await s.gql('case-manager-a', `query { ...F0 }\n${fragments}`);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
