import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mainPortMetrics, metricsServer, nameOperation, observeGraphQLRequest } from '../../src/ops/metrics/index.js';
import { demoValues } from './support/demo-values.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';

const PERSON = `query Person($id: ID!) { person(id: $id) { id surname givenNames birthDate medicalNotes placement { institution } } }`;
const TOKEN = 'metrics-token-for-tests-only';

let s: TestServer;
beforeAll(async () => { s = await startTestServer({ env: { METRICS_TOKEN: TOKEN } }); });
afterAll(async () => { await s.stop(); });

const scrape = async (token: string | null = TOKEN) => {
  const res = await fetch(`${s.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
/** The value of one sample, by its exact name and labels as Prometheus prints them. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics (issue 19)', () => {
  onServer('R10 after real requests: requests, decisions, group commit, seal lag, pool and event loop, and no personal value or principal id', async () => {
    const justification = 'metrics test: transfer review 4711';
    const o = { purpose: 'DETENTION_MANAGEMENT', justification, variables: { id: 'person-a1' } };
    expect((await s.gql('case-manager-a', PERSON, o)).status).toBe(200);
    expect((await s.gql('case-manager-a', PERSON, { ...o, variables: { id: 'person-b1' } })).status).toBe(200);
    expect((await s.gql('case-manager-a', '{ persons(first: 5) { edges { node { surname } } } }', o)).status).toBe(200);
    expect((await s.gql(null, PERSON, o)).status).toBe(401);

    const m = await scrape();
    expect(m.status).toBe(200);
    expect(m.type).toContain('text/plain');
    // Ad-hoc operation names are the client's text: only the manifest's become labels.
    expect(sample(m.text, 'ntk_graphql_requests_total{operation="other",outcome="ok"}')).toBe(2);
    expect(sample(m.text, 'ntk_graphql_requests_total{operation="anonymous",outcome="ok"}')).toBe(1);
    expect(sample(m.text, 'ntk_graphql_requests_total{operation="unknown",outcome="unauthenticated"}')).toBe(1);
    expect(m.text).toMatch(/ntk_graphql_request_duration_seconds_count\{operation="other",outcome="ok"\} 2/);
    expect(sample(m.text, 'ntk_decisions_total{outcome="GRANTED",reason="none",category="identity.name"}')).toBeGreaterThan(0);
    expect(sample(m.text, 'ntk_decisions_total{outcome="DENIED",reason="CATEGORY_NOT_IN_PURPOSE",category="health"}')).toBeGreaterThan(0);
    expect(m.text).toMatch(/ntk_decisions_total\{outcome="DENIED",reason="(ROW_CONDITION|NOT_FOUND)"/);
    expect(sample(m.text, 'ntk_access_log_group_commit_rows_count')).toBeGreaterThan(0);
    expect(sample(m.text, 'ntk_access_log_group_commit_seconds_count')).toBeGreaterThan(0);
    // No sealer runs in this test server: the rows wait, and the scrape's query sees them.
    expect(sample(m.text, 'ntk_access_log_lag_query_ok')).toBe(1);
    expect(sample(m.text, 'ntk_access_log_unsealed_rows')).toBeGreaterThan(0);
    expect(sample(m.text, 'ntk_access_log_oldest_unsealed_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(m.text, 'ntk_db_pool_connections{pool="write",state="max"}')).toBe(10);
    expect(sample(m.text, 'ntk_db_pool_connections{pool="read",state="max"}')).toBe(10);
    expect(m.text).toContain('ntk_db_pool_waiting{pool="write"}');
    expect(m.text).toContain('nodejs_eventloop_lag_seconds');
    expect(m.text).toContain('nodejs_eventloop_lag_p99_seconds');

    const values = [...await demoValues(s.db.url), justification, 'person-a1', 'person-b1'];
    expect(values).toEqual(expect.arrayContaining(['Jansen', 'case-manager-a']));
    expect(values.filter((v) => m.text.includes(v))).toEqual([]);
    // Every label value is a name from code, policy or the manifest: no ids (uuids), no free text.
    for (const labels of m.text.matchAll(/\{([^}]*)\}/g)) expect(labels[1]).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\s/);
  });

  onServer('R10 a request refused for an unwritable log counts as AUDIT_LOG_UNAVAILABLE', async () => {
    const before = sample((await scrape()).text, 'ntk_audit_log_unavailable_total') ?? 0;
    await s.sql('revoke insert on access_log from ntk_app');
    try {
      const res = await s.gql('case-manager-a', PERSON, { purpose: 'DETENTION_MANAGEMENT', variables: { id: 'person-a1' } });
      expect(res.body.errors?.[0].extensions?.code).toBe('AUDIT_LOG_UNAVAILABLE');
    } finally {
      await s.sql('grant insert on access_log to ntk_app');
    }
    const after = (await scrape()).text;
    expect(sample(after, 'ntk_audit_log_unavailable_total')).toBe(before + 1);
    expect(sample(after, 'ntk_graphql_requests_total{operation="other",outcome="unavailable"}')).toBe(1);
  });

  onServer('with METRICS_TOKEN, GET /metrics wants the bearer token', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('wrong-token-of-the-same-size!')).status).toBe(401);
    expect((await scrape()).status).toBe(200);
  });
});

describe('where /metrics is served (issue 19)', () => {
  const base = { METRICS_ENABLED: true, production: false };

  test('production serves it on the API port only behind METRICS_TOKEN; METRICS_PORT moves it; off is off', () => {
    expect(mainPortMetrics({ ...base, production: true })).toBeUndefined();
    expect(mainPortMetrics({ ...base, production: true, METRICS_TOKEN: TOKEN })).toBeDefined();
    expect(mainPortMetrics(base)).toBeDefined();
    expect(mainPortMetrics({ ...base, METRICS_PORT: 9464 })).toBeUndefined();
    expect(mainPortMetrics({ ...base, METRICS_ENABLED: false })).toBeUndefined();
    expect(metricsServer(base)).toBeNull();
  });

  test('METRICS_PORT: a server of its own that answers GET /metrics and nothing else', async () => {
    const server = metricsServer({ ...base, METRICS_PORT: 0 })!;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('process_cpu_seconds_total');
      expect((await fetch(`${url}/graphql`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('an operation named in the manifest is its own label', async () => {
    const manifest = new Map([['abc', { name: 'IdentifyPerson' }]]);
    const server = createServer((_req, res) => {
      observeGraphQLRequest(res);
      nameOperation(res, 'IdentifyPerson', manifest);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const route = mainPortMetrics(base)!;
      const text = await new Promise<string>((resolve) => {
        const collect = createServer((req, res) => void route(req, res));
        collect.listen(0, '127.0.0.1', () => {
          void fetch(`http://127.0.0.1:${(collect.address() as AddressInfo).port}/metrics`).then((r) => r.text()).then((t) => collect.close(() => resolve(t)));
        });
      });
      expect(text).toContain('ntk_graphql_requests_total{operation="IdentifyPerson",outcome="ok"} 1');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
